//! Removing where a photo was taken from the file itself, for sharing it. The EXIF GPS
//! directory is taken out in place: its entry removed from the directory that points to it, its
//! entries and values overwritten with zeros. Nothing moves, so every other byte stays as it was:
//! the image data, and the other EXIF fields (orientation, date, camera, maker notes whose
//! offsets are absolute, the embedded thumbnail). Rewriting the EXIF block instead (with
//! kamadak-exif's experimental writer) would move fields and lose what it cannot re-encode.
//!
//! JPEG (each `Exif` APP1 segment; an XMP segment naming GPS fields is dropped), PNG (the
//! `eXIf` chunk, its CRC recomputed; an uncompressed XMP `iTXt` naming GPS fields is dropped),
//! WebP (the `EXIF` chunk) and HEIF/HEIC (the EXIF item, found where kamadak-exif read it).
//! Whatever is returned, kamadak-exif finds no GPS field in it, or the call fails.

use super::{guarded, read_exif, sniffed};
use crate::DocError;
use std::ops::Range;

/// The file with its EXIF GPS data removed and every other byte of the image untouched (no
/// re-encoding). Files without GPS data, and files that are not JPEG, PNG, WebP or HEIF, are
/// returned unchanged. A file whose metadata is too damaged to walk is an error: its location
/// could not be shown to be gone.
pub fn strip_gps(bytes: &[u8]) -> Result<Vec<u8>, DocError> {
    let stripped = guarded(|| match sniffed(bytes, "") {
        Some("image/jpeg") => jpeg(bytes),
        Some("image/png") => png(bytes),
        Some("image/webp") => webp(bytes),
        Some("image/heic" | "image/heif" | "image/avif") => heif(bytes),
        _ => Ok(bytes.to_vec()),
    })
    .unwrap_or_else(|| Err(damaged()))?;
    if guarded(|| read_exif(&stripped).is_some_and(|e| has_gps(&e))).unwrap_or(true) {
        return Err(DocError::Image(
            "the photo's location could not be removed from this file".to_owned(),
        ));
    }
    Ok(stripped)
}

fn damaged() -> DocError {
    DocError::Image(
        "the photo file is damaged: its metadata cannot be read, so its location cannot be removed"
            .to_owned(),
    )
}

fn has_gps(exif: &exif::Exif) -> bool {
    exif.fields()
        .any(|f| f.tag.context() == exif::Context::Gps || f.tag == exif::Tag::GPSInfoIFDPointer)
}

/// Whether an EXIF block (a TIFF structure) has GPS data, as kamadak-exif reads it.
fn block_has_gps(tiff: &[u8]) -> bool {
    let mut reader = exif::Reader::new();
    reader.continue_on_error(true);
    match reader.read_raw(tiff.to_vec()) {
        Ok(exif) => has_gps(&exif),
        Err(exif::Error::PartialResult(partial)) => has_gps(&partial.into_inner().0),
        // Unreadable: no reader finds a location in it either.
        Err(_) => false,
    }
}

/// An EXIF block with its GPS directory taken out, or `None` when it must be dropped whole
/// (it cannot be walked, yet a reader finds GPS data in it).
fn without_gps(tiff: &[u8]) -> Option<Vec<u8>> {
    let mut edited = tiff.to_vec();
    match remove_gps(&mut edited) {
        Some(_) => Some(edited),
        None if block_has_gps(tiff) => None,
        None => Some(tiff.to_vec()),
    }
}

const EXIF_HEADER: &[u8] = b"Exif\0\0";
const XMP_HEADER: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

/// Whether an XMP packet names GPS fields (`exif:GPSLatitude`, `exif:GPSLongitude`, …).
fn xmp_has_gps(xmp: &[u8]) -> bool {
    xmp.windows(b"GPSL".len()).any(|w| w == b"GPSL")
}

