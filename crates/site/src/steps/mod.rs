//! `site build <dist>`: everything that happens to Trunk's output, as named
//! steps in one fixed order. Each step says why it comes where it does.
//! `search`, the longest, works on its own folder on a thread of its own
//! while the others run (the build waits for it at the end).
//!
//! | step       | what                                          | after            |
//! |------------|-----------------------------------------------|------------------|
//! | `content`  | dist/articles/ from CONTENT (with their `.br`/`.gz`, from the page cache), their photos' copies in dist/anh/; the list pages' data, dist/trang/ | Trunk |
//! | `search`   | pagefind/: the search index, compressed; beside the steps below | `content` (the same articles) |
//! | `script`   | the page's script: preferences, early toolbar | Trunk            |
//! | `loader`   | Trunk's loader waits for the first paint      | Trunk            |
//! | `glue`     | wasm-bindgen's glue minified (terser); the shell's preload hash of it | Trunk |
//! | `listen`   | /listen.js: the loader of "Nghe"'s speaking part, loaded on the first press | `glue` (minifies its glue) |
//! | `csp`      | the page's policy, with each script's hash    | `loader` (edits a script) |
//! | `pages`    | a pre-rendered page per article and list page, with its `.br`/`.gz` (from the page cache, [`page_cache`]); the shell as shell.html | `csp` (copies the finished shell) |
//! | `worker`   | sw.js: the build's name and shell files       | `pages` (writes shell.html) |
//! | `feeds`    | feed.xml, feed.json, sitemap.xml, robots.txt  | `content` (the same articles)    |
//! | `compress` | `.br` and `.gz` beside every other text/WASM file | every step that writes a file |

pub mod compress;
pub mod content;
pub mod csp;
pub mod feeds;
pub mod glue;
pub mod html;
pub mod icon;
pub mod listen;
pub mod loader;
pub mod page_cache;
pub mod pages;
pub mod photos;
pub mod script;
pub mod search_index;
pub mod worker;

use bantin::model::share::SiteUrl;
use bantin::model::{Article, ListPage};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What a build works on, and its settings.
pub struct Build {
    /// Trunk's output, finished in place.
    pub dist: PathBuf,
    /// The site's public origin (`SITE_URL`), for the absolute addresses
    /// that shared links and crawlers need.
    pub site: SiteUrl,
    /// The folder of article files (`CONTENT`).
    pub content: PathBuf,
    /// `STRICT=1`: a file that fails validation fails the build.
    pub strict: bool,
    /// Where photos made are kept between builds (`PHOTO_CACHE`; `None`:
    /// every photo is made again).
    pub photo_cache: Option<PathBuf>,
    /// Where the `.br`/`.gz` copies made are kept between builds, by the
    /// bytes they are of (`COMPRESS_CACHE`; `None`: every file is
    /// compressed again).
    pub compress_cache: Option<PathBuf>,
    /// Where the search index's full parts are kept between builds, by the
    /// articles they hold (`SEARCH_CACHE`; `None`: every part is indexed
    /// again).
    pub search_cache: Option<PathBuf>,
    /// Where the pre-rendered pages are kept between builds, with their
    /// `.br` and `.gz`, by what they are made from (`PAGE_CACHE`; `None`:
    /// every page is rendered again).
    pub page_cache: Option<PathBuf>,
    /// The valid articles in the list's order (newest first), as `content`
    /// read them: the later steps use these, never a second reading.
    pub articles: OnceLock<Vec<Article>>,
    /// The list's pages, as `content` cut them (the home page first).
    pub lists: OnceLock<Vec<ListPage>>,
    /// The files a step wrote with their `.br` and `.gz` (`pages`, from its
    /// cache): step `compress` leaves them.
    pub precompressed: Mutex<HashSet<PathBuf>>,
}

impl Build {
    pub fn new(dist: &Path, site: SiteUrl, content: &Path, strict: bool) -> Build {
        Build {
            dist: dist.to_path_buf(),
            site,
            content: content.to_path_buf(),
            strict,
            photo_cache: None,
            compress_cache: None,
            search_cache: None,
            page_cache: None,
            articles: OnceLock::new(),
            lists: OnceLock::new(),
            precompressed: Mutex::new(HashSet::new()),
        }
    }

