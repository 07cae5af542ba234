//! Photos and other files attached to site visits: what a file is (read from its first bytes,
//! not trusted from its name), what a photo shows (its size as displayed, where and when it was
//! taken), a small copy for the documents (upright, re-encoded, without any metadata), and the
//! original file without its location, for sharing.
//!
//! Decoding goes through `image` with limits, so a hostile file is an error of that one photo,
//! not an exhausted memory; EXIF is read with `kamadak-exif`. HEIC, what iPhones take, is
//! recognised and its EXIF read, but it is not decoded: there is no maintained HEIC decoder in
//! Rust (libheif is C), so HEIC photos are kept and listed, not shown.

mod location;

use crate::{DocError, Minutes, PhotoLayout};
use chrono::NaiveDate;
use exif::{In, Tag, Value};
use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage,
    codecs::jpeg::JpegEncoder, imageops::FilterType, metadata::Orientation,
};
use serde::{Deserialize, Serialize};
use std::{
    io::Cursor,
    sync::atomic::{AtomicUsize, Ordering},
};

pub use location::strip_gps;

/// Where a photo was taken, in decimal degrees (south and west negative).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gps {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

/// What an attached file is and, for a photo, what its metadata says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoInfo {
    /// The media type, from the file's first bytes (see [`media_type`]).
    pub media_type: String,
    /// The width as displayed (after the EXIF orientation), when it can be read.
    pub width: Option<u32>,
    /// The height as displayed, when it can be read.
    pub height: Option<u32>,
    /// Where it was taken (EXIF GPS).
    pub gps: Option<Gps>,
    /// When it was taken (EXIF `DateTimeOriginal`, camera's local time), as
    /// `YYYY-MM-DD HH:MM:SS`.
    pub taken: Option<String>,
}

/// The largest photo decoded, in pixels: a 100-megapixel camera's. Bigger is refused.
const MAX_PIXELS: u64 = 100_000_000;
/// What decoding one photo may allocate.
const MAX_ALLOC: u64 = 1 << 30;
/// The re-encoded copies' JPEG quality: no visible loss at print sizes.
const JPEG_QUALITY: u8 = 85;
/// The longer side of a thumbnail in the documents, in pixels (≈ 290 dpi at 5.3 cm).
const THUMBNAIL_SIDE: u32 = 600;
/// The longer side of a full-width photo in the documents (≈ 280 dpi at 16.6 cm).
const FULL_WIDTH_SIDE: u32 = 1800;

const HEIC_MESSAGE: &str =
    "HEIC photos are kept but cannot be shown: no maintained Rust decoder for HEIC";

/// The media type of a file: from its first bytes when they say (JPEG, PNG, GIF, WebP,
/// HEIC/HEIF/AVIF, PDF; ZIP-based office documents and the older OLE ones, told apart by the
/// name's extension), else from the name's extension, else `application/octet-stream`.
pub fn media_type(name: &str, bytes: &[u8]) -> String {
    let extension = extension(name);
    sniffed(bytes, &extension)
        .or_else(|| by_extension(&extension))
        .unwrap_or("application/octet-stream")
        .to_owned()
}

/// Whether a media type is an image (even one that cannot be shown, such as HEIC).
pub fn is_image(media_type: &str) -> bool {
    media_type.starts_with("image/")
}

/// What an attached file is and what its metadata says. Never fails: what cannot be read is
/// `None`.
pub fn inspect(name: &str, bytes: &[u8]) -> PhotoInfo {
    let media_type = media_type(name, bytes);
    let exif = guarded(|| read_exif(bytes)).flatten();
    let size = guarded(|| displayed_size(bytes))
        .flatten()
        .or_else(|| exif.as_ref().and_then(exif_size));
    PhotoInfo {
        media_type,
        width: size.map(|(w, _)| w),
        height: size.map(|(_, h)| h),
        gps: exif.as_ref().and_then(gps),
        taken: exif.as_ref().and_then(taken),
    }
}

