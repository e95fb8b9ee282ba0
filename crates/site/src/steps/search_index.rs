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
use std::path::{Path, PathBuf};

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

/// What a result shows of `article`, kept beside the index.
fn meta(article: &Article) -> BTreeMap<String, String> {
    BTreeMap::from([
        (META_TITLE.to_string(), article.title.clone()),
        (META_DATE.to_string(), article.published.iso()),
        (META_LEAD.to_string(), share::description(article)),
        (
            META_MINUTES.to_string(),
            article.reading_minutes().to_string(),
        ),
    ])
}

/// The index of `articles` as (file name under its folder, bytes); `whole`
/// keeps Pagefind's browser side (the first part), the other parts need
/// only their index ([`index_only`]).
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
            let meta = meta(article);
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
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .filter(|(name, _)| !unused(name) && (whole || index_only(name)))
            .collect())
    })
}

/// Whether the file `name` of an index is the index's own (the files of a
/// full part), not Pagefind's browser side.
fn index_only(name: &str) -> bool {
    name == "pagefind-entry.json" || name.ends_with(".pf_meta") || name.contains('/')
}

/// How `count` articles (newest first) are cut into parts of `size`:
/// counted from the oldest, so that a part once full keeps the very same
/// articles whatever is published after it. Returns how many full parts
/// there are and how many articles the open part (the newest) holds: the
/// open part is `articles[..open]`, full part `k` (from 1, the oldest) is
/// the `size` articles before the `k - 1` full parts after it. The open
/// part is never empty while there are articles: Pagefind's browser side
/// cannot start from an index without a page ("No language indexes
/// found", and no search at all), so when the last part has just filled
/// it stays open until the next article.
pub fn parts_of(count: usize, size: usize) -> (usize, usize) {
    match (count / size, count % size) {
        (full, 0) if full > 0 => (full - 1, size),
        parts => parts,
    }
}

/// The articles of full part `k` (from 1, the oldest) of `articles` (newest
/// first), cut in parts of `size`.
fn full_part(articles: &[Article], size: usize, k: usize) -> &[Article] {
    let end = articles.len() - (k - 1) * size;
    &articles[end - size..end]
}

/// The folder (under the index folder) of full part `k` (from 1, the
/// oldest): its address never changes, nor, once full, its files.
fn part_folder(k: usize) -> String {
    format!("{k}/")
}

/// `parts.js`, what `public/pagefind-loader.js` merges and what it tells
/// the reader, from `articles` (newest first) in parts of `size`.
///
/// A query searches the newest articles first: the open part (the index
/// folder itself, with Pagefind's browser side) and the newest full part,
/// at least `size` articles, merged at once (`first`). The older full parts,
/// newest first, are merged one at a time when the reader asks
/// (`older`): each part's metadata lists every page of it, so a cold query
/// over the whole of a 100,000-article archive would load about 600 KB of
/// metadata alone (docs/operating.md, "Search"). `searched` says what a
/// search has covered, `more` what the next part adds; empty when one
/// search covers the whole archive. `empty`: no article at all (Pagefind's
/// browser side cannot start from an index without a page, so nothing is
/// searched and nothing is found). `id` is the pre-rendered page's place
/// for them ([`bantin::search::OLDER_ID`]), under the results, and
/// `field` the page's search field (searched again once a part is merged);
/// the whole app (which has no such place) merges every part at once.
fn parts_module(articles: &[Article], size: usize) -> String {
    let (full, open) = parts_of(articles.len(), size);
    let first_count = open + size * full.min(1);
    let first: Vec<String> = (full > 0)
        .then(|| format!("{INDEX_FOLDER}{}", part_folder(full)))
        .into_iter()
        .collect();
    let older: Vec<serde_json::Value> = (1..full)
        .rev()
        .map(|k| {
            let searched = first_count + size * (full - k);
            serde_json::json!({
                "url": format!("{INDEX_FOLDER}{}", part_folder(k)),
                "more": search_ui::more(size, articles[searched - 1].published),
                "searched": search_ui::searched(searched, articles),
            })
        })
        .collect();
    let searched = if older.is_empty() {
        String::new()
    } else {
        search_ui::searched(first_count, articles)
    };
    let module = serde_json::json!({
        "empty": articles.is_empty(),
        "first": first,
        "older": older,
        "searched": searched,
        "id": bantin::search::OLDER_ID,
        "field": bantin::routes::search_page::FIELD_ID,
        "loading": search_ui::LOADING,
        "failed": search_ui::FAILED,
    });
    format!("export default {module};\n")
}