    /// The articles, newest first (step `content` reads them).
    pub fn articles(&self) -> Result<&[Article], String> {
        self.articles
            .get()
            .map(Vec::as_slice)
            .ok_or_else(|| "no articles: step `content` has not run".into())
    }

    /// The article list in pages, as `content` writes their data files.
    pub fn list_pages(&self) -> Result<&[ListPage], String> {
        self.lists
            .get()
            .map(Vec::as_slice)
            .ok_or_else(|| "no list pages: step `content` has not run".into())
    }
}

pub struct Step {
    pub name: &'static str,
    /// Does the step's work on `dist/` and says what it did.
    pub run: fn(&Build) -> Result<String, String>,
    /// Runs beside the steps after it (on its own thread, its own files),
    /// and the build waits for it at the end.
    pub alongside: bool,
}

pub const STEPS: [Step; 12] = [
    Step {
        name: "content",
        run: content::run,
        alongside: false,
    },
    Step {
        name: "search",
        run: search_index::run,
        alongside: true,
    },
    Step {
        name: "script",
        run: script::run,
        alongside: false,
    },
    Step {
        name: "loader",
        run: loader::run,
        alongside: false,
    },
    Step {
        name: "glue",
        run: glue::run,
        alongside: false,
    },
    Step {
        name: "listen",
        run: listen::run,
        alongside: false,
    },
    Step {
        name: "csp",
        run: csp::run,
        alongside: false,
    },
    Step {
        name: "pages",
        run: pages::run,
        alongside: false,
    },
    Step {
        name: "worker",
        run: worker::run,
        alongside: false,
    },
    Step {
        name: "feeds",
        run: feeds::run,
        alongside: false,
    },
    Step {
        name: "icon",
        run: icon::run,
        alongside: false,
    },
    Step {
        name: "compress",
        run: compress::run,
        alongside: false,
    },
];

/// Where a build keeps what it made for the next one (`None`: nothing kept,
/// as `make build FRESH=1` asks).
#[derive(Clone, Debug, Default)]
pub struct Caches {
    /// The photos' copies (`PHOTO_CACHE`).
    pub photos: Option<PathBuf>,
    /// The `.br`/`.gz` copies (`COMPRESS_CACHE`).
    pub compressed: Option<PathBuf>,
    /// The search index's full parts (`SEARCH_CACHE`).
    pub search: Option<PathBuf>,
    /// The pre-rendered pages (`PAGE_CACHE`).
    pub pages: Option<PathBuf>,
}

/// Runs every step in order; stops at the first that fails, naming it.
pub fn run(
    dist: &Path,
    site_url: &str,
    content: &Path,
    strict: bool,
    caches: Caches,
) -> Result<(), String> {
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "{}/index.html is missing: run Trunk first",
            dist.display()
        ));
    }
    let mut build = Build::new(dist, SiteUrl::parse(site_url)?, content, strict);
    build.photo_cache = caches.photos;
    build.compress_cache = caches.compressed;
    build.search_cache = caches.search;
    build.page_cache = caches.pages;
    let timed = |step: &Step| {
        let start = std::time::Instant::now();
        let done = (step.run)(&build).map_err(|e| format!("step `{}`: {e}", step.name))?;
        let took = start.elapsed().as_secs_f64();
        let peak = peak_memory_mb().map_or(String::new(), |mb| format!(", peak {mb} MB"));
        println!("[build] {} ({took:.2} s{peak}): {done}", step.name);
        Ok::<_, String>(())
    };
    std::thread::scope(|scope| {
        let mut beside = Vec::new();
        for step in &STEPS {
            if step.alongside {
                beside.push(scope.spawn(move || timed(step)));
            } else {
                timed(step)?;
            }
        }
        for job in beside {
            job.join()
                .map_err(|_| "a build step panicked".to_string())??;
        }
        Ok(())
    })
}

