//! Articles and the article list: decoding and validation of the JSON files in
//! `public/articles/`. Pure Rust (serde_json, no `web_sys`), tested natively
//! (`cargo test -p bantin-model`) and fuzzed (fuzz/).
//!
//! Policy, decided once (docs/operating.md, "The JSON format", documents it):
//! - A file that is not JSON, not an object, lacks a required field, has a field
//!   of the wrong type, or a known block of the wrong shape is refused whole,
//!   with a [`DataError`] that names the field.
//! - A body block whose `type` this version does not know is skipped, and the
//!   article says that part of it could not be shown (forward compatibility).
//! - Unknown top-level fields are ignored.
//! - In the list (`index.json`), an entry that fails validation is skipped and
//!   counted; one bad entry does not hide the others.

mod article;
mod date;
mod decode;
mod error;
mod list;
pub mod photo;
pub mod reading_time;
pub mod share;
mod slug;

pub use article::{Article, Block};
pub use date::Date;
pub use decode::valid_image_src;
pub use error::DataError;
pub use list::{
    ArticleIndex, ArticleSummary, ListPage, HOME, HOME_DATA, MAX_PAGE_DIGITS, PAGE_SIZE,
};
pub use photo::{Copies, Image, PhotoFormat};
pub use slug::{fold, fold_unmarked, searchable, Slug};

/// The newest schema version this build understands (`"schema"` field; absent means 1).
pub const SCHEMA_VERSION: u64 = 1;
/// Largest article or index file accepted, in bytes of text.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Longest slug accepted.
pub const MAX_SLUG_LEN: usize = 200;
/// Largest image dimension accepted, in CSS pixels.
pub const MAX_IMAGE_DIMENSION: u64 = 20_000;
