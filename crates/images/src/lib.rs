//! A photo made fit for a phone on 3G: its bytes checked before anything is
//! decoded, the picture turned upright (EXIF orientation), flattened onto
//! white if it has transparency, and written as AVIF and JPEG copies at a
//! few widths, never wider than the photo. Pure: bytes in, bytes out; the
//! build step (crates/site/src/steps/photos.rs) reads, caches and writes.
//!
//! Why these settings (measured on this 2-core machine, a 3840×2160 photo,
//! `make bench` reports the same for a 4000×3000 one):
//! - AVIF at rav1e speed 10 encodes the four widths in about 1.5 s; speed 8
//!   took 9 s for files 4% smaller. Quality 60 keeps a phone's 800 px copy
//!   near 50 KB.
//! - No WebP: every browser the app supports decodes AVIF but Firefox before
//!   93, which takes the JPEG; a third format would cost encoding time and
//!   disk for no reader. The JPEG is needed anyway: shared links show it.

use bantin_model::photo::{Copies, PhotoFormat};
use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// The widths of the copies, in pixels: a phone's column at 1× to 3×, and a
/// desktop's at 1× and 2× ([`bantin_model::photo::SIZES`]). 1200 is the
/// share card's.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];
/// Largest photo file read: a camera's JPEG is 3 to 12 MB.
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;
/// Largest photo decoded, in pixels (a 64-megapixel camera's): the header's
/// size is checked before any pixel is decoded, so a small file claiming a
/// huge picture (a decompression bomb) costs nothing.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Memory the decoder may take for one photo: 64 MP in RGBA and a margin.
const MAX_DECODE_BYTES: u64 = MAX_PIXELS * 4 + (64 << 20);
pub const AVIF_QUALITY: f32 = 60.0;
pub const AVIF_SPEED: u8 = 10;
pub const JPEG_QUALITY: u8 = 78;

/// Everything that decides the copies' bytes but the photo's own: part of
/// their hash, so a change here gives every photo new names (and the
/// previous build's copies stay valid under theirs).
pub fn settings() -> String {
    format!(
        "bantin-images 1; widths {WIDTHS:?}; avif q{AVIF_QUALITY} s{AVIF_SPEED}; jpeg q{JPEG_QUALITY} progressive; lanczos3; white under alpha"
    )
}

pub use bantin_model::photo::HASH_DIGITS;

/// The copies' hash for a photo's bytes: [`HASH_DIGITS`] hex digits.
pub fn hash(bytes: &[u8]) -> String {
    let mut sha = Sha256::new();
    sha.update(settings().as_bytes());
    sha.update([0]);
    sha.update(bytes);
    let digest = sha.finalize();
    digest[..HASH_DIGITS / 2]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The widths to make of a photo `width` pixels wide: [`WIDTHS`] below it,
/// then the photo's own width if it is narrower than the widest. A standard
/// width within 10% of the widest copy is left out (two near-equal files).
pub fn widths_for(width: u32) -> Vec<u32> {
    let widest = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| u64::from(w) * 10 < u64::from(widest) * 9)
        .collect();
    widths.push(widest.max(1));
    widths
}

/// Why a photo could not be used. Messages for the operator, in the build's
/// language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("{0} bytes, larger than the {limit} MB a photo may be", limit = MAX_FILE_BYTES >> 20)]
    FileTooLarge(u64),
    #[error("not a picture in a format the build reads (JPEG, PNG or WebP)")]
    NotAnImage,
    #[error("{width}×{height} pixels, more than the {limit} megapixels a photo may have", limit = MAX_PIXELS / 1_000_000)]
    TooManyPixels { width: u32, height: u32 },
    #[error("the file is damaged or cut short: {0}")]
    Damaged(String),
    #[error("the copies could not be written: {0}")]
    Encoding(String),
}

/// One copy of a photo.
#[derive(Debug, Clone)]
pub struct Copy {
    pub width: u32,
    pub height: u32,
    pub format: PhotoFormat,
    pub bytes: Vec<u8>,
}

/// A photo made into copies.
#[derive(Debug, Clone)]
pub struct Made {
    /// The upright photo's size.
    pub width: u32,
    pub height: u32,
    /// Every width in every format of [`PhotoFormat::ALL`].
    pub copies: Vec<Copy>,
}

impl Made {
    /// What the article file says of the copies, living under `path`
    /// (`/anh/cho-phien`) with the photo's `hash`.
    pub fn copies_at(&self, path: &str, hash: &str) -> Copies {
        let mut widths: Vec<u32> = self.copies.iter().map(|c| c.width).collect();
        widths.sort_unstable();
        widths.dedup();
        Copies {
            path: path.to_owned(),
            hash: hash.to_owned(),
            widths,
            formats: PhotoFormat::ALL.to_vec(),
        }
    }
}

