//! Step `search`: the search index of `/tim-kiem`, in `dist/pagefind/`,
//! built by Pagefind's library from the articles `content` read, on a thread
//! of its own beside the later steps (it only writes its own folder, and
//! compresses its own JavaScript and JSON). Pagefind
//! splits the index into small chunks, so a query downloads only the words it
//! needs, and ships the browser side (`pagefind.js` and its WASM).
//!
//! Vietnamese with its diacritics: every text is indexed as written, but
//! with `đ` as `ď` ([`bantin::model::searchable`]), and the app searches
//! the query in the same form. Pagefind finds a word by its form without
//! marks (so "duong" finds "đường", "dương" and "đương", and "long tong"
//! finds "Lồng Tồng") and ranks first the articles with the form as typed
//! (so "đường" finds "đường" first, and "dương" finds "dương" first). What a
//! result shows (title, date, lead, address) is the article's own text, as
//! Pagefind's metadata.

use super::Build;
use bantin::model::{searchable, share, Article};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// The folder of the index, and what the app imports from it.
pub use bantin::search::{INDEX_FOLDER, LANGUAGE, META_DATE, META_LEAD, META_MINUTES, META_TITLE};

/// The Pagefind files the app does not use (its ready-made interfaces).
fn unused(name: &str) -> bool {
    name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight")
}

/// What is searched for an article ([`searchable`]): its title, then every word of
/// its title, lead and body once, in the order they first come. Once: a
/// word's every position in every article is what makes Pagefind's index
/// large (on the generated archive, the index chunks a query loads shrink
/// from 92 to 21 KB each, and the per-page metadata from 97 to 56 KB without
/// the date sort no search uses), while a search needs only whether a word
/// is there. The title comes twice, so its words rank first.
pub fn searched_text(article: &Article) -> String {
    let title = searchable(&article.title);
    let all = searchable(&format!(
        "{}\n{}\n{}",
        article.title,
        article.lead.as_deref().unwrap_or(""),
        share::plain_text(article)
    ));
    let mut seen = std::collections::HashSet::new();
    let words: Vec<&str> = all
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && seen.insert(w.to_lowercase()))
        .collect();
    format!("{title}\n{}", words.join(" "))
}

/// How many articles one part of the index holds, unless `SEARCH_SHARD`
/// says otherwise. Pagefind keeps every page it indexes in memory until it
/// writes the index (about 130 MB per 1,000 generated articles here), so a
/// large archive is indexed in parts, one after the other, and the browser
/// merges them (`public/pagefind-loader.js`): the build's memory stays that of one
/// part, and a query on an archive of up to this many articles loads one
/// index, as measured in docs/operating.md, "Search".
pub const SHARD_ARTICLES: usize = 10_000;

/// The module listing the other parts, for `public/pagefind-loader.js`.
const PARTS_MODULE: &str = "parts.js";

/// The index of `articles` as (file name under its folder, bytes); `whole`
/// keeps Pagefind's browser side (the first part), the other parts need
/// only their index.
pub fn index(articles: &[Article], whole: bool) -> Result<Vec<(String, Vec<u8>)>, String> {
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
                (
                    META_MINUTES.to_string(),
                    article.reading_minutes().to_string(),
                ),
            ]);
            index
                .add_custom_record(
                    article.slug.route(),
                    searched_text(article),
                    LANGUAGE.to_string(),
                    Some(meta),
                    None,
                    None,
                )
                .await
                .map_err(|e| format!("{}: {e}", article.slug))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let index_only = |name: &str| {
            name == "pagefind-entry.json" || name.ends_with(".pf_meta") || name.contains('/')
        };
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .filter(|(name, _)| !unused(name) && (whole || index_only(name)))
            .collect())
    })
}

/// The folder (under the index folder) of part `n` (from 0, the newest).
fn part_folder(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!("{}/", n + 1),
    }
}

/// `parts.js`: the addresses of the parts after the first.
fn parts_module(parts: usize) -> String {
    let more: Vec<String> = (1..parts)
        .map(|n| format!("\"{INDEX_FOLDER}{}\"", part_folder(n)))
        .collect();
    format!("export default [{}];\n", more.join(", "))
}

/// Articles per part: `SEARCH_SHARD`, else [`SHARD_ARTICLES`].
fn shard_size() -> Result<usize, String> {
    match std::env::var("SEARCH_SHARD") {
        Ok(v) if !v.is_empty() => v
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("SEARCH_SHARD must be a number of articles, not {v:?}")),
        _ => Ok(SHARD_ARTICLES),
    }
}

pub fn run(build: &Build) -> Result<String, String> {
    let articles = build.articles()?;
    let folder = build.dist.join(INDEX_FOLDER.trim_matches('/'));
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let size = shard_size()?;
    // An empty archive still gets an (empty) index, so search says "nothing".
    let parts: Vec<&[Article]> = if articles.is_empty() {
        vec![&[]]
    } else {
        articles.chunks(size).collect()
    };
    let write = |path: &std::path::Path, contents: &[u8]| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        // Its JavaScript and JSON (the index itself is compressed already),
        // here: the step `compress` runs at the same time and leaves this
        // folder alone.
        if path.to_str().is_some_and(crate::rules::is_compressible) {
            super::compress::compress_one(&build.dist, path, build.compress_cache.as_deref())?;
        }
        Ok(())
    };
    let (mut files, mut bytes) = (0, 0);
    for (n, part) in parts.iter().enumerate() {
        // One part at a time: its memory is freed before the next.
        for (name, contents) in index(part, n == 0)? {
            write(&folder.join(part_folder(n)).join(&name), &contents)?;
            files += 1;
            bytes += contents.len();
        }
    }
    write(
        &folder.join(PARTS_MODULE),
        parts_module(parts.len()).as_bytes(),
    )?;
    Ok(format!(
        "{} article(s) in {} part(s), {files} file(s) of {INDEX_FOLDER} ({:.1} KB)",
        articles.len(),
        parts.len(),
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
    fn the_text_searched_keeps_its_diacritics_with_d_with_stroke_as_d_caron() {
        let a = article(
            "a",
            "Lễ hội Lồng Tồng",
            "Đường dây điện về Đồng Hỷ. Lễ hội ở Đồng Hỷ, đường và dương.",
        );
        assert_eq!(
            searched_text(&a),
            "Lễ hội Lồng Tồng\nLễ hội Lồng Tồng Ďường dây ďiện về Ďồng Hỷ ở và dương",
            "the title, then each word once (\"đường\" is \"Đường\" again, \"dương\" is not)"
        );
    }

    #[test]
    fn the_index_has_the_browser_side_and_no_ready_made_interface() {
        let files = index(
            &[
                article("a", "Lễ hội Lồng Tồng", "Đường dây điện."),
                article("b", "Bài hai", "Nội dung."),
            ],
            true,
        )
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
        let part = index(&[article("c", "Ba", "Nội dung.")], false).unwrap();
        let names: Vec<&str> = part.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind-entry.json"), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|n| n.ends_with(".js") || n.starts_with("wasm.")),
            "{names:?}"
        );
    }

    #[test]
    fn the_other_parts_are_listed_for_the_browser() {
        assert_eq!(parts_module(1), "export default [];\n");
        assert_eq!(
            parts_module(3),
            "export default [\"/pagefind/2/\", \"/pagefind/3/\"];\n"
        );
    }
}
