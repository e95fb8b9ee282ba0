//! The portal's text export (`*.txt`, as `../shared/seeds/` holds one):
//!
//! ```text
//! PublishingPortal - Block_BanTin_Toolbar        ← a block label: chrome
//!
//! 21/08/2020                                     ← the date, dd/mm/yyyy
//! Tăng cỡ chữ Giảm cỡ chữ                        ← the portal's toolbar: chrome
//! <title>
//! <lead>                                          ← every line up to the next label
//!
//!  PublishingPortal - Block_BanTin_ViewData      ← chrome
//!
//! <paragraph>                                     ← one line each, blank lines between
//!
//!
//! <photo caption>                                 ← no final full stop, a no-break space inside
//!
//! <paragraph>
//!
//! <author>                                        ← the last line, short, no final full stop
//! ```

use crate::{Draft, Refusal};
use bantin_model::{Block, Date};
use std::path::Path;

/// The portal's block labels, and its text-size buttons.
const LABEL: &str = "PublishingPortal - Block_";
const TOOLBAR: &str = "Tăng cỡ chữ Giảm cỡ chữ";
/// The label after which the article's body starts.
const BODY_LABEL: &str = "PublishingPortal - Block_BanTin_ViewData";
/// The longest line taken for an author's name.
const MAX_AUTHOR_CHARS: usize = 80;

/// A line of the export: its number (from 1) and its text.
type Line<'a> = (usize, &'a str);

pub fn claims(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn is_chrome(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(LABEL) || line == TOOLBAR
}

/// Ends like a sentence (a paragraph), as opposed to a name or a caption.
fn ends_a_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '…', ':', ';', '/', '"', '”', ')'])
}

/// A photo caption: no sentence ending, and the no-break space the portal
/// writes inside captions.
fn is_caption(line: &str) -> bool {
    !ends_a_sentence(line) && line.trim().contains('\u{a0}')
}

fn parse_date(line: usize, text: &str) -> Result<Date, Refusal> {
    let parts: Vec<&str> = text.trim().split('/').collect();
    let numbers: Option<Vec<u16>> = match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => parts
            .iter()
            .map(|p| {
                p.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect(),
        _ => None,
    };
    let Some([d, m, y]) = numbers.as_deref().map(|n| [n[0], n[1], n[2]]) else {
        return Err(Refusal::at(
            line,
            format!("no date: expected dd/mm/yyyy, found {:?}", short(text)),
        ));
    };
    let month = u8::try_from(m).unwrap_or(0);
    let day = u8::try_from(d).unwrap_or(0);
    Date::new(y, month, day)
        .ok_or_else(|| Refusal::at(line, format!("{} is not a date", text.trim())))
}

/// The start of a line, for a message.
fn short(text: &str) -> String {
    let cut: String = text.trim().chars().take(40).collect();
    if cut.len() < text.trim().len() {
        format!("{cut}…")
    } else {
        cut
    }
}

pub fn parse(bytes: &[u8]) -> Result<Draft, Refusal> {
    let line_of = |offset: usize| bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Refusal::at(line_of(nul), "binary data, not a text export"));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Refusal::at(line_of(e.valid_up_to()), "not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .collect();
    let body_start = lines.iter().position(|(_, l)| l.trim() == BODY_LABEL);
    let (head, body) = lines.split_at(body_start.unwrap_or(lines.len()));
    let mut head = head
        .iter()
        .filter(|(_, l)| !l.trim().is_empty() && !is_chrome(l));

    let Some(&(date_line, date)) = head.next() else {
        return Err(Refusal::at(1, "no date: the export has no text"));
    };
    let published = parse_date(date_line, date)?;
    let Some(&(_, title)) = head.next() else {
        return Err(Refusal::at(date_line + 1, "no title after the date"));
    };
    let mut rest: Vec<Line> = head.copied().collect();
    // Without the body label, the lead is the line after the title.
    let (lead, body): (Vec<Line>, Vec<Line>) = if body_start.is_some() {
        (rest, body.to_vec())
    } else {
        let tail = if rest.is_empty() {
            vec![]
        } else {
            rest.split_off(1)
        };
        (rest, tail)
    };
    let lead = (!lead.is_empty()).then(|| {
        lead.iter()
            .map(|(_, l)| l.trim())
            .collect::<Vec<_>>()
            .join(" ")
    });

    let mut lines: Vec<&str> = body
        .iter()
        .map(|(_, l)| *l)
        .filter(|l| !l.trim().is_empty() && !is_chrome(l))
        .collect();
    let author = match lines.last() {
        Some(last)
            if lines.len() > 1
                && !ends_a_sentence(last)
                && last.trim().chars().count() <= MAX_AUTHOR_CHARS =>
        {
            let author = last.trim().to_owned();
            lines.pop();
            Some(author)
        }
        _ => None,
    };
    if lines.is_empty() {
        let at = body.first().map_or(date_line, |(n, _)| *n);
        return Err(Refusal::at(at, "the body is empty"));
    }
    let body = lines
        .into_iter()
        .map(|l| {
            if is_caption(l) {
                Block::Figure {
                    caption: Some(l.trim().to_owned()),
                    image: None,
                }
            } else {
                Block::Paragraph {
                    text: l.trim().to_owned(),
                }
            }
        })
        .collect();
    Ok(Draft {
        title: title.trim().to_owned(),
        published,
        lead,
        body,
        author,
    })
}