/// A JPEG copy of a photo for a document: upright (its EXIF orientation applied), its longer
/// side at most `max_side` pixels (never enlarged), transparency on white, and no metadata at
/// all (no EXIF, so no location). HEIC and files that are not JPEG, PNG, GIF or WebP are an
/// error ([`DocError::Image`]).
pub fn thumbnail(bytes: &[u8], max_side: u32) -> Result<Vec<u8>, DocError> {
    shrunk(bytes, max_side).map(|jpeg| jpeg.bytes)
}

/// A re-encoded photo.
#[derive(Debug)]
pub(crate) struct Jpeg {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

fn shrunk(bytes: &[u8], max_side: u32) -> Result<Jpeg, DocError> {
    guarded(|| {
        let mut decoder = decoder(bytes)?;
        let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
        let image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
        // Scaled as stored, then turned: turning the small copy is cheaper.
        let (width, height) = fitted(image.width(), image.height(), max_side.max(1));
        let mut image = if (width, height) == (image.width(), image.height()) {
            image
        } else if image.width() >= width.saturating_mul(2) {
            // Area averaging: fast, every pixel counts, fine at twice the size and more.
            image.thumbnail_exact(width, height)
        } else {
            // Close to the size wanted, averaging would alias: a proper filter.
            image.resize_exact(width, height, FilterType::Triangle)
        };
        image.apply_orientation(orientation);
        let (width, height) = (image.width(), image.height());
        let rgb = on_white(image);
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&rgb)
            .map_err(|e| DocError::Image(format!("the photo could not be re-encoded: {e}")))?;
        Ok(Jpeg {
            bytes: out,
            width,
            height,
        })
    })
    .unwrap_or_else(|| Err(unreadable("its decoder failed")))
}

/// A photo as a document prints it, in the order attached.
#[derive(Debug)]
pub(crate) struct PrintedPhoto<'a> {
    /// Its visit's place in [`Minutes::visits`].
    pub visit: usize,
    /// Its caption (none when blank).
    pub caption: Option<&'a str>,
    /// The file's name (printed for a photo not shown that has no caption).
    pub name: &'a str,
    /// The copy printed, or why there is none.
    pub image: Result<Jpeg, Unshown>,
}

/// Why a photo is listed without its image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unshown {
    /// It is a HEIC (or other HEIF) photo.
    Heic,
    /// It could not be decoded.
    Unreadable,
}

/// The photos a document prints for a layout: none for [`PhotoLayout::None`], otherwise each
/// photo of an existing visit, re-encoded at the layout's size (in parallel: decoding a phone's
/// photo takes a tenth of a second or more).
pub(crate) fn printed(m: &Minutes, layout: PhotoLayout) -> Vec<PrintedPhoto<'_>> {
    let max_side = match layout {
        PhotoLayout::None => return Vec::new(),
        PhotoLayout::Thumbnails => THUMBNAIL_SIDE,
        PhotoLayout::FullWidth => FULL_WIDTH_SIDE,
    };
    let photos: Vec<&crate::Photo> = m
        .photos
        .iter()
        .filter(|p| p.visit < m.visits.len())
        .collect();
    let images = parallel_map(&photos, |p| {
        shrunk(&p.bytes, max_side).map_err(|_| match sniffed(&p.bytes, "") {
            Some("image/heic" | "image/heif") => Unshown::Heic,
            _ => Unshown::Unreadable,
        })
    });
    photos
        .into_iter()
        .zip(images)
        .map(|(p, image)| PrintedPhoto {
            visit: p.visit,
            caption: p.caption.as_deref().filter(|c| !c.trim().is_empty()),
            name: &p.name,
            image,
        })
        .collect()
}

/// `f` over `items`, spread over the machine's cores (each takes the next item left), in order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Runs a decoder or parser on untrusted bytes. They are pure Rust and fuzzed by their authors,
/// but a panic on one hostile file must stay that file's error, not end the export or the app.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

fn unreadable(why: impl std::fmt::Display) -> DocError {
    DocError::Image(format!("the photo cannot be read: {why}"))
}

