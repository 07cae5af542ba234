//! What the app learns from an attached photo, the copies the documents print, and the
//! original without its location.

use crate::{BLUE, Camera, FES, RED, WHITE, heic, jpeg, phone_photo, picture, with_exif};
use mahdar_docs::{
    DocError,
    photos::{Gps, inspect, is_image, media_type, strip_gps, thumbnail},
};
use std::cell::Cell;

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(&x, y)| x.abs_diff(y) < 40)
}

/// The bytes from a JPEG's start of scan to its end: the compressed image.
fn image_data(jpeg: &[u8]) -> &[u8] {
    let sos = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xDA])
        .expect("a start of scan");
    &jpeg[sos..]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn inspect_reads_where_and_when_and_the_upright_size() {
    // Stored 1200 × 800, orientation 6 (turn 90° clockwise): shown 800 × 1200.
    let info = inspect("IMG_2041.JPG", &phone_photo(1200, 800, RED, WHITE));
    assert_eq!(info.media_type, "image/jpeg");
    assert_eq!(
        (info.width, info.height),
        (Some(800), Some(1200)),
        "the size as displayed, after the EXIF orientation"
    );
    let gps = info.gps.expect("the GPS position is read");
    assert!(
        (gps.lat - FES.0).abs() < 1e-4 && (gps.lon - FES.1).abs() < 1e-4,
        "Fès, west negative: {gps:?}"
    );
    assert_eq!(info.taken.as_deref(), Some("2026-11-28 10:15:00"));

    let south = with_exif(
        &jpeg(&picture(64, 48, RED, WHITE)),
        Camera {
            orientation: 1,
            gps: Some((-33.8688, 151.2093)),
            taken: Some("0000:00:00 00:00:00"),
        },
    );
    let info = inspect("sydney.jpg", &south);
    let Gps { lat, lon } = info.gps.unwrap();
    assert!(
        (lat + 33.8688).abs() < 1e-4 && (lon - 151.2093).abs() < 1e-4,
        "south negative, east positive"
    );
    assert_eq!(info.taken, None, "a camera without a clock gives no date");
    assert_eq!((info.width, info.height), (Some(64), Some(48)));

    let plain = inspect("scan.png", b"not an image at all");
    assert_eq!(
        plain.media_type, "image/png",
        "by the name, the bytes saying nothing"
    );
    assert_eq!((plain.width, plain.gps, plain.taken), (None, None, None));
}

