//! A figure's image, and the copies of a photo that the build makes
//! (crates/images, step `content`): their names, the `srcset` a browser
//! picks from, and the one a shared link shows.
//!
//! In a content file an image names its photo (`"src": "anh/cho-phien.jpg"`,
//! a path in the content folder), a same-site path or an `https:` URL. The
//! build turns a photo of the content folder into [`Copies`] and writes them
//! into the published article file:
//!
//! ```json
//! "image": { "src": "/anh/cho-phien-800-3f9a0c1d2e4b5a6c.jpg", "alt": "…",
//!            "width": 4000, "height": 3000,
//!            "copies": { "path": "/anh/cho-phien", "hash": "3f9a0c1d2e4b5a6c",
//!                        "widths": [480, 800, 1200, 1600], "formats": ["avif", "jpeg"] } }
//! ```
//!
//! Each copy is the file `{path}-{width}-{hash}.{ext}`: named by the photo's
//! content and the build's settings, so it never changes under its name.

use crate::decode::*;
use crate::error::*;
use crate::MAX_IMAGE_DIMENSION;
use serde_json::{Map, Value};

/// An image in a figure. `src` is a same-site path or an `https:` URL (or,
/// in a content file, a photo of the content folder).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The copies the build made of the photo; `src` is then one of them.
    pub copies: Option<Copies>,
}

/// A file format the build writes copies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhotoFormat {
    /// AVIF: about half a JPEG's bytes at the same look; every browser the
    /// app supports but Firefox before 93 decodes it.
    Avif,
    /// The copy every browser decodes, and the one shared links show.
    Jpeg,
}

impl PhotoFormat {
    /// Best first: the order of a `<picture>`'s sources.
    pub const ALL: [PhotoFormat; 2] = [PhotoFormat::Avif, PhotoFormat::Jpeg];

    /// The name in the article file.
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoFormat::Avif => "avif",
            PhotoFormat::Jpeg => "jpeg",
        }
    }

    pub fn parse(name: &str) -> Option<PhotoFormat> {
        PhotoFormat::ALL.into_iter().find(|f| f.as_str() == name)
    }

    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Avif => "avif",
            PhotoFormat::Jpeg => "jpg",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            PhotoFormat::Avif => "image/avif",
            PhotoFormat::Jpeg => "image/jpeg",
        }
    }
}

/// The folder of the site the copies are in (`/anh/`, "photos").
pub const FOLDER: &str = "anh";

/// How many lowercase hex digits the hash in a copy's name has (the build's,
/// crates/images).
pub const HASH_DIGITS: usize = 16;

/// A copy's address as the build names it, as a regular expression (the
/// serving rules' and nginx's immutable caching, the worker's saved photos).
pub fn copy_pattern() -> String {
    format!("^/{FOLDER}/[a-z0-9_-]+-[0-9]+-[0-9a-f]{{{HASH_DIGITS}}}\\.(avif|jpg)$")
}