/// The decoder for a photo that can be shown, with limits set.
fn decoder(bytes: &[u8]) -> Result<impl ImageDecoder + '_, DocError> {
    let format = match sniffed(bytes, "") {
        Some("image/jpeg") => ImageFormat::Jpeg,
        Some("image/png") => ImageFormat::Png,
        Some("image/gif") => ImageFormat::Gif,
        Some("image/webp") => ImageFormat::WebP,
        Some("image/heic" | "image/heif") => return Err(DocError::Image(HEIC_MESSAGE.to_owned())),
        Some(other) => {
            return Err(DocError::Image(format!(
                "this file ({other}) is not a photo that can be shown (JPEG, PNG, GIF or WebP)"
            )));
        }
        None => {
            return Err(DocError::Image(
                "the file is not a photo that can be shown (JPEG, PNG, GIF or WebP)".to_owned(),
            ));
        }
    };
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(DocError::Image(format!(
            "the photo is too large to show: {width}×{height} pixels, at most 100 megapixels"
        )));
    }
    Ok(decoder)
}

/// The size as displayed, from the headers only (nothing decoded).
fn displayed_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut decoder = decoder(bytes).ok()?;
    let size = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Some(turned(size, orientation))
}

fn turned((width, height): (u32, u32), orientation: Orientation) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

/// A size scaled down so that its longer side is at most `max_side`, never up.
fn fitted(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longer) / 2) / u64::from(longer);
        u32::try_from(scaled).unwrap_or(max_side).max(1)
    };
    (scale(width), scale(height))
}

/// The image without transparency, on white (JPEG has none; dropping alpha would show what
/// transparent pixels happen to hold, often black).
fn on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let alpha = u32::from(p[3]);
        image::Rgb([0, 1, 2].map(|i| {
            let blended = (u32::from(p[i]) * alpha + 255 * (255 - alpha) + 127) / 255;
            u8::try_from(blended).unwrap_or(u8::MAX)
        }))
    })
}

/// The EXIF of a JPEG, PNG, WebP or HEIF file: as much as can be read of it.
pub(crate) fn read_exif(bytes: &[u8]) -> Option<exif::Exif> {
    let mut reader = exif::Reader::new();
    reader.continue_on_error(true);
    match reader.read_from_container(&mut Cursor::new(bytes)) {
        Ok(exif) => Some(exif),
        Err(exif::Error::PartialResult(partial)) => Some(partial.into_inner().0),
        Err(_) => None,
    }
}

/// The size as displayed, from EXIF alone (for HEIC, which is not decoded).
fn exif_size(exif: &exif::Exif) -> Option<(u32, u32)> {
    let side = |tag| exif.get_field(tag, In::PRIMARY)?.value.get_uint(0);
    let size = (side(Tag::PixelXDimension)?, side(Tag::PixelYDimension)?);
    let orientation = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|o| u8::try_from(o).ok())
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms);
    (size.0 > 0 && size.1 > 0).then(|| turned(size, orientation))
}

fn gps(exif: &exif::Exif) -> Option<Gps> {
    let lat = coordinate(exif, Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S')?;
    let lon = coordinate(exif, Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W')?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some(Gps { lat, lon })
}

/// Degrees, minutes and seconds as decimal degrees, negative when the reference is `negative`.
fn coordinate(exif: &exif::Exif, tag: Tag, reference: Tag, negative: u8) -> Option<f64> {
    let Value::Rational(parts) = &exif.get_field(tag, In::PRIMARY)?.value else {
        return None;
    };
    if parts.is_empty() {
        return None;
    }
    let degrees: f64 = parts
        .iter()
        .zip([1.0, 60.0, 3600.0])
        .map(|(part, unit)| part.to_f64() / unit)
        .sum();
    if !degrees.is_finite() {
        return None;
    }
    let is_negative = match exif.get_field(reference, In::PRIMARY).map(|f| &f.value) {
        Some(Value::Ascii(values)) => values
            .first()
            .and_then(|v| v.first())
            .is_some_and(|c| c.eq_ignore_ascii_case(&negative)),
        _ => false,
    };
    Some(if is_negative { -degrees } else { degrees })
}

fn taken(exif: &exif::Exif) -> Option<String> {
    let Value::Ascii(values) = &exif.get_field(Tag::DateTimeOriginal, In::PRIMARY)?.value else {
        return None;
    };
    let t = exif::DateTime::from_ascii(values.first()?).ok()?;
    // Cameras without a clock write zeros: no date rather than a wrong one.
    NaiveDate::from_ymd_opt(t.year.into(), t.month.into(), t.day.into())?
        .and_hms_opt(t.hour.into(), t.minute.into(), t.second.into())
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// The name's extension, in lower case.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The media type the first bytes say, if they say one. ZIP and OLE files are told apart by
/// the name's extension.
pub(crate) fn sniffed(bytes: &[u8], extension: &str) -> Option<&'static str> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(PNG) {
        Some("image/png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(match extension {
            "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" => by_extension(extension)?,
            _ => "application/zip",
        })
    } else if bytes.starts_with(OLE) {
        Some(match extension {
            "doc" | "xls" | "ppt" => by_extension(extension)?,
            _ => "application/x-ole-storage",
        })
    } else {
        heif_family(bytes)
    }
}