fn jpeg(bytes: &[u8]) -> Result<Vec<u8>, DocError> {
    const SOS: u8 = 0xDA;
    const EOI: u8 = 0xD9;
    const APP1: u8 = 0xE1;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..2).ok_or_else(damaged)?);
    let mut at = 2;
    loop {
        if at == bytes.len() {
            return Ok(out);
        }
        if bytes[at] != 0xFF {
            return Err(damaged());
        }
        // A marker may be preceded by fill bytes (0xFF).
        let mut code_at = at + 1;
        while bytes.get(code_at) == Some(&0xFF) {
            code_at += 1;
        }
        let &code = bytes.get(code_at).ok_or_else(damaged)?;
        match code {
            // The image data, as it is, to the end.
            SOS | EOI => {
                out.extend_from_slice(&bytes[at..]);
                return Ok(out);
            }
            // Markers without a segment.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[at..=code_at]);
                at = code_at + 1;
                continue;
            }
            _ => {}
        }
        let length = bytes
            .get(code_at + 1..code_at + 3)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .filter(|&l| l >= 2)
            .ok_or_else(damaged)?;
        let end = code_at + 1 + length;
        let segment = bytes.get(at..end).ok_or_else(damaged)?;
        let payload = &bytes[code_at + 3..end];
        if code == APP1 && payload.starts_with(EXIF_HEADER) {
            if let Some(tiff) = without_gps(&payload[EXIF_HEADER.len()..]) {
                out.extend_from_slice(&bytes[at..code_at + 3 + EXIF_HEADER.len()]);
                out.extend_from_slice(&tiff);
            }
        } else if !(code == APP1 && payload.starts_with(XMP_HEADER) && xmp_has_gps(payload)) {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

fn png(bytes: &[u8]) -> Result<Vec<u8>, DocError> {
    let mut out = bytes.get(..8).ok_or_else(damaged)?.to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let length = bytes
            .get(at..at + 4)
            .and_then(|b| usize::try_from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok())
            .ok_or_else(damaged)?;
        let end = at
            .checked_add(12)
            .and_then(|e| e.checked_add(length))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(damaged)?;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..end - 4];
        match kind {
            b"eXIf" => {
                let skip = if data.starts_with(EXIF_HEADER) {
                    EXIF_HEADER.len()
                } else {
                    0
                };
                match without_gps(&data[skip..]) {
                    Some(tiff) if tiff == data[skip..] => out.extend_from_slice(&bytes[at..end]),
                    Some(tiff) => {
                        let mut chunk = bytes[at..end - 4].to_vec();
                        chunk[8 + skip..].copy_from_slice(&tiff);
                        let crc = crc32fast::hash(&chunk[4..]);
                        out.extend_from_slice(&chunk);
                        out.extend_from_slice(&crc.to_be_bytes());
                    }
                    None => {}
                }
            }
            b"iTXt" if data.starts_with(b"XML:com.adobe.xmp\0") && xmp_has_gps(data) => {}
            _ => out.extend_from_slice(&bytes[at..end]),
        }
        at = end;
        if kind == b"IEND" {
            out.extend_from_slice(&bytes[at..]);
            break;
        }
    }
    Ok(out)
}

fn webp(bytes: &[u8]) -> Result<Vec<u8>, DocError> {
    let mut out = bytes.to_vec();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let size = usize::try_from(u32::from_le_bytes([
            bytes[at + 4],
            bytes[at + 5],
            bytes[at + 6],
            bytes[at + 7],
        ]))
        .map_err(|_| damaged())?;
        let data = at + 8..at.checked_add(8 + size).ok_or_else(damaged)?;
        if data.end > bytes.len() {
            return Err(damaged());
        }
        if &bytes[at..at + 4] == b"EXIF" {
            let start = if bytes[data.clone()].starts_with(EXIF_HEADER) {
                data.start + EXIF_HEADER.len()
            } else {
                data.start
            };
            // A chunk cannot be dropped without rewriting the headers: an EXIF block that
            // cannot be walked but has GPS data fails the check in `strip_gps`.
            if let Some(tiff) = without_gps(&bytes[start..data.end]) {
                out[start..data.end].copy_from_slice(&tiff);
            }
        }
        at = data.end + (size & 1);
    }
    Ok(out)
}

/// HEIF/HEIC: the EXIF item is where kamadak-exif read it (a single extent, as cameras and
/// phones write it); it is edited there.
fn heif(bytes: &[u8]) -> Result<Vec<u8>, DocError> {
    let Some(exif) = read_exif(bytes) else {
        return Ok(bytes.to_vec());
    };
    if !has_gps(&exif) {
        return Ok(bytes.to_vec());
    }
    let block = exif.buf();
    let start = (!block.is_empty())
        .then(|| bytes.windows(block.len()).position(|w| w == block))
        .flatten()
        .ok_or_else(|| {
            DocError::Image(
                "the location cannot be removed from this HEIC photo: its EXIF is in pieces"
                    .to_owned(),
            )
        })?;
    let mut out = bytes.to_vec();
    remove_gps(&mut out[start..start + block.len()]).ok_or_else(damaged)?;
    Ok(out)
}

/// Byte order of a TIFF structure.
#[derive(Debug, Clone, Copy)]
struct Order {
    big_endian: bool,
}

