//! The copies of photos made by [`crate::samples`], in the formats and
//! shapes an editor's camera and tools write.

use super::samples::*;
use super::*;

fn avif_size(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[4..12] == b"ftypavif"
}

#[test]
fn the_widths_never_pass_the_photo_and_near_duplicates_go() {
    assert_eq!(widths_for(4000), [480, 800, 1200, 1600]);
    assert_eq!(widths_for(1700), [480, 800, 1200, 1600]);
    assert_eq!(widths_for(1600), [480, 800, 1200, 1600]);
    assert_eq!(widths_for(1300), [480, 800, 1300]);
    assert_eq!(widths_for(1000), [480, 800, 1000]);
    assert_eq!(widths_for(500), [500]);
    assert_eq!(widths_for(300), [300]);
    assert_eq!(widths_for(1), [1]);
}

#[test]
fn a_photo_becomes_avif_and_jpeg_copies_at_each_width() {
    let photo = jpeg_of(&scene(1000, 750));
    let made = make(&photo, Some(1)).unwrap();
    assert_eq!((made.width, made.height), (1000, 750));
    let shapes: Vec<(u32, u32, PhotoFormat)> = made
        .copies
        .iter()
        .map(|c| (c.width, c.height, c.format))
        .collect();
    assert_eq!(
        shapes,
        [
            (480, 360, PhotoFormat::Avif),
            (480, 360, PhotoFormat::Jpeg),
            (800, 600, PhotoFormat::Avif),
            (800, 600, PhotoFormat::Jpeg),
            (1000, 750, PhotoFormat::Avif),
            (1000, 750, PhotoFormat::Jpeg),
        ]
    );
    for copy in &made.copies {
        match copy.format {
            PhotoFormat::Avif => assert!(avif_size(&copy.bytes), "an AVIF file"),
            PhotoFormat::Jpeg => {
                let back = image::load_from_memory(&copy.bytes).unwrap();
                assert_eq!((back.width(), back.height()), (copy.width, copy.height));
            }
        }
    }
    let avif_800 = &made.copies[2].bytes;
    let jpeg_800 = &made.copies[3].bytes;
    assert!(
        avif_800.len() < jpeg_800.len(),
        "AVIF {} B < JPEG {} B",
        avif_800.len(),
        jpeg_800.len()
    );
    let copies = made.copies_at("/anh/canh", &hash(&photo));
    assert_eq!(copies.widths, [480, 800, 1000]);
    assert_eq!(copies.formats, [PhotoFormat::Avif, PhotoFormat::Jpeg]);
}

#[test]
fn a_phone_photo_on_its_side_is_turned_upright() {
    // The sensor's 600×400 landscape, which the phone says to turn 90°.
    let photo = with_orientation(&jpeg_of(&scene(600, 400)), 6);
    assert_eq!(size_of(&photo).unwrap(), (400, 600));
    let made = make(&photo, Some(1)).unwrap();
    assert_eq!((made.width, made.height), (400, 600));
    let jpeg = made
        .copies
        .iter()
        .find(|c| c.format == PhotoFormat::Jpeg)
        .unwrap();
    let back = image::load_from_memory(&jpeg.bytes).unwrap();
    assert_eq!((back.width(), back.height()), (400, 600), "portrait");
}

#[test]
fn transparency_is_laid_on_white() {
    let mut rgba = image::RgbaImage::from_pixel(64, 48, image::Rgba([0, 0, 0, 0]));
    rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 255]));
    let picture = decode(&png_of(DynamicImage::ImageRgba8(rgba))).unwrap();
    assert_eq!(picture.get_pixel(10, 10).0, [255, 255, 255]);
    assert_eq!(picture.get_pixel(0, 0).0, [0, 0, 0]);
    assert!(make(
        &png_of(DynamicImage::ImageRgba16(image::ImageBuffer::new(20, 10))),
        Some(1)
    )
    .is_ok());
}

#[test]
fn a_cmyk_jpeg_from_a_print_workflow_comes_out_in_colour() {
    // Red in CMYK: no cyan, full magenta and yellow, no black.
    let cmyk: Vec<u8> = [0u8, 255, 255, 0].repeat(32 * 16);
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 95)
        .encode(&cmyk, 32, 16, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    let picture = decode(&jpeg).unwrap();
    let [r, g, b] = picture.get_pixel(16, 8).0;
    assert!(r > 200 && g < 80 && b < 80, "red, not {:?}", [r, g, b]);
}

#[test]
fn a_decompression_bomb_is_refused_before_a_pixel_is_decoded() {
    let bomb = png_claiming(20_000, 20_000);
    assert!(bomb.len() < 300);
    let refused = PhotoError::TooManyPixels {
        width: 20_000,
        height: 20_000,
    };
    assert_eq!(size_of(&bomb).unwrap_err(), refused);
    assert_eq!(make(&bomb, Some(1)).unwrap_err(), refused);
    assert!(refused.to_string().contains("64 megapixels"), "{refused}");
}

#[test]
fn damaged_and_foreign_files_are_named_as_such() {
    let photo = jpeg_of(&scene(200, 150));
    let cut = &photo[..photo.len() / 2];
    assert!(
        matches!(make(cut, Some(1)), Err(PhotoError::Damaged(_))),
        "a JPEG cut short"
    );
    let mut scrambled = photo.clone();
    for b in scrambled[2..40].iter_mut() {
        *b = 0x5A;
    }
    assert!(make(&scrambled, Some(1)).is_err(), "a scrambled header");
    assert_eq!(
        make(b"<html>not a photo</html>", Some(1)).unwrap_err(),
        PhotoError::NotAnImage
    );
    assert_eq!(make(b"", Some(1)).unwrap_err(), PhotoError::NotAnImage);
}

#[test]
fn the_hash_changes_with_the_bytes_and_names_safely() {
    let a = hash(b"photo a");
    assert_eq!(a.len(), 16);
    assert!(a
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_ne!(a, hash(b"photo b"));
    assert_eq!(a, hash(b"photo a"));
}
