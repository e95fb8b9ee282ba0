//! Writing imported articles into the content folder: a slug from the title,
//! a suffix on a clash (never an overwrite), nothing written when the same
//! article is already there, and the article's entry in `index.json`; the
//! photos that came with the export go into the content folder beside it
//! ([`save_with_photos`]).

use crate::Draft;
use bantin_model::{Article, Block, Image, Slug};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What happened to one imported article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new file, `<slug>.json`.
    Written(Slug),
    /// The same article was already there under this slug.
    Unchanged(Slug),
}

/// The longest run of suffixes tried for one title.
const MAX_SUFFIX: u32 = 1000;

/// The file's text: the format's key order, two-space indents, a final newline.
pub fn file_text(article: &Article) -> String {
    let mut text = serde_json::to_string_pretty(&article.to_json()).unwrap_or_default();
    text.push('\n');
    text
}

fn article(draft: &Draft, slug: Slug) -> Article {
    Article {
        slug,
        lang: "vi".into(),
        title: draft.title.clone(),
        published: draft.published,
        lead: draft.lead.clone(),
        body: draft.body.clone(),
        author: draft.author.clone(),
        skipped_blocks: 0,
    }
}

/// The file kinds a photo beside an export may be (the build reads these).
pub const PHOTO_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// The folder of an article's photos in the content folder: `anh/<slug>`.
pub fn photo_folder(slug: &Slug) -> String {
    format!("{}/{slug}", bantin_model::photo::FOLDER)
}

/// The photos beside an export `<name>.txt`: the files of the folder
/// `<name>/` next to it whose kind the build reads, in name order (`1.jpg`,
/// `2.jpg`, … or `01.jpg`, `02.jpg`, … keep the order of the captions). No
/// folder, no photos.
pub fn photos_beside(export: &Path) -> Result<Vec<PathBuf>, String> {
    let folder = export.with_extension("");
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut photos: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    photos.sort_by_key(|p| natural_key(p));
    Ok(photos)
}

/// Names in the order a person numbers them: `2.jpg` before `10.jpg`.
fn natural_key(path: &Path) -> (u64, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), name.to_owned())
}

/// The draft's figures with the photos, in order: figure *n* gets photo *n*
/// as `anh/<slug>/<n>.<ext>` (copied there by [`save_with_photos`]). Returns
/// what to copy where, and how many photos were left over.
fn with_photos(article: &mut Article, photos: &[PathBuf]) -> (Vec<(PathBuf, String)>, usize) {
    let mut copies = Vec::new();
    let mut next = photos.iter();
    for block in &mut article.body {
        let Block::Figure { image, .. } = block else {
            continue;
        };
        if image.is_some() {
            continue;
        }
        let Some(photo) = next.next() else { break };
        let ext = photo
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("jpg")
            .to_ascii_lowercase();
        let src = format!("{}/{}.{ext}", photo_folder(&article.slug), copies.len() + 1);
        // The caption says what the photo shows; an alt repeating it would be
        // read twice. An editor may write one.
        *image = Some(Image {
            src: src.clone(),
            alt: String::new(),
            width: None,
            height: None,
            copies: None,
        });
        copies.push((photo.clone(), src));
    }
    (copies, next.count())
}

/// Saves `draft` in `content`: as `<slug>.json`, or `<slug>-2.json`, … when
/// another article has the name; not at all when the same article is there.
pub fn save(draft: &Draft, content: &Path) -> Result<Saved, String> {
    save_with_photos(draft, content, &[]).map(|(saved, _)| saved)
}

/// [`save`], with the photos that came with the export given to its figures
/// in order ([`photos_beside`]) and copied into the content folder. Also
/// returns how many photos had no figure to go to (they are left out).
pub fn save_with_photos(
    draft: &Draft,
    content: &Path,
    photos: &[PathBuf],
) -> Result<(Saved, usize), String> {
    let base = Slug::from_title(&draft.title)
        .ok_or("the title has no letter or digit to make an address from")?;
    for n in 1..=MAX_SUFFIX {
        let slug = if n == 1 {
            base.clone()
        } else {
            base.with_suffix(n)
        };
        let path = content.join(format!("{slug}.json"));
        let mut new = article(draft, slug.clone());
        let (copies, left_over) = with_photos(&mut new, photos);
        match std::fs::read_to_string(&path) {
            Ok(existing) => {
                if Article::from_json(&existing, &slug).is_ok_and(|a| a == new) {
                    copy_photos(&copies, content)?;
                    list(&new, content)?;
                    return Ok((Saved::Unchanged(slug), left_over));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                copy_photos(&copies, content)?;
                std::fs::write(&path, file_text(&new))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                list(&new, content)?;
                return Ok((Saved::Written(slug), left_over));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Err(format!(
        "{MAX_SUFFIX} articles already have the address {base}"
    ))
}

/// Copies each photo to its place in the content folder (a photo already
/// there is left as it is: never an overwrite).
fn copy_photos(copies: &[(PathBuf, String)], content: &Path) -> Result<(), String> {
    for (from, src) in copies {
        let to = content.join(src);
        if to.exists() {
            continue;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    Ok(())
}

/// Puts the article in `index.json` (created if missing) among the others by
/// date, newest first; the other entries are kept exactly as they are.
fn list(article: &Article, content: &Path) -> Result<(), String> {
    let path = content.join("index.json");
    let mut index: Value = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            serde_json::json!({ "schema": bantin_model::SCHEMA_VERSION, "articles": [] })
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let Some(entries) = index.get_mut("articles").and_then(Value::as_array_mut) else {
        return Err(format!("{}: no \"articles\" list", path.display()));
    };
    let slug = article.slug.as_str();
    if entries
        .iter()
        .any(|e| e.get("slug").and_then(Value::as_str) == Some(slug))
    {
        return Ok(());
    }
    let published = article.published.iso();
    let at = entries
        .iter()
        .position(|e| e.get("published").and_then(Value::as_str) < Some(published.as_str()))
        .unwrap_or(entries.len());
    entries.insert(at, article.summary().to_json());
    let mut text = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}