/// True for an address of [`copy_pattern`]'s form.
pub fn is_copy(path: &str) -> bool {
    let Some(name) = path
        .strip_prefix('/')
        .and_then(|p| p.strip_prefix(FOLDER))
        .and_then(|p| p.strip_prefix('/'))
    else {
        return false;
    };
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let mut parts = stem.rsplitn(3, '-');
    let (hash, width, first) = (parts.next(), parts.next(), parts.next());
    matches!(ext, "avif" | "jpg")
        && hash.is_some_and(|h| h.len() == HASH_DIGITS && valid_hash(h))
        && width.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        && first.is_some_and(|f| {
            !f.is_empty()
                && f.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

/// At most this many widths of one photo.
pub const MAX_COPY_WIDTHS: usize = 8;

/// The width the share card's JPEG should have at least: what Facebook and
/// Zalo ask for a large preview (1200×630).
pub const SHARE_WIDTH: u32 = 1200;

/// The width of the `<img src>` for a browser that reads no `srcset`.
const FALLBACK_WIDTH: u32 = 800;

/// The column's width as `sizes` can say it (the media queries and lengths of
/// the viewport only), written once for [`SIZES`] and [`LAZY_SIZES`].
macro_rules! column_sizes {
    () => {
        "(max-width: 39.99rem) calc(100vw - 1.5rem), 44rem"
    };
}

/// How wide a figure's photo is drawn, for the browser's choice among the
/// copies (`sizes`), before any stylesheet has arrived: the column is the
/// screen less `main`'s padding (0.75rem each side) on a phone (under the
/// stylesheet's 40rem breakpoint), and about 44rem wide above it (`--measure`,
/// 68ch of the system face). A host test holds the breakpoint and the padding
/// to style/main.css. `sizes` cannot see the reader's column width (54ch or
/// 86ch on a desktop, an attribute on `<html>`): the leading photo, fetched
/// before the page is laid out, is chosen for the usual column.
pub const SIZES: &str = column_sizes!();

/// [`SIZES`] for a photo further down, fetched lazily: `auto` first, so a
/// browser that has it takes the width the photo is laid out at, in the
/// reader's own column (narrow, wide, or a phone's); one without it skips
/// the word and reads [`SIZES`].
pub const LAZY_SIZES: &str = concat!("auto, ", column_sizes!());

/// The copies of one photo.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Copies {
    /// Where the copies live and their first name: `/anh/cho-phien`.
    pub path: String,
    /// The photo's bytes and the build's settings, hashed (lowercase hex).
    pub hash: String,
    /// Increasing; the last is the widest copy (never wider than the photo).
    pub widths: Vec<u32>,
    /// Best first ([`PhotoFormat::ALL`]'s order); always holds `Jpeg`.
    pub formats: Vec<PhotoFormat>,
}

impl Copies {
    /// The address of one copy.
    pub fn file(&self, width: u32, format: PhotoFormat) -> String {
        format!("{}-{width}-{}.{}", self.path, self.hash, format.extension())
    }

    /// Every copy's address, widest last, in `formats`' order.
    pub fn files(&self) -> Vec<String> {
        self.formats
            .iter()
            .flat_map(|&f| self.widths.iter().map(move |&w| self.file(w, f)))
            .collect()
    }

    /// `srcset` for one format: `a-480-h.avif 480w, a-800-h.avif 800w, …`.
    pub fn srcset(&self, format: PhotoFormat) -> String {
        self.widths
            .iter()
            .map(|&w| format!("{} {w}w", self.file(w, format)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The formats better than JPEG, for a `<picture>`'s `<source>`s.
    pub fn sources(&self) -> impl Iterator<Item = PhotoFormat> + '_ {
        self.formats
            .iter()
            .copied()
            .filter(|&f| f != PhotoFormat::Jpeg)
    }

    /// The JPEG for a browser that reads no `srcset`: the smallest at least
    /// [`FALLBACK_WIDTH`] wide, else the widest.
    pub fn fallback(&self) -> String {
        self.file(self.at_least(FALLBACK_WIDTH), PhotoFormat::Jpeg)
    }

    /// The JPEG a shared link shows, and its width: the smallest at least
    /// [`SHARE_WIDTH`] wide, else the widest there is.
    pub fn share(&self) -> (String, u32) {
        let width = self.at_least(SHARE_WIDTH);
        (self.file(width, PhotoFormat::Jpeg), width)
    }

    fn at_least(&self, width: u32) -> u32 {
        self.widths
            .iter()
            .copied()
            .find(|&w| w >= width)
            .or(self.widths.last().copied())
            .unwrap_or(width)
    }
}

/// A copy's path: `/` then segments of `a-z 0-9 _ -` (nothing a `srcset`
/// would split on, nothing that leaves the site).
fn valid_copies_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    path.len() <= 300
        && rest.split('/').all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

fn valid_hash(hash: &str) -> bool {
    (8..=64).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub(crate) fn decode_image(value: &Value, path: &str) -> Result<Image, DataError> {
    let Value::Object(map) = value else {
        return Err(DataError::WrongType {
            field: path.to_owned(),
            expected: "an object",
        });
    };
    let f = Fields::new(map, path);
    let src = f.req_text("src")?;
    if !crate::valid_image_src(&src) {
        return Err(DataError::Invalid {
            field: f.name("src"),
            reason: REASON_SRC,
        });
    }
    let copies = match f.get("copies") {
        None => None,
        Some(v) => Some(decode_copies(v, &f.name("copies"))?),
    };
    Ok(Image {
        src,
        // Absent alt means a decorative image (alt="").
        alt: f.opt_str("alt")?.unwrap_or("").to_owned(),
        width: f.opt_dimension("width")?,
        height: f.opt_dimension("height")?,
        copies,
    })
}

fn decode_copies(value: &Value, path: &str) -> Result<Copies, DataError> {
    let Value::Object(map) = value else {
        return Err(DataError::WrongType {
            field: path.to_owned(),
            expected: "an object",
        });
    };
    let f = Fields::new(map, path);
    let invalid = |key: &str| DataError::Invalid {
        field: f.name(key),
        reason: REASON_COPIES,
    };
    let copies_path = f.req_text("path")?;
    if !valid_copies_path(&copies_path) {
        return Err(invalid("path"));
    }
    let hash = f.req_text("hash")?;
    if !valid_hash(&hash) {
        return Err(invalid("hash"));
    }
    let mut widths = Vec::new();
    for value in f.req_array("widths")? {
        match value.as_u64() {
            Some(w) if (1..=MAX_IMAGE_DIMENSION).contains(&w) => widths.push(w as u32),
            _ => return Err(invalid("widths")),
        }
    }
    if widths.is_empty()
        || widths.len() > MAX_COPY_WIDTHS
        || widths.windows(2).any(|pair| pair[0] >= pair[1])
    {
        return Err(invalid("widths"));
    }
    // A format this version does not know is passed over (a later build may
    // add one); the JPEG, which every browser decodes, must be there.
    let mut formats = Vec::new();
    for value in f.req_array("formats")? {
        let Some(name) = value.as_str() else {
            return Err(invalid("formats"));
        };
        if let Some(format) = PhotoFormat::parse(name) {
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
    }
    if !formats.contains(&PhotoFormat::Jpeg) {
        return Err(invalid("formats"));
    }
    formats.sort_by_key(|f| PhotoFormat::ALL.iter().position(|a| a == f));
    Ok(Copies {
        path: copies_path,
        hash,
        widths,
        formats,
    })
}

impl Image {
    /// The image in the file format.
    pub fn to_json(&self) -> Value {
        let mut img = Map::new();
        img.insert("src".into(), self.src.clone().into());
        img.insert("alt".into(), self.alt.clone().into());
        if let Some(w) = self.width {
            img.insert("width".into(), w.into());
        }
        if let Some(h) = self.height {
            img.insert("height".into(), h.into());
        }
        if let Some(copies) = &self.copies {
            let mut c = Map::new();
            c.insert("path".into(), copies.path.clone().into());
            c.insert("hash".into(), copies.hash.clone().into());
            c.insert("widths".into(), copies.widths.clone().into());
            c.insert(
                "formats".into(),
                copies
                    .formats
                    .iter()
                    .map(|f| Value::from(f.as_str()))
                    .collect(),
            );
            img.insert("copies".into(), Value::Object(c));
        }
        Value::Object(img)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn copies() -> Copies {
        Copies {
            path: "/anh/cho-phien".into(),
            hash: "3f9a0c1d2e4b5a6c".into(),
            widths: vec![480, 800, 1200, 1600],
            formats: vec![PhotoFormat::Avif, PhotoFormat::Jpeg],
        }
    }

    #[test]
    fn the_copies_are_named_by_width_and_hash() {
        let c = copies();
        assert_eq!(
            c.file(800, PhotoFormat::Avif),
            "/anh/cho-phien-800-3f9a0c1d2e4b5a6c.avif"
        );
        assert_eq!(
            c.srcset(PhotoFormat::Jpeg),
            "/anh/cho-phien-480-3f9a0c1d2e4b5a6c.jpg 480w, /anh/cho-phien-800-3f9a0c1d2e4b5a6c.jpg 800w, \
             /anh/cho-phien-1200-3f9a0c1d2e4b5a6c.jpg 1200w, /anh/cho-phien-1600-3f9a0c1d2e4b5a6c.jpg 1600w"
        );
        assert_eq!(c.files().len(), 8);
        assert_eq!(c.sources().collect::<Vec<_>>(), [PhotoFormat::Avif]);
        assert_eq!(c.fallback(), "/anh/cho-phien-800-3f9a0c1d2e4b5a6c.jpg");
        assert_eq!(
            c.share(),
            ("/anh/cho-phien-1200-3f9a0c1d2e4b5a6c.jpg".into(), 1200)
        );
    }

    #[test]
    fn a_small_photo_shares_and_falls_back_to_its_widest_copy() {
        let c = Copies {
            widths: vec![480, 640],
            ..copies()
        };
        assert_eq!(c.share().1, 640);
        assert_eq!(c.fallback(), "/anh/cho-phien-640-3f9a0c1d2e4b5a6c.jpg");
    }

    #[test]
    fn copies_read_back_what_they_write() {
        let image = Image {
            src: copies().fallback(),
            alt: "Chợ phiên".into(),
            width: Some(4000),
            height: Some(3000),
            copies: Some(copies()),
        };
        assert_eq!(decode_image(&image.to_json(), "image").unwrap(), image);
    }

    #[test]
    fn bad_copies_are_refused_by_field() {
        let base = json!({"src": "/a.jpg", "copies": {"path": "/anh/a", "hash": "0123abcd",
            "widths": [480, 800], "formats": ["avif", "jpeg"]}});
        assert!(decode_image(&base, "image").is_ok());
        for (key, bad) in [
            ("path", json!("anh/a")),
            ("path", json!("/anh/a b")),
            ("path", json!("/anh/../a")),
            ("path", json!("/anh/A")),
            ("path", json!("/anh//a")),
            ("hash", json!("xyz12345")),
            ("hash", json!("0123")),
            ("widths", json!([])),
            ("widths", json!([800, 480])),
            ("widths", json!([480, 480])),
            ("widths", json!([0])),
            ("widths", json!([1, 2, 3, 4, 5, 6, 7, 8, 9])),
            ("formats", json!(["avif"])),
            ("formats", json!([1])),
        ] {
            let mut v = base.clone();
            v["copies"][key] = bad.clone();
            let err = decode_image(&v, "image").unwrap_err();
            assert_eq!(
                err,
                DataError::Invalid {
                    field: format!("image.copies.{key}"),
                    reason: REASON_COPIES
                },
                "{key}: {bad}"
            );
        }
    }

    #[test]
    fn an_unknown_format_is_passed_over_and_the_order_is_best_first() {
        let v = json!({"src": "/a.jpg", "copies": {"path": "/anh/a", "hash": "0123abcd",
            "widths": [480], "formats": ["jpeg", "jxl", "avif", "jpeg"]}});
        let image = decode_image(&v, "image").unwrap();
        assert_eq!(
            image.copies.unwrap().formats,
            [PhotoFormat::Avif, PhotoFormat::Jpeg]
        );
    }
}