#[test]
fn a_thumbnail_is_upright_small_and_carries_no_metadata() {
    let photo = phone_photo(1200, 800, RED, WHITE);
    let small = thumbnail(&photo, 600).unwrap();
    assert!(small.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
    assert!(!contains(&small, b"Exif"), "no EXIF, so no location");
    assert!(inspect("t.jpg", &small).gps.is_none());
    let shown = image::load_from_memory(&small).unwrap().to_rgb8();
    assert_eq!(
        shown.dimensions(),
        (400, 600),
        "a portrait: the orientation is applied, the longer side is 600"
    );
    // The stored top-left corner is, turned 90° clockwise, the top-right one.
    assert!(near(shown.get_pixel(300, 100).0, RED), "top right is red");
    assert!(
        near(shown.get_pixel(100, 100).0, WHITE),
        "top left is white"
    );
    assert!(
        near(shown.get_pixel(300, 500).0, WHITE),
        "bottom right is white"
    );

    let tiny = jpeg(&picture(300, 200, BLUE, WHITE));
    let copy = thumbnail(&tiny, 600).unwrap();
    let copy = image::load_from_memory(&copy).unwrap();
    assert_eq!((copy.width(), copy.height()), (300, 200), "never enlarged");

    // A PNG with transparency is put on white.
    let mut rgba = image::RgbaImage::new(40, 20);
    rgba.put_pixel(0, 0, image::Rgba([255, 0, 0, 255]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(rgba)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let copy = image::load_from_memory(&thumbnail(&png, 600).unwrap())
        .unwrap()
        .to_rgb8();
    assert!(
        near(copy.get_pixel(20, 10).0, WHITE),
        "transparent is white"
    );
}

#[test]
fn strip_gps_removes_the_location_and_nothing_else() {
    let photo = phone_photo(1200, 800, RED, WHITE);
    let stripped = strip_gps(&photo).unwrap();
    let info = inspect("x.jpg", &stripped);
    assert_eq!(info.gps, None, "the location is gone");
    assert_eq!(
        (info.width, info.height),
        (Some(800), Some(1200)),
        "the orientation is kept"
    );
    assert_eq!(
        info.taken.as_deref(),
        Some("2026-11-28 10:15:00"),
        "the date is kept"
    );
    assert_eq!(
        stripped.len(),
        photo.len(),
        "edited in place: nothing moves"
    );
    assert_eq!(
        image_data(&stripped),
        image_data(&photo),
        "the image data is byte for byte the same"
    );
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&stripped))
        .unwrap();
    assert!(
        exif.fields()
            .all(|f| f.tag.context() != exif::Context::Gps && f.tag != exif::Tag::GPSInfoIFDPointer),
        "kamadak-exif finds no GPS field"
    );
    assert!(
        exif.get_field(exif::Tag::Model, exif::In::PRIMARY)
            .is_some(),
        "the camera is kept"
    );
    assert_eq!(
        strip_gps(&stripped).unwrap(),
        stripped,
        "stripping twice changes nothing"
    );

    let without = with_exif(
        &jpeg(&picture(64, 48, RED, WHITE)),
        Camera {
            orientation: 1,
            gps: None,
            taken: None,
        },
    );
    assert_eq!(strip_gps(&without).unwrap(), without, "no GPS: unchanged");
    let plain = jpeg(&picture(64, 48, RED, WHITE));
    assert_eq!(strip_gps(&plain).unwrap(), plain, "no EXIF: unchanged");
    assert_eq!(
        strip_gps(b"%PDF-1.7\n").unwrap(),
        b"%PDF-1.7\n",
        "not a photo: unchanged"
    );
    assert_eq!(
        strip_gps(&heic()).unwrap(),
        heic(),
        "a HEIC without EXIF: unchanged"
    );
}

#[test]
fn strip_gps_rewrites_a_png_exif_chunk() {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture(60, 40, RED, WHITE))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let tiff = crate::exif_block(Camera {
        orientation: 6,
        gps: Some(FES),
        taken: None,
    });
    let mut chunk = u32::try_from(tiff.len()).unwrap().to_be_bytes().to_vec();
    chunk.extend(b"eXIf");
    chunk.extend(&tiff);
    chunk.extend(crc32fast::hash(&chunk[4..]).to_be_bytes());
    // After the signature and IHDR (8 + 25 bytes).
    let png = [&png[..33], &chunk, &png[33..]].concat();
    assert!(
        inspect("a.png", &png).gps.is_some(),
        "the test PNG has a location"
    );
    assert_eq!(inspect("a.png", &png).width, Some(40), "and is turned");

    let stripped = strip_gps(&png).unwrap();
    assert_eq!(
        inspect("a.png", &stripped).gps,
        None,
        "the location is gone"
    );
    assert_eq!(
        inspect("a.png", &stripped).width,
        Some(40),
        "the orientation is kept"
    );
    assert_eq!(stripped.len(), png.len());
    assert_eq!(
        &stripped[33 + chunk.len()..],
        &png[33 + chunk.len()..],
        "image data untouched"
    );
    // The png crate checks every chunk's CRC.
    image::load_from_memory(&stripped).expect("the PNG still decodes, its CRCs right");
}

