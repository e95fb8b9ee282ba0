//! The site's `/favicon.ico`, drawn from its `icon.svg`. Browsers that do
//! not take an SVG icon, and any browser showing a document without a
//! `<link rel=icon>` (a feed, a text file), ask for `/favicon.ico`: without
//! one, they showed no icon and each ask was a 404 (an error in the
//! browser's console).

use image::codecs::ico::{IcoEncoder, IcoFrame};
use image::ExtendedColorType;
use resvg::{tiny_skia, usvg};

/// The sizes in the icon file, in pixels: a tab's at 1×, 2× and 3×.
pub const FAVICON_SIZES: [u32; 3] = [16, 32, 48];

/// The `.ico` of `svg` (an SVG document) at [`FAVICON_SIZES`], each a PNG
/// with transparency, or why it cannot be made.
pub fn favicon(svg: &[u8]) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default())
        .map_err(|e| format!("not an SVG icon: {e}"))?;
    let frames = FAVICON_SIZES
        .iter()
        .map(|&size| {
            let rgba = drawn(&tree, size)?;
            IcoFrame::as_png(&rgba, size, size, ExtendedColorType::Rgba8)
                .map_err(|e| format!("the {size} px icon: {e}"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut out = Vec::new();
    IcoEncoder::new(&mut out)
        .encode_images(&frames)
        .map_err(|e| format!("the icon file: {e}"))?;
    Ok(out)
}

/// `tree` drawn into a `size`×`size` square, as straight (not
/// premultiplied) RGBA.
fn drawn(tree: &usvg::Tree, size: u32) -> Result<Vec<u8>, String> {
    let mut pixmap =
        tiny_skia::Pixmap::new(size, size).ok_or_else(|| format!("no {size} px canvas"))?;
    let (width, height) = (tree.size().width(), tree.size().height());
    let scale = tiny_skia::Transform::from_scale(size as f32 / width, size as f32 / height);
    resvg::render(tree, scale, &mut pixmap.as_mut());
    Ok(pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageDecoder;

    const ICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="96" fill="#0b57a4"/>
  <rect x="104" y="112" width="304" height="56" rx="12" fill="#fff"/>
</svg>"##;

    #[test]
    fn the_icon_file_holds_the_svg_drawn_at_each_size() {
        let ico = favicon(ICON.as_bytes()).expect("an icon");
        assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file's header");
        assert_eq!(u16::from_le_bytes([ico[4], ico[5]]), 3, "three sizes");
        // The decoder reads the largest; its corner is cut round
        // (transparent), its middle the icon's blue, its bar white.
        let decoder =
            image::codecs::ico::IcoDecoder::new(std::io::Cursor::new(&ico)).expect("an ICO");
        assert_eq!(decoder.dimensions(), (48, 48));
        let picture = image::DynamicImage::from_decoder(decoder)
            .expect("decoded")
            .to_rgba8();
        assert_eq!(picture.get_pixel(0, 0).0[3], 0, "the rounded corner");
        assert_eq!(picture.get_pixel(24, 40).0, [0x0b, 0x57, 0xa4, 255]);
        assert_eq!(picture.get_pixel(24, 13).0, [255, 255, 255, 255]);
    }

    #[test]
    fn what_is_not_an_svg_is_an_error_not_a_panic() {
        for bad in [&b""[..], b"<svg", b"\xff\xfe\x00", b"<html></html>"] {
            assert!(favicon(bad).is_err(), "{bad:?}");
        }
    }
}