/// What the reader is told of a search over part of the archive
/// ([`parts_module`]).
mod search_ui {
    use bantin::model::{Article, Date};

    pub const LOADING: &str = "Đang tải các bài cũ hơn…";
    pub const FAILED: &str =
        "Không tải được các bài cũ hơn. Vui lòng kiểm tra kết nối mạng rồi thử lại.";

    /// What a search of the newest `count` of `articles` (newest first)
    /// has covered.
    pub fn searched(count: usize, articles: &[Article]) -> String {
        match articles.get(count.max(1) - 1) {
            Some(oldest) if count < articles.len() => format!(
                "Đã tìm trong {} bài mới nhất, đăng từ ngày {}.",
                thousands(count),
                oldest.published.vi()
            ),
            _ => format!("Đã tìm trong toàn bộ {} bài.", thousands(articles.len())),
        }
    }

    /// The button that adds a part of `count` older articles, back to `since`.
    pub fn more(count: usize, since: Date) -> String {
        format!(
            "Tìm thêm trong {} bài cũ hơn (từ ngày {})",
            thousands(count),
            since.vi()
        )
    }

    /// `n` with its thousands grouped as Vietnamese writes them: 10.000.
    pub fn thousands(n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(digit);
        }
        out
    }
}

/// What a cached part is made with: a new setting or Pagefind must not
/// reuse the old parts.
const PART_CACHE_VERSION: &str = "v1-pagefind-1.6.0";

/// The key of a full part in the search cache: its articles' searched text
/// and metadata, in order.
fn part_key(part: &[Article]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(PART_CACHE_VERSION);
    for article in part {
        for field in [
            article.slug.route(),
            searched_text(article),
            meta(article)
                .into_values()
                .collect::<Vec<_>>()
                .join("\u{0}"),
        ] {
            super::hash_part(&mut hasher, field.as_bytes());
        }
    }
    super::hex(&hasher.finalize())
}

/// [`part_key`], remembered in the search cache (`keys/`) under a cheaper
/// digest of the part's articles (every field, [`super::page_cache::digest_of`])
/// and this program's: working out the searched text of every article of a
/// large archive (10 s at 100,000) was most of what the step cost on a
/// publish. A new program works each key out again once, and finds the same
/// part when its searched text is the same.
fn part_key_in(cache: &Path, part: &[Article]) -> String {
    use sha2::{Digest, Sha256};
    let Ok(program) = super::page_cache::program_digest() else {
        return part_key(part);
    };
    let mut hasher = Sha256::new();
    super::hash_part(&mut hasher, PART_CACHE_VERSION.as_bytes());
    super::hash_part(&mut hasher, program);
    for article in part {
        hasher.update(super::page_cache::digest_of(article));
    }
    let memo = cache.join("keys").join(super::hex(&hasher.finalize()));
    if let Ok(key) = std::fs::read_to_string(&memo) {
        if key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return key;
        }
    }
    let key = part_key(part);
    let kept = std::fs::create_dir_all(cache.join("keys"))
        .and_then(|()| super::write_whole(&memo, key.as_bytes()));
    if let Err(e) = kept {
        eprintln!(
            "[build] search: part key not kept ({}: {e})",
            memo.display()
        );
    }
    key
}

/// One file of the index: its name under its part's folder, and its bytes.
type IndexFile = (String, Vec<u8>);

/// Where a full part's index files are: in the search cache (its folder
/// there and their names: a part once full never changes, so a build after
/// publishing indexes only the open part), or made now.
enum PartFiles {
    Cached(PathBuf, Vec<String>),
    Made(Vec<IndexFile>),
}