/// The photo's size as its header says, upright, without decoding a pixel.
pub fn size_of(bytes: &[u8]) -> Result<(u32, u32), PhotoError> {
    let mut decoder = decoder(bytes)?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    Ok(upright_size(width, height, orientation))
}

fn upright_size(width: u32, height: u32, orientation: image::metadata::Orientation) -> (u32, u32) {
    use image::metadata::Orientation::*;
    match orientation {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

/// A decoder for the bytes whose header has been read and checked against
/// the limits.
fn decoder(bytes: &[u8]) -> Result<Box<dyn ImageDecoder + '_>, PhotoError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooLarge(bytes.len() as u64));
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    if reader.format().is_none() {
        return Err(PhotoError::NotAnImage);
    }
    let decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Unsupported(_) => PhotoError::NotAnImage,
        other => PhotoError::Damaged(other.to_string()),
    })?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    Ok(Box::new(decoder))
}

/// Decodes the photo (within the limits), upright, as RGB on white.
pub fn decode(bytes: &[u8]) -> Result<image::RgbImage, PhotoError> {
    check_complete(bytes)?;
    let mut decoder = decoder(bytes)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    decoder
        .set_limits(limits)
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture =
        DynamicImage::from_decoder(decoder).map_err(|e| PhotoError::Damaged(e.to_string()))?;
    picture.apply_orientation(orientation);
    Ok(if picture.color().has_alpha() {
        on_white(picture.to_rgba8())
    } else {
        picture.to_rgb8()
    })
}

/// JPEG decoders fill a file cut short with grey and say nothing: a JPEG
/// must end with its end marker (FF D9), allowing for the padding some
/// cameras and editors write after it.
fn check_complete(bytes: &[u8]) -> Result<(), PhotoError> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Ok(());
    }
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    if tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
        Ok(())
    } else {
        Err(PhotoError::Damaged("the JPEG has no end marker".into()))
    }
}

/// Transparency over white, the page's own light background (a cut-out
/// logo or chart reads on every theme's figure background this way).
fn on_white(rgba: image::RgbaImage) -> image::RgbImage {
    let (width, height) = rgba.dimensions();
    let mut rgb = image::RgbImage::new(width, height);
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = u32::from(px[3]);
        for c in 0..3 {
            out[c] = ((u32::from(px[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    rgb
}

/// The photo's copies: every width of [`widths_for`] in AVIF and JPEG.
/// `threads`: the AVIF encoder's threads (`None`: all cores).
pub fn make(bytes: &[u8], threads: Option<usize>) -> Result<Made, PhotoError> {
    let picture = decode(bytes)?;
    let (width, height) = picture.dimensions();
    let source =
        fr::images::Image::from_vec_u8(width, height, picture.into_raw(), fr::PixelType::U8x3)
            .map_err(|e| PhotoError::Encoding(e.to_string()))?;
    let mut resizer = fr::Resizer::new();
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    let mut copies = Vec::new();
    for w in widths_for(width) {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        let pixels = if (w, h) == (width, height) {
            source.buffer().to_vec()
        } else {
            let mut resized = fr::images::Image::new(w, h, fr::PixelType::U8x3);
            resizer
                .resize(&source, &mut resized, &options)
                .map_err(|e| PhotoError::Encoding(e.to_string()))?;
            resized.into_vec()
        };
        copies.push(Copy {
            width: w,
            height: h,
            format: PhotoFormat::Avif,
            bytes: avif(&pixels, w, h, threads)?,
        });
        copies.push(Copy {
            width: w,
            height: h,
            format: PhotoFormat::Jpeg,
            bytes: jpeg(&pixels, w, h)?,
        });
    }
    Ok(Made {
        width,
        height,
        copies,
    })
}

fn avif(
    pixels: &[u8],
    width: u32,
    height: u32,
    threads: Option<usize>,
) -> Result<Vec<u8>, PhotoError> {
    let rgb: &[rgb::RGB8] = rgb::bytemuck::cast_slice(pixels);
    ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_speed(AVIF_SPEED)
        .with_num_threads(threads)
        .encode_rgb(ravif::Img::new(rgb, width as usize, height as usize))
        .map(|encoded| encoded.avif_file)
        .map_err(|e| PhotoError::Encoding(e.to_string()))
}

fn jpeg(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = match (u16::try_from(width), u16::try_from(height)) {
        (Ok(w), Ok(h)) => (w, h),
        _ => {
            return Err(PhotoError::Encoding(format!(
                "{width}×{height} is too large for a JPEG"
            )))
        }
    };
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
    encoder.set_progressive(true);
    encoder.set_optimized_huffman_tables(true);
    encoder
        .encode(pixels, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| PhotoError::Encoding(e.to_string()))?;
    Ok(out)
}

pub mod icon;
pub mod samples;
#[cfg(test)]
mod tests;
