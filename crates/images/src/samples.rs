//! Photos made from nothing, for the tests and the bench (the machines that
//! run them reach no photo library): a smooth scene with a disc and fine
//! stripes at any size, and the odd files an editor's tools write.

use image::DynamicImage;
use std::io::Cursor;

/// A picture with gradients, a disc and fine stripes, `width`×`height`.
pub fn scene(width: u32, height: u32) -> image::RgbImage {
    numbered_scene(width, height, 0)
}

/// Scene number `n`: its disc elsewhere, so every number is another photo.
pub fn numbered_scene(width: u32, height: u32, n: u64) -> image::RgbImage {
    let (cx, cy) = (
        0.2 + (n % 7) as f32 * 0.1,
        0.25 + (n / 7 % 5) as f32 * 0.125,
    );
    image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let disc = ((fx - cx).powi(2) + (fy - cy).powi(2)).sqrt() < 0.2;
        let stripe = ((x / 3 + y / 5) % 2) as f32 * 30.0;
        if disc {
            image::Rgb([220, 40 + stripe as u8, 30])
        } else {
            image::Rgb([
                (40.0 + 150.0 * fx) as u8,
                (90.0 + 100.0 * fy + stripe) as u8,
                (160.0 - 80.0 * fx) as u8,
            ])
        }
    })
}

pub fn jpeg_of(picture: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(
            picture.as_raw(),
            picture.width() as u16,
            picture.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("a picture in memory encodes");
    out
}

pub fn png_of(picture: DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("a picture in memory encodes");
    out.into_inner()
}

/// A JPEG with an EXIF block that says how to turn it (1 to 8), as a phone
/// writes one held upright: the pixels lie on their side.
pub fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A well-formed PNG of a few hundred bytes whose header claims
/// `width`×`height` (its data is the first rows' worth of zeros): what a
/// decompression bomb looks like before its pixels are decoded.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    // zlib: a stored deflate block of 200 zero bytes, and its Adler-32.
    let zeros = [0u8; 200];
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend_from_slice(&(zeros.len() as u16).to_le_bytes());
    zlib.extend_from_slice(&(!(zeros.len() as u16)).to_le_bytes());
    zlib.extend_from_slice(&zeros);
    let b = (zeros.len() as u32) % 65521; // a = 1 + sum of the bytes = 1
    zlib.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}
