//! Importing articles from the portal's exports (`make import FROM=…`).
//!
//! Each export format is a pure parser from a file's bytes to a [`Draft`]
//! (an article without its address) in its own module, listed in
//! [`FORMATS`]; [`store`] gives the draft its slug and writes the file. A
//! second format (the portal's HTML pages) is one more module and one more
//! line in [`FORMATS`].

pub mod portal_text;
pub mod store;

use bantin_model::{Block, Date};
use std::path::Path;

/// An imported article before it has an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub published: Date,
    pub lead: Option<String>,
    pub body: Vec<Block>,
    pub author: Option<String>,
}

/// Why an export was refused: the line (1-based) where the problem is, when
/// there is one, and the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", line.map(|n| format!("line {n}: ")).unwrap_or_default())]
pub struct Refusal {
    pub line: Option<usize>,
    pub reason: String,
}

impl Refusal {
    pub fn at(line: usize, reason: impl Into<String>) -> Refusal {
        Refusal {
            line: Some(line),
            reason: reason.into(),
        }
    }
}

/// One export format.
pub struct Format {
    /// Its name, as the importer reports it.
    pub name: &'static str,
    /// Whether a file, by its name, is in this format.
    pub claims: fn(&Path) -> bool,
    pub parse: fn(&[u8]) -> Result<Draft, Refusal>,
}

/// Every format the importer reads, tried in order.
pub const FORMATS: [Format; 1] = [Format {
    name: "the portal's text export",
    claims: portal_text::claims,
    parse: portal_text::parse,
}];

/// The format that claims `path`, if any.
pub fn format_of(path: &Path) -> Option<&'static Format> {
    FORMATS.iter().find(|f| (f.claims)(path))
}