#[test]
fn heic_and_files_that_are_not_photos_are_a_clear_error() {
    let Err(DocError::Image(message)) = thumbnail(&heic(), 600) else {
        panic!("a HEIC photo cannot be shown");
    };
    assert_eq!(
        message,
        "HEIC photos are kept but cannot be shown: no maintained Rust decoder for HEIC"
    );
    let info = inspect("IMG_0001.HEIC", &heic());
    assert_eq!(info.media_type, "image/heic");
    assert!(is_image(&info.media_type), "a photo, even if not shown");
    let Err(DocError::Image(message)) = thumbnail(b"%PDF-1.7\n", 600) else {
        panic!("a PDF is not a photo");
    };
    assert!(
        message.contains("not a photo that can be shown"),
        "{message}"
    );
    assert!(!message.contains('\n'), "one line");
    assert!(matches!(
        thumbnail(&[0xFF, 0xD8, 0xFF, 0xE0], 600),
        Err(DocError::Image(_))
    ));
    assert_eq!(
        media_type("rapport.docx", b"PK\x03\x04rest"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
}

thread_local! {
    static PANICS: Cell<usize> = const { Cell::new(0) };
}

/// A small xorshift generator: the same inputs on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn damaged_and_random_bytes_never_panic() {
    // The functions catch a decoder's panic; this counts them, so that one is still seen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.with(|p| p.set(p.get() + 1));
        previous(info);
    }));
    let photo = phone_photo(96, 64, RED, WHITE);
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture(30, 20, RED, WHITE))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let seeds = [
        photo,
        png,
        heic(),
        b"RIFF\x20\0\0\0WEBPVP8X\x0a\0\0\0".to_vec(),
    ];
    let mut noise = Noise(0x5EED_CAFE);
    let mut inputs = Vec::new();
    for seed in &seeds {
        // Cut short anywhere…
        for _ in 0..40 {
            inputs.push(seed[..noise.below(seed.len())].to_vec());
        }
        // …or with bytes changed.
        for _ in 0..60 {
            let mut bytes = seed.clone();
            for _ in 0..1 + noise.below(8) {
                let at = noise.below(bytes.len());
                bytes[at] = noise.next() as u8;
            }
            inputs.push(bytes);
        }
    }
    for n in 0..50 {
        inputs.push((0..n * 7).map(|_| noise.next() as u8).collect());
    }
    assert!(inputs.len() >= 400);
    for bytes in &inputs {
        let info = inspect("x.jpg", bytes);
        assert!(!info.media_type.is_empty());
        let _ = thumbnail(bytes, 32);
        if let Ok(stripped) = strip_gps(bytes) {
            assert_eq!(
                inspect("x", &stripped).gps,
                None,
                "whatever is returned has no location"
            );
        }
    }
    let _ = std::panic::take_hook();
    assert_eq!(
        PANICS.with(Cell::get),
        0,
        "no decoder panicked on damaged bytes"
    );
}

fn gps_camera() -> Camera {
    Camera {
        orientation: 6,
        gps: Some(FES),
        taken: Some("2026:11:28 10:15:00"),
    }
}

/// An ISO base media box.
fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = u32::try_from(8 + body.len())
        .unwrap()
        .to_be_bytes()
        .to_vec();
    b.extend(kind);
    b.extend(body);
    b
}

/// A HEIC file as an iPhone lays it out: `ftyp`, `meta` naming an `Exif` item and where it is,
/// and the item in `mdat` (the image items are left out: they are not decoded anyway).
fn heic_with_exif(camera: Camera) -> Vec<u8> {
    let ftyp = boxed(b"ftyp", b"heic\0\0\0\0mif1heic");
    let infe = boxed(
        b"infe",
        &[&[2, 0, 0, 0, 0, 1, 0, 0][..], b"Exif", b"\0"].concat(),
    );
    let iinf = boxed(b"iinf", &[&[0, 0, 0, 0, 0, 1][..], &infe].concat());
    let mut payload = vec![0, 0, 0, 6];
    payload.extend(b"Exif\0\0");
    payload.extend(crate::exif_block(camera));
    let iloc = |offset: u32| {
        let mut body = vec![0, 0, 0, 0, 0x44, 0x00, 0, 1, 0, 1, 0, 0, 0, 1];
        body.extend(offset.to_be_bytes());
        body.extend(u32::try_from(payload.len()).unwrap().to_be_bytes());
        boxed(b"iloc", &body)
    };
    let meta = |offset| boxed(b"meta", &[&[0, 0, 0, 0][..], &iinf, &iloc(offset)].concat());
    let offset = ftyp.len() + meta(0).len() + 8;
    [
        ftyp,
        meta(u32::try_from(offset).unwrap()),
        boxed(b"mdat", &payload),
    ]
    .concat()
}