/// Only the steps that make the app's data, for a debug build (`make dev`):
/// `content` (the articles and the list pages' data files) and `search` (the
/// search index), and the worker's configuration, without which it cannot
/// run. (The origin is never shown.)
pub fn data_only(dist: &Path, content: &Path, photo_cache: Option<&Path>) -> Result<(), String> {
    let mut build = Build::new(dist, SiteUrl::parse("http://127.0.0.1")?, content, false);
    build.photo_cache = photo_cache.map(Path::to_path_buf);
    println!("[build] content: {}", content::run(&build)?);
    println!("[build] search: {}", search_index::run(&build)?);
    worker::configure_in(dist)?;
    println!("[build] worker: sw.js configured");
    Ok(())
}

/// The build's peak memory so far (Linux: `VmHWM`), for the step lines.
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// `work` on `items` split over the cores, a part to a thread, and each
/// part's result in order; the first error, or `"<what> panicked"`, stops
/// it. The steps whose work is one file at a time (`pages`, `compress`) run
/// on it.
fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    what: &str,
    work: impl Fn(&[T]) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(cores).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let jobs: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        jobs.into_iter()
            .map(|job| job.join().map_err(|_| format!("{what} panicked"))?)
            .collect()
    })
}

/// The folders of dist/ that a build may start from the previous build's
/// (`site stage`, [`crate::publish::stage`]): the ones with a file or more
/// per article, where creating the files is most of what publishing one
/// article costs. Each is kept exact by the step that owns it: a file that
/// is there already with the right bytes (or as the right cache entry's
/// other name) is left, any other is replaced, and what the build no longer
/// makes is removed ([`sweep`]: `content` for articles/ and trang/,
/// `search` for pagefind/).
pub const RECYCLED: [&str; 3] = ["articles", "trang", "pagefind"];

/// Whether the folder `name` at the top of dist/ is one of [`RECYCLED`].
pub fn recycled(name: &std::ffi::OsStr) -> bool {
    RECYCLED.iter().any(|r| name == *r)
}

/// Whether `a` and `b` are one file (two names of one inode).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return (a.dev(), a.ino()) == (b.dev(), b.ino());
        }
    }
    let _ = (a, b);
    false
}

/// `to` as a second name of the file `from` (a hard link: no byte copied,
/// no inode to find), or else, on another file system, a copy of it. A file
/// already at `to` is left if it is `from` itself (a build on the previous
/// build's tree), else replaced, never written into (it may be another
/// name of a cache's entry).
pub(crate) fn link_or_copy(from: &Path, to: &Path) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{}: {e}", to.display());
    // A look first: a link attempt where the name is taken locks the folder.
    if same_file(from, to) {
        return Ok(());
    }
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(to).map_err(failed)?;
            link_or_copy(from, to)
        }
        Err(_) => std::fs::copy(from, to).map(|_| ()).map_err(failed),
    }
}

/// `bytes` at `path`: a file there already with these very bytes is left
/// as it is (a build on the previous build's tree: no new file, and `site
/// publish` knows it unchanged), any other replaced by a new file, never
/// written into (it may be another name of a cache's entry).
pub(crate) fn put_bytes(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.is_file()
            && meta.len() == bytes.len() as u64
            && std::fs::read(path).map_err(failed)? == bytes
        {
            return Ok(());
        }
        if meta.is_dir() {
            std::fs::remove_dir_all(path).map_err(failed)?;
        } else {
            std::fs::remove_file(path).map_err(failed)?;
        }
    }
    std::fs::write(path, bytes).map_err(failed)
}

