//! Step `content`: `dist/articles/` made from the content folder (`CONTENT`,
//! default `public/articles`): every `<slug>.json` that validates, copied as
//! it is; and the list derived from them, newest first, as one small data
//! file per list page (`dist/trang/<k>.json`, [`PAGE_SIZE`] entries each,
//! counted from the oldest; the home page's is [`HOME_DATA`]).
//! Nobody keeps the list by hand: an `index.json` in the content folder is
//! ignored (it is there for `make dev`, which runs no build steps). A file
//! that fails validation is reported with its name and reason and left out;
//! with `STRICT=1` the build fails on it instead. The photos the articles
//! name are made into copies on the way ([`super::photos`]). First of all
//! steps: the others take the articles it read ([`Build::articles`]).

use super::page_cache::{Made, PageCache};
use super::Build;
use bantin::model::{Article, ArticleIndex, ListPage, Slug, MAX_FILE_BYTES};
#[cfg(doc)]
use bantin::model::{HOME_DATA, PAGE_SIZE};
use std::collections::HashSet;
use std::path::Path;
use std::path::PathBuf;
use std::sync::Mutex;

/// What the content folder held.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Content {
    /// The valid articles, in file-name order, with their file's text.
    pub articles: Vec<(Article, String)>,
    /// `file name: reason`, for every file left out.
    pub refused: Vec<String>,
}

/// Reads every `.json` file of `folder` but `index.json`.
pub fn read(folder: &Path) -> Result<Content, String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && name != "index.json")
        .collect();
    names.sort();
    // On every core, in the names' order: at 100,000 articles, reading and
    // checking them is most of what a publish's first step costs.
    let read = super::on_every_core(&names, "an article-reading thread", |part| {
        Ok(part
            .iter()
            .map(|name| read_one(folder, name))
            .collect::<Vec<_>>())
    })?;
    let mut content = Content::default();
    for outcome in read.into_iter().flatten() {
        match outcome {
            Ok(article) => content.articles.push(article),
            Err(refusal) => content.refused.push(refusal),
        }
    }
    Ok(content)
}

/// The article in the file `name` of `folder`, with its text, or why it is
/// left out (`name: reason`).
fn read_one(folder: &Path, name: &str) -> Result<(Article, String), String> {
    let path = folder.join(name);
    let stem = name.trim_end_matches(".json");
    let Some(slug) = Slug::parse(stem) else {
        return Err(format!(
            "{name}: the file name is not an address (lowercase a-z, 0-9 and hyphens, at most 200)"
        ));
    };
    let text = match std::fs::metadata(&path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES as u64 => {
            return Err(format!("{name}: larger than {} MB", MAX_FILE_BYTES >> 20));
        }
        _ => std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?,
    };
    match Article::from_json(&text, &slug) {
        Ok(article) => Ok((article, text)),
        Err(e) => Err(format!("{name}: {e}")),
    }
}

/// Where an article's data file goes in dist/ (its address, [`Slug::data_url`]).
fn data_file(article: &Article) -> String {
    article.slug.data_url().trim_start_matches('/').to_string()
}

/// `files` (paths under dist/, with `/`) and their `.br` and `.gz`, by
/// their paths under `folder` (of dist/): what [`super::sweep`] keeps there.
fn kept_in(folder: &str, files: impl Iterator<Item = String>) -> HashSet<String> {
    files
        .filter_map(|file| Some(file.strip_prefix(folder)?.strip_prefix('/')?.to_string()))
        .flat_map(|file| super::and_variants(&file))
        .collect()
}

/// The articles in the list's order: newest first, ties by title, then by
/// address ([`ArticleIndex::of`]); with the list itself, whose entries
/// (each with its reading time: a count of the article's words) are worked
/// out once a build.
pub fn in_list_order(articles: Vec<Article>) -> (Vec<Article>, ArticleIndex) {
    let order = ArticleIndex::of(articles.iter().map(Article::summary).collect());
    let mut by_slug: std::collections::HashMap<_, _> =
        articles.into_iter().map(|a| (a.slug.clone(), a)).collect();
    let articles = order
        .articles
        .iter()
        .filter_map(|entry| by_slug.remove(&entry.slug))
        .collect();
    (articles, order)
}