#[test]
fn strip_gps_edits_a_heic_exif_item_in_place() {
    let photo = heic_with_exif(gps_camera());
    let info = inspect("IMG_0001.HEIC", &photo);
    assert_eq!(info.media_type, "image/heic");
    assert!(info.gps.is_some(), "the test HEIC has a location");
    assert_eq!((info.width, info.taken.is_some()), (None, true));

    let stripped = strip_gps(&photo).unwrap();
    assert_eq!(
        inspect("a.heic", &stripped).gps,
        None,
        "the location is gone"
    );
    assert_eq!(
        inspect("a.heic", &stripped).taken.as_deref(),
        Some("2026-11-28 10:15:00"),
        "the date is kept"
    );
    assert_eq!(stripped.len(), photo.len(), "edited in place");
    let mdat = photo.windows(4).position(|w| w == b"mdat").unwrap();
    assert_eq!(
        &stripped[..mdat],
        &photo[..mdat],
        "the boxes before the item are untouched"
    );
}

#[test]
fn strip_gps_edits_a_webp_exif_chunk_in_place() {
    let mut webp = Vec::new();
    image::DynamicImage::ImageRgb8(picture(30, 20, RED, WHITE))
        .write_to(
            &mut std::io::Cursor::new(&mut webp),
            image::ImageFormat::WebP,
        )
        .unwrap();
    let image_chunks = webp[12..].to_vec();
    let tiff = crate::exif_block(gps_camera());
    let mut chunk = b"EXIF".to_vec();
    chunk.extend(u32::try_from(tiff.len()).unwrap().to_le_bytes());
    chunk.extend(&tiff);
    if tiff.len() % 2 == 1 {
        chunk.push(0);
    }
    let body = [b"WEBP".as_slice(), &image_chunks, &chunk].concat();
    let photo = [
        b"RIFF".as_slice(),
        &u32::try_from(body.len()).unwrap().to_le_bytes(),
        &body,
    ]
    .concat();
    assert!(
        inspect("a.webp", &photo).gps.is_some(),
        "the test WebP has a location"
    );

    let stripped = strip_gps(&photo).unwrap();
    assert_eq!(
        inspect("a.webp", &stripped).gps,
        None,
        "the location is gone"
    );
    assert_eq!(stripped.len(), photo.len(), "edited in place");
    assert_eq!(
        &stripped[..12 + image_chunks.len()],
        &photo[..12 + image_chunks.len()],
        "the image data is untouched"
    );
    image::load_from_memory(&stripped).expect("still a WebP");
}

#[test]
fn strip_gps_drops_an_xmp_packet_that_names_the_location() {
    let photo = phone_photo(64, 48, RED, WHITE);
    let xmp = [
        b"http://ns.adobe.com/xap/1.0/\0".as_slice(),
        br#"<x:xmpmeta><rdf:Description exif:GPSLatitude="34,1.98N" exif:GPSLongitude="4,59.98W"/></x:xmpmeta>"#,
    ]
    .concat();
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(u16::try_from(xmp.len() + 2).unwrap().to_be_bytes());
    segment.extend(xmp);
    let with_xmp = [&photo[..2], &segment, &photo[2..]].concat();
    let stripped = strip_gps(&with_xmp).unwrap();
    assert!(
        !contains(&stripped, b"GPSLatitude"),
        "the XMP location is gone"
    );
    assert_eq!(
        image_data(&stripped),
        image_data(&with_xmp),
        "the image data is untouched"
    );
    assert_eq!(
        inspect("x.jpg", &stripped).width,
        Some(48),
        "the EXIF orientation is kept"
    );
}
