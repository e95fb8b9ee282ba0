//! Writing imported articles into the content folder: a slug from the title,
//! a suffix on a clash (never an overwrite), nothing written when the same
//! article is already there, and the article's entry in `index.json`.

use crate::Draft;
use bantin_model::{Article, Slug};
use serde_json::Value;
use std::path::Path;

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

/// Saves `draft` in `content`: as `<slug>.json`, or `<slug>-2.json`, … when
/// another article has the name; not at all when the same article is there.
pub fn save(draft: &Draft, content: &Path) -> Result<Saved, String> {
    let base = Slug::from_title(&draft.title)
        .ok_or("the title has no letter or digit to make an address from")?;
    for n in 1..=MAX_SUFFIX {
        let slug = if n == 1 {
            base.clone()
        } else {
            base.with_suffix(n)
        };
        let path = content.join(format!("{slug}.json"));
        let new = article(draft, slug.clone());
        match std::fs::read_to_string(&path) {
            Ok(existing) => {
                if Article::from_json(&existing, &slug).is_ok_and(|a| a == new) {
                    list(&new, content)?;
                    return Ok(Saved::Unchanged(slug));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::write(&path, file_text(&new))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                list(&new, content)?;
                return Ok(Saved::Written(slug));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Err(format!(
        "{MAX_SUFFIX} articles already have the address {base}"
    ))
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