/// Removes from `folder` every file and folder that `keep` (paths relative
/// to `folder`, with `/`) does not name or lead to: what a build on the
/// previous build's tree no longer makes (an article removed, a list page
/// fewer, the last build's open part of the index). Makes `folder` if it is
/// missing. Returns how many files and folders it removed. (Strings, not
/// paths: a `Path` hashes component by component, and articles/ holds
/// 600,000 names at 100,000 articles.)
pub(crate) fn sweep(folder: &Path, keep: &HashSet<String>) -> Result<usize, String> {
    let failed = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(folder).map_err(|e| failed(folder, e))?;
    let folders: HashSet<&str> = keep
        .iter()
        .flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i]))
        .collect();
    let mut removed = 0;
    let mut pending = vec![String::new()];
    while let Some(relative) = pending.pop() {
        let here = folder.join(&relative);
        for entry in std::fs::read_dir(&here).map_err(|e| failed(&here, e))? {
            let entry = entry.map_err(|e| failed(&here, e))?;
            let path = entry.path();
            let name = match entry.file_name().to_str() {
                Some(own) if relative.is_empty() => own.to_string(),
                Some(own) => format!("{relative}/{own}"),
                None => String::new(), // not a name the build makes
            };
            let is_dir = entry.file_type().map_err(|e| failed(&path, e))?.is_dir();
            if is_dir && folders.contains(name.as_str()) {
                pending.push(name);
            } else if is_dir {
                std::fs::remove_dir_all(&path).map_err(|e| failed(&path, e))?;
                removed += 1;
            } else if !keep.contains(&name) {
                std::fs::remove_file(&path).map_err(|e| failed(&path, e))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// `bytes` into `hasher` after their length, so that two parts of a cache
/// key can never run into each other.
pub(crate) fn hash_part(hasher: &mut sha2::Sha256, bytes: &[u8]) {
    use sha2::Digest;
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// `bytes` (a digest) as lowercase hex: a cache entry's name, a build's.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name `file` and its precompressed copies' (`x.html`, `x.html.br`,
/// `x.html.gz`): what a step that makes a file keeps of it in a
/// [`sweep`].
pub(crate) fn and_variants(file: &str) -> [String; 3] {
    ["", ".br", ".gz"].map(|suffix| format!("{file}{suffix}"))
}

/// `path` with `suffix` added to its name (`x.html` → `x.html.br`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `bytes` at `path`, whole or not at all (a second name, then a rename),
/// so that a reader of a cache never meets half a file, even from a build
/// running beside this one.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = with_suffix(
        path,
        &format!(
            ".{}-{:?}.part",
            std::process::id(),
            std::thread::current().id()
        ),
    );
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

pub(crate) fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    put_bytes(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(dir: &Path) -> Vec<String> {
        let mut found = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    found.push(format!("{}/", path.strip_prefix(dir).unwrap().display()));
                    pending.push(path);
                } else {
                    found.push(path.strip_prefix(dir).unwrap().display().to_string());
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn a_sweep_leaves_exactly_what_the_build_made() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("pagefind");
        for file in [
            "a.json",
            "a.json.br",
            "old.json",
            "1/x",
            "1/y",
            "2/z",
            "3/old/deep",
        ] {
            let path = folder.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let keep: HashSet<String> = ["a.json", "a.json.br", "a.json.gz", "1/x", "2/z", "4/new"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            sweep(&folder, &keep).unwrap(),
            3,
            "old.json, 1/y and folder 3"
        );
        assert_eq!(
            files_under(&folder),
            ["1/", "1/x", "2/", "2/z", "a.json", "a.json.br"]
        );
        let missing = dir.path().join("trang");
        assert_eq!(sweep(&missing, &keep).unwrap(), 0);
        assert!(missing.is_dir(), "made");
    }

    #[test]
    fn a_file_put_again_is_left_when_it_is_the_same_and_never_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let (entry, page) = (dir.path().join("entry"), dir.path().join("page.html"));
        std::fs::write(&entry, "kept in a cache").unwrap();
        link_or_copy(&entry, &page).unwrap();
        assert!(same_file(&entry, &page));
        link_or_copy(&entry, &page).unwrap();
        assert!(same_file(&entry, &page), "left as it was");
        // Other bytes at a path that is a cache entry's other name: a new
        // file, the entry untouched.
        put_bytes(&page, b"new").unwrap();
        assert!(!same_file(&entry, &page));
        assert_eq!(std::fs::read_to_string(&entry).unwrap(), "kept in a cache");
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let before = std::fs::metadata(&page).unwrap().ino();
            put_bytes(&page, b"new").unwrap();
            assert_eq!(
                std::fs::metadata(&page).unwrap().ino(),
                before,
                "the same bytes: left"
            );
        }
    }
}