/// HEIC, HEIF or AVIF, from the ISO base media file's `ftyp` brands (the major brand first).
fn heif_family(bytes: &[u8]) -> Option<&'static str> {
    if bytes.get(4..8) != Some(b"ftyp") {
        return None;
    }
    let size = usize::try_from(u32::from_be_bytes(bytes.get(0..4)?.try_into().ok()?)).ok()?;
    let major = bytes.get(8..12)?;
    let compatible = bytes
        .get(16..size.min(bytes.len()))
        .unwrap_or_default()
        .chunks_exact(4);
    let brands = || std::iter::once(major).chain(compatible.clone());
    for brand in brands() {
        match brand {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"hevm" | b"hevs" => {
                return Some("image/heic");
            }
            b"avif" | b"avis" => return Some("image/avif"),
            _ => {}
        }
    }
    brands()
        .any(|b| b == b"mif1" || b == b"msf1")
        .then_some("image/heif")
}

fn by_extension(extension: &str) -> Option<&'static str> {
    Some(match extension {
        "jpg" | "jpeg" | "jpe" | "jfif" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "avif" => "image/avif",
        "tif" | "tiff" => "image/tiff",
        "bmp" => "image/bmp",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "zip" => "application/zip",
        "txt" => "text/plain",
        "csv" => "text/csv",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_say_what_a_file_is_before_its_name() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0];
        assert_eq!(
            media_type("photo.png", &jpeg),
            "image/jpeg",
            "a JPEG misnamed .png"
        );
        assert_eq!(media_type("x", b"\x89PNG\r\n\x1a\n...."), "image/png");
        assert_eq!(media_type("x", b"GIF89a......"), "image/gif");
        assert_eq!(media_type("x", b"RIFF\0\0\0\0WEBPVP8 "), "image/webp");
        assert_eq!(media_type("x", b"%PDF-1.7\n"), "application/pdf");
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(media_type("IMG_0001.HEIC", heic), "image/heic");
        let heif = b"\0\0\0\x14ftypmif1\0\0\0\0mif1";
        assert_eq!(media_type("a", heif), "image/heif");
        let avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf";
        assert_eq!(media_type("a", avif), "image/avif");
        assert_eq!(
            media_type("rapport.DOCX", b"PK\x03\x04...."),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "a zip named .docx is Word's"
        );
        assert_eq!(media_type("archive", b"PK\x03\x04...."), "application/zip");
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0];
        assert_eq!(media_type("old.xls", &ole), "application/vnd.ms-excel");
        assert_eq!(media_type("notes.txt", b"hello"), "text/plain", "by name");
        assert_eq!(
            media_type("dir.x/file", b"hello"),
            "application/octet-stream"
        );
        assert_eq!(media_type("", b""), "application/octet-stream");
        assert!(is_image("image/heic") && !is_image("application/pdf"));
    }

    #[test]
    fn sizes_are_scaled_down_never_up() {
        assert_eq!(fitted(1200, 800, 600), (600, 400));
        assert_eq!(fitted(800, 1200, 600), (400, 600));
        assert_eq!(fitted(300, 200, 600), (300, 200), "never enlarged");
        assert_eq!(fitted(10_000, 1, 100), (100, 1), "never zero");
    }
}
