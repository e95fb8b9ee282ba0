//! The last build step: `<file>.br` and `<file>.gz` beside every text and
//! WASM file of dist/, so a server sends them without compressing per request
//! (nginx `brotli_static`/`gzip_static`, `make serve` through ServeDir).
//! A variant that would not be smaller than its file is not written, and a
//! stale one is removed, so a server never sends more bytes than the original.

use super::with_suffix;
use crate::rules;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Brotli's densest setting, for the files every reader loads (the app, the
/// shell, the worker): the build pays once, every reader gains.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW: u32 = 22;
/// For the files there is one of per article or per list page (`articles/`,
/// `trang/`, the search index): quality 6. Brotli's set-up cost per file
/// grows steeply with the quality (measured on 300 generated article pages,
/// one file at a time: 15 ms a page at 11, 4.8 at 9, 0.38 at 6), while the
/// pages are only 10% larger than at 11 (and 2% than at 9), so a
/// 100,000-article archive builds in minutes, not hours (docs/speed.md, "The archive's size").
const BROTLI_QUALITY_BULK: u32 = 6;
const GZIP_LEVEL_BULK: u32 = 6;

/// The files there are one of per article or list page (the folders of
/// them), or one of per 10,000 addresses (the sitemaps, 20 MB of XML at
/// 100,000 articles: at quality 11 they took 38 s of a full build).
fn bulk(relative: &Path) -> bool {
    let mut components = relative.components();
    let first = components.next();
    let first = first.and_then(|c| c.as_os_str().to_str()).unwrap_or("");
    rules::PAGE_FOLDERS.contains(&first)
        || first == crate::steps::search_index::INDEX_FOLDER.trim_matches('/')
        || (components.next().is_none() && super::feeds::one_of_many_sitemaps(first))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub bytes: u64,
    pub brotli: u64,
    pub gzip: u64,
}

impl Totals {
    fn add(&mut self, other: Totals) {
        self.files += other.files;
        self.bytes += other.bytes;
        self.brotli += other.brotli;
        self.gzip += other.gzip;
    }
}

pub fn brotli(data: &[u8]) -> Vec<u8> {
    brotli_at(data, BROTLI_QUALITY)
}

fn brotli_at(data: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, BROTLI_WINDOW);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(data);
    }
    out
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    gzip_at(data, flate2::Compression::best())
}

fn gzip_at(data: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 3 + 64), level);
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// The folder the step `search` writes and compresses itself, at the same
/// time as this step runs.
fn searchs_own(dir: &Path, path: &Path) -> bool {
    path == dir.join(crate::steps::search_index::INDEX_FOLDER.trim_matches('/'))
}

/// Every compressible file under `dir` (but the search index's), in a
/// stable order.
fn files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                if !searchs_own(dir, &path) {
                    pending.push(path);
                }
            } else if path.to_str().is_some_and(rules::is_compressible) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes the variant if smaller than `size`, else removes a stale one.
/// Returns the bytes a client would receive.
pub(crate) fn write_variant(
    path: &Path,
    suffix: &str,
    packed: Vec<u8>,
    size: u64,
) -> Result<u64, String> {
    let target = with_suffix(path, suffix);
    if (packed.len() as u64) < size {
        super::put_bytes(&target, &packed)?;
        Ok(packed.len() as u64)
    } else {
        match std::fs::remove_file(&target) {
            Ok(()) => Ok(size),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(size),
            Err(e) => Err(format!("{}: {e}", target.display())),
        }
    }
}

/// What the cache's entries are made with: a change of a setting here (or
/// of the compressors' output) must not reuse the old entries.
const CACHE_VERSION: &str = "v2-br11w22-gz9-br6-gz6-zlib-rs";

