//! Step `search`: the search index of `/tim-kiem`, in `dist/pagefind/`,
//! built by Pagefind's library from the articles `content` read. Pagefind
//! splits the index into small chunks, so a query downloads only the words it
//! needs, and ships the browser side (`pagefind.js` and its WASM).
//!
//! Vietnamese without diacritics: every text is indexed folded
//! ([`bantin::model::fold`]: "Lồng Tồng" is indexed as "Long Tong", and
//! "đường dây" as "duong day", which Pagefind's own folding leaves as "đuong"),
//! and the app folds the query the same way, so a query with or without
//! diacritics finds the same articles. What a result shows (title, date,
//! lead, address) is kept unfolded, as Pagefind's metadata.

use super::Build;
use bantin::model::{fold, share, Article};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// The folder of the index, and what the app imports from it.
pub use bantin::search::{INDEX_FOLDER, LANGUAGE, META_DATE, META_LEAD, META_TITLE};

/// The Pagefind files the app does not use (its ready-made interfaces).
fn unused(name: &str) -> bool {
    name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight")
}

/// What is searched for an article: its title, lead and every text of its
/// body, folded.
pub fn searched_text(article: &Article) -> String {
    fold(&format!(
        "{}\n{}\n{}",
        article.title,
        article.lead.as_deref().unwrap_or(""),
        share::plain_text(article)
    ))
}

/// The index of `articles` as (file name under the index folder, bytes).
pub fn index(articles: &[Article]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(LANGUAGE.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for article in articles {
            let meta = BTreeMap::from([
                (META_TITLE.to_string(), article.title.clone()),
                (META_DATE.to_string(), article.published.iso()),
                (META_LEAD.to_string(), share::description(article)),
            ]);
            // Newest first among equally good results.
            let sort = BTreeMap::from([("date".to_string(), article.published.iso())]);
            index
                .add_custom_record(
                    article.slug.route(),
                    searched_text(article),
                    LANGUAGE.to_string(),
                    Some(meta),
                    None,
                    Some(sort),
                )
                .await
                .map_err(|e| format!("{}: {e}", article.slug))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .filter(|(name, _)| !unused(name))
            .collect())
    })
}

pub fn run(build: &Build) -> Result<String, String> {
    let articles = build.articles()?;
    let folder = build.dist.join(INDEX_FOLDER.trim_matches('/'));
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let files = index(articles)?;
    let mut bytes = 0;
    for (name, contents) in &files {
        let path = folder.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += contents.len();
    }
    Ok(format!(
        "{} article(s) in {} file(s) of {INDEX_FOLDER} ({:.1} KB)",
        articles.len(),
        files.len(),
        bytes as f64 / 1024.0
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, title: &str, text: &str) -> Article {
        let json = serde_json::json!({"slug": slug, "title": title, "published": "2024-05-01",
            "body": [{"type": "paragraph", "text": text}]});
        Article::from_json(
            &json.to_string(),
            &bantin::model::Slug::parse(slug).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn the_text_searched_is_folded_and_d_with_stroke_is_d() {
        let a = article("a", "Lễ hội Lồng Tồng", "Đường dây điện về Đồng Hỷ.");
        let text = searched_text(&a);
        assert!(text.contains("Le hoi Long Tong"), "{text}");
        assert!(text.contains("Duong day dien ve Dong Hy."), "{text}");
    }

    #[test]
    fn the_index_has_the_browser_side_and_no_ready_made_interface() {
        let files = index(&[
            article("a", "Lễ hội Lồng Tồng", "Đường dây điện."),
            article("b", "Bài hai", "Nội dung."),
        ])
        .unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind-entry.json"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("wasm.")), "{names:?}");
        assert!(
            names.iter().any(|n| n.ends_with(".pf_fragment")),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        let entry = &files
            .iter()
            .find(|(n, _)| n == "pagefind-entry.json")
            .unwrap()
            .1;
        let entry: serde_json::Value = serde_json::from_slice(entry).unwrap();
        assert!(entry["languages"][LANGUAGE].is_object(), "{entry}");
    }
}