/// `dist/articles/` with exactly `content`'s articles, `dist/trang/` with
/// the list's pages. Returns the articles in the list's order and the
/// list's pages. With a
/// `cache`, each article's file comes from it with its `.br` and `.gz`
/// (made there the first time), and `precompressed` is told.
pub fn write(
    content: Content,
    dist: &Path,
    cache: Option<&PageCache>,
    precompressed: &Mutex<HashSet<PathBuf>>,
) -> Result<(Vec<Article>, Vec<ListPage>), String> {
    // dist/articles/ may be the previous build's (`site stage`): what is
    // not an article's file or page now goes, the rest is left for the
    // steps to keep or replace.
    let folder = dist.join("articles");
    let pages = content.articles.iter().flat_map(|(article, _)| {
        [
            data_file(article),
            super::pages::article_file(&article.slug),
        ]
    });
    super::sweep(&folder, &kept_in("articles", pages))?;
    // One file at a time, on every core: with a cache, a file new to it is
    // compressed here.
    let written = super::on_every_core(&content.articles, "an article-writing thread", |part| {
        let mut done = Vec::new();
        for (article, text) in part {
            let file = data_file(article);
            let path = dist.join(&file);
            let Some(cache) = cache else {
                super::write(&path, text)?;
                continue;
            };
            let make = || {
                let (br, gz) = super::compress::made_for(dist, &path, text.as_bytes());
                let file = text.as_bytes().to_vec();
                Ok(Made { file, br, gz })
            };
            cache.put(&file, text.as_bytes(), &path, make)?;
            done.push(path);
        }
        Ok(done)
    })?;
    precompressed
        .lock()
        .map_err(|_| "a step panicked while noting its files")?
        .extend(written.into_iter().flatten());
    let articles: Vec<Article> = content.articles.into_iter().map(|(a, _)| a).collect();
    let (articles, index) = in_list_order(articles);
    let lists = dist.join("trang");
    let list_pages = ListPage::paginate(&index);
    let files = list_pages.iter().flat_map(|page| {
        [
            ListPage::data_url(page.number)
                .trim_start_matches('/')
                .to_string(),
            super::pages::list_file(page.number),
        ]
    });
    super::sweep(&lists, &kept_in("trang", files))?;
    for page in &list_pages {
        let path = dist.join(ListPage::data_url(page.number).trim_start_matches('/'));
        super::write(&path, &page.to_json().to_string())?;
    }
    Ok((articles, list_pages))
}