/// A file's `.br` and `.gz` (each perhaps larger than the file): from the
/// cache when these very bytes were compressed before at this density,
/// else made and kept there. Compression is most of what a build costs per
/// article page, and a page that did not change has the same bytes: a build
/// that publishes one article into a large archive compresses only what
/// changed. The cache is named by the bytes, so it can never give a stale
/// copy; one that cannot be written only costs time. `make build FRESH=1`
/// passes none.
fn packed(data: &[u8], bulk: bool, cache: Option<&Path>) -> (Vec<u8>, Vec<u8>) {
    let make = || {
        if bulk {
            (
                brotli_at(data, BROTLI_QUALITY_BULK),
                gzip_at(data, flate2::Compression::new(GZIP_LEVEL_BULK)),
            )
        } else {
            (brotli(data), gzip(data))
        }
    };
    let Some(cache) = cache else {
        return make();
    };
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(CACHE_VERSION);
    hasher.update([u8::from(bulk)]);
    hasher.update(data);
    let key = super::hex(&hasher.finalize());
    let folder = cache.join(&key[..2]);
    let (br_path, gz_path) = (
        folder.join(format!("{key}.br")),
        folder.join(format!("{key}.gz")),
    );
    if let (Ok(br), Ok(gz)) = (std::fs::read(&br_path), std::fs::read(&gz_path)) {
        return (br, gz);
    }
    let (br, gz) = make();
    let kept = std::fs::create_dir_all(&folder)
        .and_then(|()| super::write_whole(&br_path, &br))
        .and_then(|()| super::write_whole(&gz_path, &gz));
    if let Err(e) = kept {
        eprintln!("[build] compress: not cached ({}: {e})", folder.display());
    }
    (br, gz)
}

/// The `.br` and `.gz` of `data`, the file at `path` under `dir`, at the
/// density this step gives it (a page a step compresses itself, [`run`]).
pub(crate) fn made_for(dir: &Path, path: &Path, data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    packed(data, bulk(path.strip_prefix(dir).unwrap_or(path)), None)
}

pub fn compress_one(dir: &Path, path: &Path, cache: Option<&Path>) -> Result<Totals, String> {
    let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let size = data.len() as u64;
    let (br, gz) = packed(&data, bulk(path.strip_prefix(dir).unwrap_or(path)), cache);
    Ok(Totals {
        files: 1,
        bytes: size,
        brotli: write_variant(path, ".br", br, size)?,
        gzip: write_variant(path, ".gz", gz, size)?,
    })
}

/// Step `compress`: the last one, after every step that writes a file. The
/// files an earlier step wrote with their `.br` and `.gz` already
/// ([`super::Build::precompressed`]: the pages step's, from its cache) are
/// left as they are.
pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let done = std::mem::take(
        &mut *build
            .precompressed
            .lock()
            .map_err(|_| "a step panicked while noting its files")?,
    );
    let totals = precompress_but(dist, build.compress_cache.as_deref(), &done)?;
    let kb = |bytes: u64| bytes as f64 / 1024.0;
    Ok(format!(
        "{} files, {:.1} KB -> {:.1} KB brotli, {:.1} KB gzip ({} compressed by their step)",
        totals.files,
        kb(totals.bytes),
        kb(totals.brotli),
        kb(totals.gzip),
        done.len()
    ))
}

/// Compresses every text and WASM file under `dir` on all cores (reusing
/// `cache`'s copies, [`packed`]).
pub fn precompress(dir: &Path, cache: Option<&Path>) -> Result<Totals, String> {
    precompress_but(dir, cache, &HashSet::new())
}