/// A full part's index files: from the search cache when these very
/// articles were indexed before, else made and kept there.
fn full_part_files(part: &[Article], cache: Option<&Path>) -> Result<PartFiles, String> {
    let Some(cache) = cache else {
        return Ok(PartFiles::Made(index(part, false)?));
    };
    let folder = cache.join(part_key_in(cache, part));
    let list = folder.join("files.json");
    if let Ok(text) = std::fs::read_to_string(&list) {
        let names: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
        if !names.is_empty() {
            return Ok(PartFiles::Cached(folder.join("f"), names));
        }
    }
    let files = index(part, false)?;
    match keep_part(&folder, &files) {
        Ok(()) => Ok(PartFiles::Made(files)),
        Err(e) => {
            eprintln!(
                "[build] search: part not cached ({}: {e})",
                folder.display()
            );
            Ok(PartFiles::Made(files))
        }
    }
}

/// Writes a part into the cache: its files, then the list naming them last,
/// so a part whose list is there is whole.
fn keep_part(folder: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    for (name, bytes) in files {
        let path = folder.join("f").join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let partial = folder.join(format!("files.json.{}.part", std::process::id()));
    std::fs::write(&partial, serde_json::to_string(&names).unwrap_or_default())?;
    std::fs::rename(partial, folder.join("files.json"))
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
    let size = shard_size()?;
    let (full, open) = parts_of(articles.len(), size);
    // The files of the index, by their path in its folder, with their
    // `.br` and `.gz`: what is there of the last build's index but not in
    // these goes ([`super::sweep`]; a build on the previous build's tree).
    let written = std::cell::RefCell::new(std::collections::HashSet::new());
    // A file of the index at `path`: its bytes, or a cached file's (linked,
    // not copied: 10,000 files a part; left as it is when it is there
    // already, from the previous build).
    let put = |path: &Path, contents: Result<&[u8], &Path>| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        match contents {
            Ok(bytes) => super::put_bytes(path, bytes)?,
            Err(cached) => super::link_or_copy(cached, path)?,
        }
        let relative = path.strip_prefix(&folder).ok().and_then(Path::to_str);
        if let Some(relative) = relative {
            written.borrow_mut().extend(super::and_variants(relative));
        }
        // Its JavaScript and JSON (the index itself is compressed already),
        // here: the step `compress` runs at the same time and leaves this
        // folder alone.
        if path.to_str().is_some_and(crate::rules::is_compressible) {
            super::compress::compress_one(&build.dist, path, build.compress_cache.as_deref())?;
        }
        Ok(())
    };
    let write = |path: &Path, contents: &[u8]| put(path, Ok(contents));
    let (mut files, mut bytes, mut reused) = (0, 0, 0);
    // The open part (the newest articles, [`parts_of`]; an empty index only
    // for an empty archive), with Pagefind's browser side.
    let open_files = index(&articles[..open], true)?;
    let cache = build.search_cache.as_deref();
    // An open part that has just filled is the next build's newest full
    // part, with the very same articles: kept as one, it is not indexed
    // again when the next article comes.
    if let (Some(cache), true) = (cache, open == size) {
        let part: Vec<IndexFile> = open_files
            .iter()
            .filter(|(name, _)| index_only(name))
            .cloned()
            .collect();
        let kept = cache.join(part_key_in(cache, &articles[..open]));
        if !kept.join("files.json").exists() {
            if let Err(e) = keep_part(&kept, &part) {
                eprintln!("[build] search: part not cached ({}: {e})", kept.display());
            }
        }
    }
    for (name, contents) in open_files {
        write(&folder.join(&name), &contents)?;
        files += 1;
        bytes += contents.len();
    }
    // The full parts, one at a time (its memory freed before the next).
    for k in 1..=full {
        let to = folder.join(part_folder(k));
        let part = full_part(articles, size, k);
        let made = match full_part_files(part, cache)? {
            PartFiles::Cached(from, names) => {
                let placed: Result<Vec<usize>, String> = names
                    .iter()
                    .map(|name| {
                        let cached = from.join(name);
                        put(&to.join(name), Err(&cached))?;
                        Ok(std::fs::metadata(&cached).map_or(0, |m| m.len() as usize))
                    })
                    .collect();
                match placed {
                    Ok(sizes) => {
                        reused += 1;
                        files += sizes.len();
                        bytes += sizes.iter().sum::<usize>();
                        continue;
                    }
                    // A cached part with a file missing is made again.
                    Err(e) => {
                        eprintln!("[build] search: part {k} made again ({e})");
                        let _ = std::fs::remove_dir_all(&to);
                        index(part, false)?
                    }
                }
            }
            PartFiles::Made(made) => made,
        };
        for (name, contents) in made {
            write(&to.join(&name), &contents)?;
            files += 1;
            bytes += contents.len();
        }
    }
    write(
        &folder.join(PARTS_MODULE),
        parts_module(articles, size).as_bytes(),
    )?;
    super::sweep(&folder, &written.into_inner())?;
    let parts = full + 1;
    Ok(format!(
        "{} article(s) in {parts} part(s) ({reused} full one(s) from the cache, {open} in the open one), {files} file(s) of {INDEX_FOLDER} ({:.1} KB)",
        articles.len(),
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

    /// `count` articles, newest first, a day apart back from 28/12/2024
    /// (every month taken as 28 days).
    fn dated(count: usize) -> Vec<Article> {
        (0..count)
            .map(|i| {
                let day = bantin::model::Date::new(2024, 12 - (i / 28) as u8, 28 - (i % 28) as u8);
                let json = serde_json::json!({"slug": format!("a{i}"), "title": format!("Bài {i}"),
                    "published": day.unwrap().iso(), "body": [{"type": "paragraph", "text": "Nội dung."}]});
                Article::from_json(&json.to_string(), &bantin::model::Slug::parse(&format!("a{i}")).unwrap())
                    .unwrap()
            })
            .collect()
    }

    fn module(articles: &[Article], size: usize) -> serde_json::Value {
        let text = parts_module(articles, size);
        let json = text
            .strip_prefix("export default ")
            .and_then(|t| t.strip_suffix(";\n"))
            .expect("an ES module with one default export");
        serde_json::from_str(json).expect("JSON")
    }

    #[test]
    fn a_search_covers_the_newest_parts_first_and_older_ones_on_request() {
        // 23 articles in parts of 5: the open part holds 3, full parts 4
        // (the newest) to 1. The first search merges part 4 with the open
        // part: the newest 8.
        let articles = dated(23);
        let parts = module(&articles, 5);
        assert_eq!(parts["first"], serde_json::json!(["/pagefind/4/"]));
        assert_eq!(
            parts["searched"],
            format!(
                "Đã tìm trong 8 bài mới nhất, đăng từ ngày {}.",
                articles[7].published.vi()
            )
        );
        let older = parts["older"].as_array().unwrap();
        let urls: Vec<&str> = older.iter().map(|p| p["url"].as_str().unwrap()).collect();
        assert_eq!(urls, ["/pagefind/3/", "/pagefind/2/", "/pagefind/1/"]);
        assert_eq!(
            older[0]["more"],
            format!(
                "Tìm thêm trong 5 bài cũ hơn (từ ngày {})",
                articles[12].published.vi()
            )
        );
        assert_eq!(
            older[1]["searched"],
            format!(
                "Đã tìm trong 18 bài mới nhất, đăng từ ngày {}.",
                articles[17].published.vi()
            )
        );
        assert_eq!(older[2]["searched"], "Đã tìm trong toàn bộ 23 bài.");
        assert_eq!(parts["id"], bantin::search::OLDER_ID);
        assert_eq!(parts["field"], bantin::routes::search_page::FIELD_ID);
    }

    #[test]
    fn an_archive_of_two_parts_or_fewer_is_searched_whole_at_once_and_a_third_waits() {
        for (count, first) in [
            (0, vec![]),
            (3, vec![]),
            (5, vec![]),
            (10, vec!["/pagefind/1/"]),
        ] {
            let parts = module(&dated(count), 5);
            assert_eq!(parts["first"], serde_json::json!(first), "{count} articles");
            assert_eq!(parts["older"], serde_json::json!([]), "{count} articles");
            assert_eq!(parts["searched"], "", "{count} articles: nothing to tell");
            assert_eq!(parts["empty"], count == 0, "{count} articles");
        }
        // 11 articles in parts of 5 are part 1, part 2 and one open: the
        // first search covers 6, part 1 comes on request.
        let articles = dated(11);
        let parts = module(&articles, 5);
        assert_eq!(parts["first"], serde_json::json!(["/pagefind/2/"]));
        assert_eq!(parts["older"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            parts["searched"],
            format!(
                "Đã tìm trong 6 bài mới nhất, đăng từ ngày {}.",
                articles[5].published.vi()
            )
        );
    }

    #[test]
    fn thousands_are_grouped_with_dots() {
        use super::search_ui::thousands;
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(19_876), "19.876");
        assert_eq!(thousands(100_001), "100.001");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }

    #[test]
    fn a_full_part_keeps_its_articles_whatever_is_published_after_it() {
        let articles: Vec<Article> = (0..12)
            .map(|i| article(&format!("a{i}"), &format!("Bài {i}"), "Nội dung."))
            .collect();
        // Newest first: 12 articles in parts of 5 are two full parts and an
        // open one of 2.
        assert_eq!(parts_of(12, 5), (2, 2));
        assert_eq!(parts_of(11, 5), (2, 1));
        // A part just filled stays open: the open part is never empty.
        assert_eq!(parts_of(10, 5), (1, 5));
        assert_eq!(parts_of(5, 5), (0, 5));
        assert_eq!(parts_of(3, 5), (0, 3));
        assert_eq!(parts_of(0, 5), (0, 0));
        let slugs = |part: &[Article]| part.iter().map(|a| a.slug.to_string()).collect::<Vec<_>>();
        let oldest = slugs(full_part(&articles, 5, 1));
        assert_eq!(oldest, ["a7", "a8", "a9", "a10", "a11"]);
        // Three more published (before the newest): part 1 is the same.
        let more: Vec<Article> = (0..3)
            .map(|i| article(&format!("n{i}"), "Mới", "Mới."))
            .chain(articles.iter().cloned())
            .collect();
        assert_eq!(slugs(full_part(&more, 5, 1)), oldest);
        assert_eq!(
            slugs(full_part(&more, 5, 2)),
            slugs(full_part(&articles, 5, 2))
        );
        assert_eq!(
            part_key(full_part(&more, 5, 1)),
            part_key(full_part(&articles, 5, 1))
        );
        assert_ne!(
            part_key(full_part(&articles, 5, 1)),
            part_key(full_part(&articles, 5, 2))
        );
    }

    #[test]
    fn a_parts_key_is_remembered_and_is_the_key_worked_out() {
        let articles = dated(6);
        let cache = tempfile::tempdir().expect("a cache");
        let key = part_key_in(cache.path(), &articles);
        assert_eq!(key, part_key(&articles));
        let keys = cache.path().join("keys");
        let memo: Vec<_> = std::fs::read_dir(&keys).unwrap().collect();
        assert_eq!(memo.len(), 1, "remembered");
        assert_eq!(part_key_in(cache.path(), &articles), key, "and read back");
        let mut other = articles.clone();
        other[3].title.push('!');
        assert_eq!(part_key_in(cache.path(), &other), part_key(&other));
        assert_ne!(part_key(&other), key);
    }

    #[test]
    fn a_cached_part_is_the_part_made_afresh() {
        let articles: Vec<Article> = (0..4)
            .map(|i| article(&format!("a{i}"), &format!("Lễ hội {i}"), "Đường dây điện."))
            .collect();
        let cache = tempfile::tempdir().expect("a cache");
        let PartFiles::Made(made) = full_part_files(&articles, Some(cache.path())).unwrap() else {
            panic!("the first time, made");
        };
        let PartFiles::Cached(folder, names) =
            full_part_files(&articles, Some(cache.path())).unwrap()
        else {
            panic!("the second time, from the cache");
        };
        let again: Vec<IndexFile> = names
            .iter()
            .map(|name| (name.clone(), std::fs::read(folder.join(name)).unwrap()))
            .collect();
        assert_eq!(made, again);
        assert_eq!(
            made,
            index(&articles, false).unwrap(),
            "Pagefind is deterministic"
        );
    }
}