impl Order {
    fn u16(self, b: &[u8], at: usize) -> Option<u16> {
        let b: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }
    fn u32(self, b: &[u8], at: usize) -> Option<usize> {
        let b: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
        usize::try_from(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
        .ok()
    }
    fn put_u16(self, b: &mut [u8], at: usize, value: u16) {
        let bytes = if self.big_endian {
            value.to_be_bytes()
        } else {
            value.to_le_bytes()
        };
        b[at..at + 2].copy_from_slice(&bytes);
    }
}

const GPS_POINTER: u16 = 0x8825;
const ENTRY: usize = 12;

/// Takes the GPS directory out of an EXIF block in place, from every directory of the main
/// chain (IFD0, the thumbnail's IFD1). `Some(whether there was one)`, or `None` when the block
/// cannot be walked.
fn remove_gps(tiff: &mut [u8]) -> Option<bool> {
    let order = match tiff.get(0..2)? {
        b"MM" => Order { big_endian: true },
        b"II" => Order { big_endian: false },
        _ => return None,
    };
    if order.u16(tiff, 2)? != 42 {
        return None;
    }
    let mut found = false;
    let mut directory = order.u32(tiff, 4)?;
    let mut walked = 0;
    // Offsets below 8 would point into the header: the end of the chain (0) or a broken one.
    while directory >= 8 && walked < 4 {
        walked += 1;
        let count = usize::from(order.u16(tiff, directory)?);
        let entries = directory + 2;
        let end = entries + ENTRY * count;
        let next = order.u32(tiff, end)?;
        let table = directory..end + 4;
        let mut i = 0;
        let mut left = count;
        while i < left {
            let entry = entries + ENTRY * i;
            if order.u16(tiff, entry)? != GPS_POINTER {
                i += 1;
                continue;
            }
            let gps = order.u32(tiff, entry + 8)?;
            // The later entries and the next directory's offset move up by one entry.
            let table_end = entries + ENTRY * left + 4;
            tiff.copy_within(entry + ENTRY..table_end, entry);
            tiff[table_end - ENTRY..table_end].fill(0);
            left -= 1;
            order.put_u16(tiff, directory, u16::try_from(left).ok()?);
            wipe_directory(tiff, gps, order, &table);
            found = true;
        }
        directory = next;
    }
    Some(found)
}

/// Overwrites a directory and the values it points to with zeros, sparing `keep` (the
/// directory that pointed to it, should a hostile file make them overlap).
fn wipe_directory(tiff: &mut [u8], at: usize, order: Order, keep: &Range<usize>) {
    let Some(count) = order.u16(tiff, at).map(usize::from) else {
        return;
    };
    let mut wipes = Vec::with_capacity(count + 1);
    for i in 0..count {
        let entry = at + 2 + ENTRY * i;
        let (Some(kind), Some(n)) = (order.u16(tiff, entry + 2), order.u32(tiff, entry + 4)) else {
            break;
        };
        let size = value_size(kind).saturating_mul(n);
        // Values of four bytes or less are in the entry itself.
        if size > 4
            && let Some(offset) = order.u32(tiff, entry + 8)
        {
            wipes.push(offset..offset.saturating_add(size));
        }
    }
    wipes.push(at..at.saturating_add(2 + ENTRY * count + 4));
    for range in wipes {
        let range = range.start.min(tiff.len())..range.end.min(tiff.len());
        if range.start < range.end && (range.end <= keep.start || keep.end <= range.start) {
            tiff[range].fill(0);
        }
    }
}

/// The size of one value of a TIFF field type (0 for an unknown type).
fn value_size(kind: u16) -> usize {
    match kind {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gps_pointer_is_taken_out_and_its_directory_zeroed() {
        // Big-endian TIFF: IFD0 at 8 with two entries (Orientation, GPS pointer → 38), then
        // a GPS directory with one entry (GPSLatitudeRef "N").
        let mut tiff = vec![b'M', b'M', 0, 42, 0, 0, 0, 8];
        tiff.extend([0, 2]);
        tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
        tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
        tiff.extend([0, 0, 0, 0]);
        assert_eq!(tiff.len(), 38);
        tiff.extend([0, 1]);
        tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend([0, 0, 0, 0]);
        let before = tiff.clone();
        assert_eq!(remove_gps(&mut tiff), Some(true));
        assert_eq!(tiff.len(), before.len(), "nothing moves");
        assert_eq!(&tiff[8..10], &[0, 1], "one entry left");
        assert_eq!(&tiff[10..22], &before[10..22], "orientation kept");
        assert!(
            tiff[22..].iter().all(|&b| b == 0),
            "GPS pointer and data gone"
        );
        assert_eq!(remove_gps(&mut tiff), Some(false), "idempotent");
        assert_eq!(remove_gps(&mut [0u8; 3]), None);
    }
}