/// [`precompress`] but for the files in `done`.
fn precompress_but(
    dir: &Path,
    cache: Option<&Path>,
    done: &HashSet<PathBuf>,
) -> Result<Totals, String> {
    let mut files = files(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.retain(|path| !done.contains(path));
    let parts = super::on_every_core(&files, "a compression worker", |part| {
        let mut totals = Totals::default();
        for path in part {
            totals.add(compress_one(dir, path, cache)?);
        }
        Ok(totals)
    })?;
    let mut totals = Totals::default();
    parts.into_iter().for_each(|part| totals.add(part));
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_variants_that_decode_to_the_file_and_skips_what_would_grow() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let text = "Thi đua thực hiện các chỉ tiêu phát triển kinh tế - xã hội. ".repeat(200);
        std::fs::create_dir(dir.path().join("articles")).expect("a folder");
        std::fs::write(dir.path().join("articles/bai.json"), &text).expect("a file");
        std::fs::write(dir.path().join("tiny.js"), "1").expect("a file");
        std::fs::write(dir.path().join("tiny.js.br"), "stale").expect("a file");
        std::fs::write(dir.path().join("photo.jpg"), &text).expect("a file");

        let totals = precompress(dir.path(), None).expect("compressed");
        assert_eq!(totals.files, 2, "bai.json and tiny.js; not the photo");

        let br = std::fs::read(dir.path().join("articles/bai.json.br")).expect("a .br");
        let mut plain = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut plain)
            .expect("valid brotli");
        assert_eq!(plain, text);
        let gz = std::fs::read(dir.path().join("articles/bai.json.gz")).expect("a .gz");
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut plain)
            .expect("valid gzip");
        assert_eq!(plain, text);
        assert!(
            br.len() * 10 < text.len(),
            "repetitive text shrinks tenfold"
        );

        assert!(
            !dir.path().join("tiny.js.br").exists(),
            "would grow: the stale one is gone"
        );
        assert!(!dir.path().join("tiny.js.gz").exists());
        assert!(!dir.path().join("photo.jpg.br").exists());
    }

    #[test]
    fn what_comes_one_per_article_or_per_ten_thousand_is_compressed_as_bulk() {
        for bulk_file in [
            "articles/bai.html",
            "articles/bai.json",
            "trang/3.html",
            "pagefind/pagefind-entry.json",
            "sitemap-1.xml",
            "sitemap-10.xml",
            "sitemap-trang-1.xml",
        ] {
            assert!(bulk(Path::new(bulk_file)), "{bulk_file}");
        }
        // What every reader loads, and the sitemaps' index: densest.
        for file in [
            "index.html",
            "sitemap.xml",
            "bantin-0123456789abcdef_bg.wasm",
            "feed.xml",
            "shell.html",
            "anh/sitemap-1.xml",
        ] {
            assert!(!bulk(Path::new(file)), "{file}");
        }
    }

    #[test]
    fn a_file_compressed_before_is_taken_from_the_cache_and_a_changed_one_is_not() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let cache = tempfile::tempdir().expect("a cache");
        let page = dir.path().join("index.html");
        let text = "<p>Thi đua thực hiện các chỉ tiêu.</p>".repeat(100);
        std::fs::write(&page, &text).expect("a page");
        precompress(dir.path(), Some(cache.path())).expect("compressed");
        let fresh = std::fs::read(dir.path().join("index.html.br")).expect("a .br");
        assert_eq!(fresh, brotli(text.as_bytes()), "the cache changes no byte");
        // Mark the cache's copy: a second build takes it as it is.
        let entries: Vec<_> = walk(cache.path());
        assert_eq!(entries.len(), 2, "a .br and a .gz: {entries:?}");
        for entry in &entries {
            std::fs::write(entry, b"from the cache").expect("marked");
        }
        std::fs::remove_file(dir.path().join("index.html.br")).expect("removed");
        precompress(dir.path(), Some(cache.path())).expect("compressed");
        assert_eq!(
            std::fs::read(dir.path().join("index.html.br")).expect("a .br"),
            b"from the cache"
        );
        // Other bytes: compressed anew.
        std::fs::write(&page, format!("{text}<p>Mới.</p>")).expect("a new page");
        precompress(dir.path(), Some(cache.path())).expect("compressed");
        assert_ne!(
            std::fs::read(dir.path().join("index.html.br")).expect("a .br"),
            b"from the cache"
        );
        assert_eq!(walk(cache.path()).len(), 4);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
        found
    }

    #[test]
    fn files_one_per_article_are_the_bulk() {
        for path in [
            "articles/a.html",
            "articles/a.json",
            "trang/2.html",
            "pagefind/pagefind.js",
        ] {
            assert!(bulk(Path::new(path)), "{path}");
        }
        for path in [
            "index.html",
            "shell.html",
            "bantin-0123456789abcdef_bg.wasm",
            "sw.js",
            "feed.xml",
        ] {
            assert!(!bulk(Path::new(path)), "{path}");
        }
    }
}
