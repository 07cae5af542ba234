//! Photos made in the tests themselves (no binary fixtures): real JPEGs a decoder reads.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::Cursor;

/// A real JPEG of `w`×`h` pixels of one colour, with `comment` in a COM segment.
pub fn jpeg(rgb: [u8; 3], w: u32, h: u32, comment: &str) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb(rgb));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), 90)
        .encode_image(&img)
        .unwrap();
    let mut segment = vec![0xFF, 0xFE];
    segment.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(comment.as_bytes());
    out.splice(2..2, segment);
    out
}

/// A JPEG of about `mb` MB: a photo followed, inside the file, by APP15 segments of noise (as
/// a camera's maker notes are) — every decoder reads it, and its bytes do not compress.
pub fn big_jpeg(mb: usize) -> Vec<u8> {
    let mut out = jpeg([20, 120, 200], 800, 600, "big");
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut segments = Vec::new();
    while out.len() + segments.len() < mb * 1024 * 1024 {
        segments.extend_from_slice(&[0xFF, 0xEF, 0xFF, 0xFF]);
        for _ in 0..65533 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            segments.push(seed as u8);
        }
    }
    out.splice(2..2, segments);
    out
}
