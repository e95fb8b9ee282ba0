//! The pre-rendered pages' cache (step `pages`, `PAGE_CACHE`): a page, with
//! its `.br` and `.gz`, kept under the digest of everything it is made of:
//! this program (the components that render it and the steps that finish
//! it), the shell it is put in (the app's file names, the stylesheet, the
//! page's script, the policy), the site's origin, where the page goes and
//! its own data (the article or the list page, every field). Publishing one
//! article into a large archive then renders and compresses only the pages
//! whose data changed: the new article's, the home page's and now and then
//! a list page's. Every other page is a hard link to its entry, made in
//! microseconds, without a byte copied or a new file's inode to find (the
//! kernel's cost of a file, most of what writing 100,000 pages costs);
//! `site publish` knows such a page unchanged by its being the same file. A
//! new version of the program, of the app or of the stylesheet changes every
//! key, so every page is made again.
//!
//! Step `content` keeps the articles' data files (`articles/<slug>.json`)
//! the same way, each by its text: publishing compresses and writes only the
//! new article's.
//!
//! An entry is named by what it is made of, so it can never be stale; it is
//! written whole or not at all, and one that cannot be written only costs
//! time. `make build FRESH=1` uses none. A page of dist/ and its entry are
//! one file: dist/ is the build's output, never to be edited in place.

use super::with_suffix;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What the entries are made with: a change of their layout must not read
/// the old ones.
const VERSION: &[u8] = b"bantin-page-cache-1";

/// A page's bytes and its compressed copies (each perhaps larger than the
/// page, and then not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub file: Vec<u8>,
    pub br: Vec<u8>,
    pub gz: Vec<u8>,
}

/// The cache of one build: its folder, and the digest of what every page of
/// the build shares.
#[derive(Clone)]
pub struct PageCache {
    folder: PathBuf,
    shared: Sha256,
}

impl PageCache {
    /// The cache in `folder` for pages put in `shell` for the site at
    /// `site`, made by this program. `None` when the program's own file
    /// cannot be read: then nothing could say whether an entry is this
    /// program's, and every page is made again.
    pub fn new(folder: &Path, shell: &str, site: &str) -> Option<PageCache> {
        match program_digest() {
            Ok(digest) => Some(PageCache::of(folder, digest, shell, site)),
            Err(e) => {
                eprintln!("[build] no page cache (this program's file: {e})");
                None
            }
        }
    }

    /// The cache for pages made by the program of digest `program`.
    fn of(folder: &Path, program: &[u8], shell: &str, site: &str) -> PageCache {
        let mut shared = Sha256::new();
        super::hash_part(&mut shared, VERSION);
        super::hash_part(&mut shared, program);
        super::hash_part(&mut shared, shell.as_bytes());
        super::hash_part(&mut shared, site.as_bytes());
        PageCache {
            folder: folder.to_path_buf(),
            shared,
        }
    }

    /// Where the entry of the page at `file` (its path in dist/) made of
    /// `data` is: the page, and beside it its `.br` and `.gz` when they are
    /// smaller than it (`<entry>.br`, `<entry>.gz`).
    fn entry(&self, file: &str, data: &[u8]) -> PathBuf {
        let mut hasher = self.shared.clone();
        super::hash_part(&mut hasher, file.as_bytes());
        super::hash_part(&mut hasher, data);
        let key = super::hex(&hasher.finalize());
        self.folder.join(&key[..2]).join(key)
    }