pub fn run(build: &Build) -> Result<String, String> {
    let mut content = read(&build.content)?;
    for refusal in &content.refused {
        eprintln!("[build] content: left out {refusal}");
    }
    if build.strict && !content.refused.is_empty() {
        return Err(format!(
            "STRICT=1 and {} file(s) failed: {}",
            content.refused.len(),
            content.refused.join("; ")
        ));
    }
    let photos = super::photos::run(
        &mut content.articles,
        &build.content,
        &build.dist,
        build.photo_cache.as_deref(),
    )?;
    for problem in &photos.problems {
        eprintln!("[build] content: {problem}");
    }
    if build.strict && !photos.problems.is_empty() {
        return Err(format!(
            "STRICT=1 and {} photo(s) failed: {}",
            photos.problems.len(),
            photos.problems.join("; ")
        ));
    }
    let refused = content.refused.len();
    // The articles' files are kept as the pages are (shell and origin play
    // no part in them).
    let cache = build
        .page_cache
        .as_deref()
        .and_then(|folder| PageCache::new(folder, "", ""));
    let (articles, lists) = write(content, &build.dist, cache.as_ref(), &build.precompressed)?;
    let (count, pages) = (articles.len(), lists.len());
    let _ = build.articles.set(articles);
    let _ = build.lists.set(lists);
    Ok(format!(
        "{count} article(s) from {}, the list derived from them in {pages} page(s); {refused} file(s) left out; {}",
        build.content.display(),
        photos.summary(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin::model::HOME;

    const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
    const SEED_FILE: &str = include_str!(
        "../../../../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
    );

    fn article(slug: &str, title: &str, published: &str) -> String {
        serde_json::json!({"slug": slug, "title": title, "published": published,
            "body": [{"type": "paragraph", "text": "Nội dung."}]})
        .to_string()
    }

    fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn the_list_is_derived_from_the_files_newest_first_ties_by_title() {
        let content = folder(&[
            (&format!("{SEED_SLUG}.json"), SEED_FILE.to_string()),
            (
                "b-cung-ngay.json",
                article("b-cung-ngay", "B cùng ngày", "2024-05-01"),
            ),
            (
                "a-cung-ngay.json",
                article("a-cung-ngay", "A cùng ngày", "2024-05-01"),
            ),
            (
                "index.json",
                r#"{"articles": [{"slug": "khong-co", "title": "Cũ", "published": "2030-01-01"}]}"#
                    .into(),
            ),
        ]);
        let dist = tempfile::tempdir().unwrap();
        let read = read(content.path()).unwrap();
        assert_eq!(read.refused, Vec::<String>::new());
        write(read, dist.path(), None, &Mutex::default()).unwrap();
        let page = ListPage::from_json(
            &std::fs::read_to_string(dist.path().join("trang/moi-nhat.json")).unwrap(),
            HOME,
        )
        .unwrap();
        assert_eq!((page.newer, page.older), (None, None));
        assert!(
            !dist.path().join("trang/1.json").exists(),
            "no full page yet"
        );
        let slugs: Vec<&str> = page
            .index
            .articles
            .iter()
            .map(|a| a.slug.as_str())
            .collect();
        assert_eq!(
            slugs,
            ["a-cung-ngay", "b-cung-ngay", SEED_SLUG],
            "the content's own index.json is ignored"
        );
        assert_eq!(
            std::fs::read_to_string(dist.path().join(format!("articles/{SEED_SLUG}.json")))
                .unwrap(),
            SEED_FILE,
            "copied as it is"
        );
    }

    #[test]
    fn the_list_is_written_as_pages_of_twenty_and_old_pages_go() {
        let files: Vec<(String, String)> = (0..45)
            .map(|i| {
                let slug = format!("bai-{i:02}");
                let day = format!("2024-05-{:02}", 1 + i / 3);
                (
                    format!("{slug}.json"),
                    article(&slug, &format!("Bài {i:02}"), &day),
                )
            })
            .collect();
        let refs: Vec<(&str, String)> =
            files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        let content = folder(&refs);
        let dist = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dist.path().join("trang")).unwrap();
        std::fs::write(dist.path().join("trang/9.json"), "{}").unwrap();
        let (articles, lists) = write(
            read(content.path()).unwrap(),
            dist.path(),
            None,
            &Mutex::default(),
        )
        .unwrap();
        assert_eq!(lists.len(), 3, "the home page, /trang/2 and /trang/1");
        assert_eq!(
            articles[0].slug.as_str(),
            "bai-42",
            "newest first, ties by title"
        );
        // From the home page through "Trang sau": the newest 25, then
        // /trang/1 with the oldest 20 (/trang/2 is the home page's older 20).
        let mut seen = Vec::new();
        let mut next = Some(HOME);
        while let Some(number) = next {
            let text = std::fs::read_to_string(
                dist.path()
                    .join(ListPage::data_url(number).trim_start_matches('/')),
            )
            .unwrap();
            let page = ListPage::from_json(&text, number).unwrap();
            seen.extend(page.index.articles.into_iter().map(|a| a.slug));
            next = page.older;
        }
        let expected: Vec<Slug> = articles.iter().map(|a| a.slug.clone()).collect();
        assert_eq!(seen, expected, "every article once, in the list's order");
        assert!(dist.path().join("trang/2.json").exists());
        assert!(!dist.path().join("trang/3.json").exists());
        assert!(
            !dist.path().join("trang/9.json").exists(),
            "an old build's page is gone"
        );
    }

    #[test]
    fn a_bad_file_is_named_with_its_reason_and_left_out() {
        let content = folder(&[
            ("tot.json", article("tot", "Tốt", "2024-01-01")),
            ("hong.json", "{ not json".into()),
            ("sai-ngay.json", article("sai-ngay", "Sai", "2024-02-30")),
            ("Ten Sai.json", article("x", "X", "2024-01-01")),
            ("ghi-chu.txt", "not an article".into()),
        ]);
        let read = read(content.path()).unwrap();
        assert_eq!(
            read.articles
                .iter()
                .map(|(a, _)| a.slug.as_str())
                .collect::<Vec<_>>(),
            ["tot"]
        );
        assert_eq!(read.refused.len(), 3, "{:?}", read.refused);
        assert!(read
            .refused
            .iter()
            .any(|r| r.starts_with("Ten Sai.json: the file name is not an address")));
        assert!(read.refused.iter().any(|r| r.starts_with("hong.json: ")));
        assert!(
            read.refused
                .iter()
                .any(|r| r.starts_with("sai-ngay.json: ") && r.contains("published")),
            "{:?}",
            read.refused
        );
    }

    #[test]
    fn two_files_claiming_one_address_keep_the_one_named_for_it() {
        let content = folder(&[
            ("le-hoi.json", article("le-hoi", "Lễ hội", "2024-01-01")),
            (
                "le-hoi-2.json",
                article("le-hoi", "Lễ hội (bản sao)", "2024-01-02"),
            ),
        ]);
        let read = read(content.path()).unwrap();
        let slugs: Vec<&str> = read.articles.iter().map(|(a, _)| a.slug.as_str()).collect();
        assert_eq!(slugs, ["le-hoi"], "one article per address");
        assert_eq!(read.articles[0].0.title, "Lễ hội");
        assert_eq!(read.refused.len(), 1, "{:?}", read.refused);
        assert!(
            read.refused[0].starts_with("le-hoi-2.json: "),
            "{:?}",
            read.refused
        );
    }

    #[test]
    fn strict_fails_the_build_on_a_bad_file_and_says_which() {
        let content = folder(&[
            ("tot.json", article("tot", "Tốt", "2024-01-01")),
            ("hong.json", "{".into()),
        ]);
        let dist = tempfile::tempdir().unwrap();
        let site = bantin::model::share::SiteUrl::parse("https://x.vn").unwrap();
        let build = |strict| Build::new(dist.path(), site.clone(), content.path(), strict);
        let err = run(&build(true)).unwrap_err();
        assert!(
            err.contains("STRICT=1") && err.contains("hong.json"),
            "{err}"
        );
        assert!(!dist.path().join("articles").exists(), "nothing written");
        assert!(run(&build(false)).unwrap().contains("1 article(s)"));
        assert!(dist.path().join("articles/tot.json").exists());
    }
}