    /// The page at `file` made of `data` (the page's own data, every field
    /// of it: [`digest_of`] it, or an article file's text) put at `path`
    /// with its `.br` and `.gz`: linked from the cache (no byte is copied:
    /// `path` and the entry are one file, which is also how `site publish`
    /// knows it unchanged; left as it is when it is that file already, in a
    /// build on the previous build's tree), or else made by `make`, kept and
    /// linked. Whether it was in the cache.
    pub fn put(
        &self,
        file: &str,
        data: &[u8],
        path: &Path,
        make: impl FnOnce() -> Result<Made, String>,
    ) -> Result<bool, String> {
        let entry = self.entry(file, data);
        // A look first: a link attempt where the name is taken locks the
        // folder (600,000 names in articles/ at 100,000 articles).
        if super::same_file(&entry, path) {
            link_variants(&entry, path)?;
            return Ok(true);
        }
        match std::fs::hard_link(&entry, path) {
            Ok(()) => {
                link_variants(&entry, path)?;
                return Ok(true);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // (Another file system, or too many links: the entry is copied.)
            Err(_) if entry.is_file() => {
                super::link_or_copy(&entry, path)?;
                link_variants(&entry, path)?;
                return Ok(true);
            }
            Err(_) => {}
        }
        let made = make()?;
        match keep(&entry, &made) {
            Ok(()) => {
                super::link_or_copy(&entry, path)?;
                link_variants(&entry, path)?;
            }
            Err(e) => {
                eprintln!("[build] pages: not cached ({}: {e})", entry.display());
                write(path, made)?;
            }
        }
        Ok(false)
    }
}

/// This program's digest (of its own file), taken once a run: what a cache
/// entry made by another version of it must not be taken for.
pub fn program_digest() -> Result<&'static [u8], &'static str> {
    static PROGRAM: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    let program = PROGRAM.get_or_init(|| {
        let bytes = std::env::current_exe().and_then(std::fs::read);
        bytes
            .map(|b| Sha256::digest(b).to_vec())
            .map_err(|e| e.to_string())
    });
    program.as_deref().map_err(String::as_str)
}

/// The digest of `data` (an article, a list page: every field, through its
/// derived `Hash`), for [`PageCache::put`]. Its bytes are this program's
/// way of hashing, which the key holds anyway.
pub fn digest_of(data: &impl std::hash::Hash) -> Vec<u8> {
    /// SHA-256 as a [`std::hash::Hasher`].
    struct Digest(Sha256);
    impl std::hash::Hasher for Digest {
        fn write(&mut self, bytes: &[u8]) {
            self.0.update(bytes);
        }
        fn finish(&self) -> u64 {
            0 // (never asked: the digest is taken whole)
        }
    }
    let mut digest = Digest(Sha256::new());
    data.hash(&mut digest);
    digest.0.finalize().to_vec()
}

/// `made` at `path`: the page, and its `.br` and `.gz` where smaller.
pub fn write(path: &Path, made: Made) -> Result<(), String> {
    super::put_bytes(path, &made.file)?;
    let size = made.file.len() as u64;
    super::compress::write_variant(path, ".br", made.br, size)?;
    super::compress::write_variant(path, ".gz", made.gz, size)?;
    Ok(())
}

/// The variants the entry has, put beside `path` (one call each: a
/// variant the entry does not have is not there to link).
fn link_variants(entry: &Path, path: &Path) -> Result<(), String> {
    for suffix in [".br", ".gz"] {
        let (from, to) = (with_suffix(entry, suffix), with_suffix(path, suffix));
        if super::same_file(&from, &to) {
            continue;
        }
        match std::fs::hard_link(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !from.exists() => {}
            Err(_) => super::link_or_copy(&from, &to)?,
        }
    }
    Ok(())
}

/// The entry `made` at `entry`: its variants first, the page last, each
/// whole or not at all (a second name, then a rename), so an entry whose
/// page is there is complete.
fn keep(entry: &Path, made: &Made) -> std::io::Result<()> {
    if let Some(folder) = entry.parent() {
        std::fs::create_dir_all(folder)?;
    }
    for (suffix, bytes) in [(".br", &made.br), (".gz", &made.gz)] {
        let variant = with_suffix(entry, suffix);
        if bytes.len() < made.file.len() {
            super::write_whole(&variant, bytes)?;
        } else if variant.exists() {
            std::fs::remove_file(&variant)?;
        }
    }
    super::write_whole(entry, &made.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(text: &str, br: &[u8]) -> Made {
        Made {
            file: text.as_bytes().to_vec(),
            br: br.to_vec(),
            gz: b"a gzip copy larger than its page".to_vec(),
        }
    }

    #[test]
    fn an_articles_digest_changes_with_any_field_of_it() {
        let json = |title: &str, text: &str, alt: &str| {
            serde_json::json!({"slug": "a", "title": title, "published": "2024-05-01",
                "body": [{"type": "paragraph", "text": text},
                         {"type": "figure", "image": {"src": "https://a.vn/x.jpg", "alt": alt}}]})
            .to_string()
        };
        let article = |title, text, alt| {
            let slug = bantin::model::Slug::parse("a").unwrap();
            bantin::model::Article::from_json(&json(title, text, alt), &slug).unwrap()
        };
        let a = article("Lễ hội", "Đường dây.", "Ảnh");
        assert_eq!(
            digest_of(&a),
            digest_of(&a.clone()),
            "the same article, the same digest"
        );
        for other in [
            article("Lễ hội.", "Đường dây.", "Ảnh"),
            article("Lễ hội", "Dương dây.", "Ảnh"),
            article("Lễ hội", "Đường dây.", "Ảnh khác"),
        ] {
            assert_ne!(digest_of(&a), digest_of(&other), "{other:?}");
        }
        // Fields that run into each other are still told apart.
        assert_ne!(
            digest_of(&("ab".to_string(), "c".to_string())),
            digest_of(&("a".to_string(), "bc".to_string()))
        );
    }

    /// Each page put in `out` through `cache`, its text `<file>:<data>`;
    /// whether each was in the cache.
    fn put_all(cache: &PageCache, out: &Path, pages: &[(&str, &str)]) -> Vec<bool> {
        pages
            .iter()
            .map(|(file, data)| {
                let path = out.join(file.replace('/', "-"));
                let text = format!("{file}:{data}");
                cache
                    .put(file, data.as_bytes(), &path, || Ok(made(&text, b"br")))
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn a_page_is_made_once_and_linked_while_nothing_it_is_made_of_changes() {
        let (dir, first, again) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let cache = PageCache::of(dir.path(), b"program", "<shell>", "https://a.vn");
        let pages = [("articles/a.html", "A"), ("articles/b.html", "B")];
        assert_eq!(put_all(&cache, first.path(), &pages), [false, false]);
        assert_eq!(put_all(&cache, again.path(), &pages), [true, true]);
        for name in ["articles-a.html", "articles-a.html.br", "articles-b.html"] {
            let (a, b) = (first.path().join(name), again.path().join(name));
            assert_eq!(
                std::fs::read(&a).unwrap(),
                std::fs::read(&b).unwrap(),
                "{name}"
            );
            use std::os::unix::fs::MetadataExt;
            let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
            assert_eq!(inode(&a), inode(&b), "{name}: one file");
        }
        assert_eq!(
            std::fs::read_to_string(again.path().join("articles-a.html")).unwrap(),
            "articles/a.html:A"
        );
        assert!(
            !again.path().join("articles-a.html.gz").exists(),
            "a copy larger than its page is not kept"
        );
        // The page's data, its place, the program, the shell, the origin:
        // each change makes the page again.
        let of = |program: &[u8], shell, site| PageCache::of(dir.path(), program, shell, site);
        let changed = [
            (
                of(b"program", "<shell>", "https://a.vn"),
                "articles/a.html",
                "A2",
            ),
            (
                of(b"program", "<shell>", "https://a.vn"),
                "trang/a.html",
                "A",
            ),
            (
                of(b"program 2", "<shell>", "https://a.vn"),
                "articles/a.html",
                "A",
            ),
            (
                of(b"program", "<shell 2>", "https://a.vn"),
                "articles/a.html",
                "A",
            ),
            (
                of(b"program", "<shell>", "https://b.vn"),
                "articles/a.html",
                "A",
            ),
        ];
        for (cache, file, data) in changed {
            let out = tempfile::tempdir().unwrap();
            assert_eq!(
                put_all(&cache, out.path(), &[(file, data)]),
                [false],
                "{file} {data}"
            );
        }
    }

    #[test]
    fn a_failure_to_make_a_page_is_the_builds_and_leaves_no_entry() {
        let (dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let cache = PageCache::of(dir.path(), b"program", "<shell>", "https://a.vn");
        let path = out.path().join("c.html");
        let failed = cache.put("articles/c.html", b"C", &path, || Err("no".into()));
        assert_eq!(failed, Err("no".into()));
        assert!(!path.exists());
        let made_again = cache.put("articles/c.html", b"C", &path, || Ok(made("c", b"")));
        assert_eq!(made_again, Ok(false));
    }
}
