//! `site publish <built> <dist>`: puts a finished build in place of the
//! served one, all at once, and only once every step has succeeded (`make
//! build` runs the steps on a folder beside `dist`, and publishes only if
//! `site build` succeeded: a failed or interrupted build leaves `dist` as it
//! was).
//!
//! A page opened before the new build loads its WASM and glue after its HTML,
//! perhaps seconds later on 3G: the previous build's hashed files (what its
//! worker lists: its JS, WASM and CSS, with their `.br`/`.gz`) are carried
//! into the new build, so they stay served through one more build. Files the
//! previous build had carried itself are not in its worker's list, so each
//! build's files live through exactly one build after it.
//!
//! The swap is one `renameat2(RENAME_EXCHANGE)` where Linux has it: no
//! moment without a `dist`. Elsewhere (or across file systems) two renames.

use crate::rules::is_hashed_asset;
use std::path::{Path, PathBuf};

/// The worker, whose lists name the build's own hashed files.
const WORKER: &str = "sw.js";

/// The file a precompressed copy (`.br`, `.gz`) is of, or `name` itself.
fn original_of(name: &str) -> &str {
    name.strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
        .unwrap_or(name)
}

/// The previous build's own hashed files in `dist` (the names its worker
/// lists), with their precompressed copies.
fn own_hashed_files(dist: &Path) -> Result<Vec<String>, String> {
    let Ok(worker) = std::fs::read_to_string(dist.join(WORKER)) else {
        return Ok(Vec::new()); // no previous build, or not ours
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", dist.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let plain = original_of(&name);
        if is_hashed_asset(plain) && worker.contains(&format!("/{plain}\"")) {
            files.push(name);
        }
    }
    files.sort();
    Ok(files)
}

/// Exchanges `a` and `b` in one step where the system can; else renames
/// `a` to `b` after moving `b` aside to `aside`. Returns where the old `b`
/// now is.
fn exchange(a: &Path, b: &Path, aside: &Path) -> Result<PathBuf, String> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|e| e.to_string());
        let (ca, cb) = (c(a)?, c(b)?);
        // SAFETY: two valid NUL-terminated paths; the call reads them only.
        let done = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if done == 0 {
            return Ok(a.to_path_buf());
        }
    }
    std::fs::rename(b, aside).map_err(|e| format!("{}: {e}", b.display()))?;
    std::fs::rename(a, b).map_err(|e| format!("{}: {e}", a.display()))?;
    Ok(aside.to_path_buf())
}

/// Every file under `dir`, as paths relative to it with `/`, sorted, each
/// with its inode number as the folder lists it (no look at the file
/// itself: 600,000 of them at 100,000 articles; 0 where the system does not
/// say).
fn files_under(dir: &Path) -> Result<Vec<(String, u64)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let here = dir.join(&rel);
        for entry in std::fs::read_dir(&here).map_err(|e| format!("{}: {e}", here.display()))? {
            let entry = entry.map_err(|e| format!("{}: {e}", here.display()))?;
            let path = rel.join(entry.file_name());
            if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
                stack.push(path);
            } else {
                #[cfg(unix)]
                let inode = std::os::unix::fs::DirEntryExt::ino(&entry);
                #[cfg(not(unix))]
                let inode = 0;
                out.push((path.to_string_lossy().replace('\\', "/"), inode));
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// The file system `path` is on, where the system says (else `None`): two
/// names with one inode number are one file only on one file system.
fn device_of(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| m.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The address a reader (and a CDN) knows a file by: a page by its pretty
/// address (`articles/x.html` is `/articles/x`, `index.html` is `/`), a
/// precompressed copy by its original's, anything else by its path.
pub fn address_of(file: &str) -> String {
    let file = original_of(file);
    match file {
        "index.html" => "/".into(),
        // The search page, whatever its query (a CDN that keeps a copy per
        // query purges them by this prefix).
        _ if file == crate::steps::pages::search_file() => bantin::search::ROUTE.into(),
        _ => match file.strip_suffix(".html") {
            Some(page) if page.starts_with("articles/") || page.starts_with("trang/") => {
                format!("/{page}")
            }
            _ => format!("/{file}"),
        },
    }
}

/// Whether the files `a` and `b` hold the same bytes, by their sizes, then
/// their bytes ([`changed_addresses`] has already known the names of one
/// file unchanged by their inode).
fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    meta_a.len() == meta_b.len() && std::fs::read(a).ok() == std::fs::read(b).ok()
}

/// The addresses whose answer differs between `old` and `new`: files added,
/// removed or changed, by [`address_of`], each once, sorted. A file that is
/// one file in both (a page linked from the build's page cache, or left in
/// place by a build on the previous tree) is unchanged without a look at
/// it; any other is compared by its bytes.
pub fn changed_addresses(old: &Path, new: &Path) -> Result<Vec<String>, String> {
    let before = if old.is_dir() {
        files_under(old)?
    } else {
        Vec::new()
    };
    let after = files_under(new)?;
    let one_device = device_of(old).is_some() && device_of(old) == device_of(new);
    let mut changed = std::collections::BTreeSet::new();
    let listed =
        |files: &[(String, u64)], file: &str| files.binary_search_by(|(f, _)| f.as_str().cmp(file));
    for (file, _) in before.iter().filter(|(f, _)| listed(&after, f).is_err()) {
        changed.insert(address_of(file));
    }
    for (file, inode) in &after {
        let same = match listed(&before, file) {
            Ok(i) if one_device && *inode != 0 && before[i].1 == *inode => true,
            Ok(_) => same_bytes(&old.join(file), &new.join(file)),
            Err(_) => false,
        };
        if !same {
            changed.insert(address_of(file));
        }
    }
    Ok(changed.into_iter().collect())
}

/// Publishes `built` as `dist`: the previous build's own hashed files carried
/// in, the addresses that changed written to `<dist>.purge.txt` (one a line,
/// for a CDN to purge), then the two swapped, then the previous one removed.
/// Returns how many files were carried and how many addresses changed.
pub fn publish(built: &Path, dist: &Path) -> Result<(usize, usize), String> {
    if !built.join("index.html").is_file() {
        return Err(format!(
            "{}: not a finished build (no index.html)",
            built.display()
        ));
    }
    let carried = if dist.is_dir() {
        own_hashed_files(dist)?
    } else {
        Vec::new()
    };
    let mut count = 0;
    for name in &carried {
        let to = built.join(name);
        if !to.exists() {
            std::fs::copy(dist.join(name), &to).map_err(|e| format!("{name}: {e}"))?;
            count += 1;
        }
    }
    let changed = changed_addresses(dist, built)?;
    let purge = sibling(dist, "purge.txt");
    let list: String = changed.iter().map(|a| format!("{a}\n")).collect();
    std::fs::write(&purge, list).map_err(|e| format!("{}: {e}", purge.display()))?;
    if !dist.exists() {
        std::fs::rename(built, dist).map_err(|e| format!("{}: {e}", built.display()))?;
        return Ok((count, changed.len()));
    }
    let aside = sibling(dist, "previous");
    if aside.exists() {
        std::fs::remove_dir_all(&aside).map_err(|e| format!("{}: {e}", aside.display()))?;
    }
    // The old tree is kept beside as `<dist>.previous`, for the next build
    // to start from ([`stage`]): removing its files would cost what making
    // them did.
    let old = exchange(built, dist, &aside)?;
    if old != aside {
        std::fs::rename(&old, &aside).map_err(|e| format!("{}: {e}", old.display()))?;
    }
    Ok((count, changed.len()))
}

/// `site stage <trunk> <next> [<previous>]`: the folder a build runs in,
/// `next`, made from Trunk's output. With `previous` (the tree `publish`
/// kept beside the served one, when it is there: `make build` passes it
/// unless `FRESH=1`), that tree becomes `next`: its folders of per-article
/// files ([`crate::steps::RECYCLED`]) are kept for the steps to bring up to
/// date, in place, and everything else in it is removed before Trunk's
/// output is copied in (as new files: the steps edit those in place).
/// Publishing one article into 100,000 then touches tens of files, not
/// 600,000. Returns whether the previous tree was used.
pub fn stage(trunk: &Path, next: &Path, previous: Option<&Path>) -> Result<bool, String> {
    let failed = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    if !trunk.join("index.html").is_file() {
        return Err(format!(
            "{}/index.html is missing: run Trunk first",
            trunk.display()
        ));
    }
    if next.exists() {
        std::fs::remove_dir_all(next).map_err(|e| failed(next, e))?;
    }
    let recycled = previous.is_some_and(|p| p.join("index.html").is_file());
    match previous {
        Some(previous) if recycled => {
            std::fs::rename(previous, next).map_err(|e| failed(previous, e))?;
            for entry in std::fs::read_dir(next).map_err(|e| failed(next, e))? {
                let entry = entry.map_err(|e| failed(next, e))?;
                let path = entry.path();
                let name = entry.file_name();
                let is_dir = entry.file_type().map_err(|e| failed(&path, e))?.is_dir();
                if is_dir && crate::steps::recycled(&name) {
                    continue;
                }
                if is_dir {
                    std::fs::remove_dir_all(&path).map_err(|e| failed(&path, e))?;
                } else {
                    std::fs::remove_file(&path).map_err(|e| failed(&path, e))?;
                }
            }
        }
        _ => std::fs::create_dir_all(next).map_err(|e| failed(next, e))?,
    }
    copy_tree(trunk, next, true)?;
    Ok(recycled)
}

/// Copies the files under `from` into `to` (made as needed), but, at the
/// top (`top`), the folders [`crate::steps::RECYCLED`] names: those are
/// the steps' own (Trunk copies `public/articles/` too, which step
/// `content` replaces with the content folder's).
fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), String> {
    let failed = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(to).map_err(|e| failed(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| failed(from, e))? {
        let entry = entry.map_err(|e| failed(from, e))?;
        let (path, name) = (entry.path(), entry.file_name());
        if entry.file_type().map_err(|e| failed(&path, e))?.is_dir() {
            if !(top && crate::steps::recycled(&name)) {
                copy_tree(&path, &to.join(&name), false)?;
            }
        } else {
            std::fs::copy(&path, to.join(&name)).map_err(|e| failed(&path, e))?;
        }
    }
    Ok(())
}

/// `dist`'s sibling named `<dist>.<what>`.
pub fn sibling(dist: &Path, what: &str) -> PathBuf {
    let name = dist
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dist.with_file_name(format!("{name}.{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn build(dir: &Path, files: &[(&str, &str)]) {
        fs::create_dir_all(dir).unwrap();
        for (name, text) in files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    const OLD: &str = "bantin-0123456789abcdef";
    const NEW: &str = "bantin-fedcba9876543210";
    const OLDER: &str = "bantin-aaaaaaaaaaaaaaaa";

    fn worker(glue: &str) -> String {
        format!(r#"const APP_FILES = ["/{glue}.js","/{glue}_bg.wasm"];"#)
    }

    #[test]
    fn the_new_build_takes_the_place_and_the_previous_builds_files_stay_one_build() {
        let root = tempfile::tempdir().unwrap();
        let (dist, next) = (root.path().join("dist"), root.path().join("dist.next"));
        let old_wasm = format!("{OLD}_bg.wasm");
        let old_br = format!("{OLD}_bg.wasm.br");
        let old_js = format!("{OLD}.js");
        let older_js = format!("{OLDER}.js");
        let old_worker = worker(OLD);
        build(
            &dist,
            &[
                ("index.html", "old"),
                ("sw.js", &old_worker),
                (&old_js, "o"),
                (&old_wasm, "o"),
                (&old_br, "o"),
                // Carried by the previous build from the one before it.
                (&older_js, "x"),
            ],
        );
        let new_js = format!("{NEW}.js");
        let new_worker = worker(NEW);
        build(
            &next,
            &[
                ("index.html", "new"),
                ("sw.js", &new_worker),
                (&new_js, "n"),
            ],
        );

        assert_eq!(publish(&next, &dist).unwrap().0, 3);
        assert_eq!(fs::read_to_string(dist.join("index.html")).unwrap(), "new");
        let mut expected: Vec<String> =
            [&old_js, &old_wasm, &old_br, &new_js, "index.html", "sw.js"]
                .map(String::from)
                .to_vec();
        expected.sort();
        assert_eq!(
            names(&dist),
            expected,
            "the old build's own files carried, not the one before's"
        );
        assert!(!next.exists(), "the new build is dist now");
        assert_eq!(
            fs::read_to_string(sibling(&dist, "previous").join("index.html")).unwrap(),
            "old",
            "the old tree is kept beside, for the next build to start from"
        );

        // One build later, the first build's files are gone.
        let newest = root.path().join("dist.next");
        let newest_worker = worker("bantin-1111111111111111");
        build(
            &newest,
            &[("index.html", "newest"), ("sw.js", &newest_worker)],
        );
        assert_eq!(publish(&newest, &dist).unwrap().0, 1);
        assert_eq!(
            names(&dist),
            ["bantin-fedcba9876543210.js", "index.html", "sw.js"]
        );
    }

    #[test]
    fn the_purge_list_names_the_addresses_whose_answer_changed() {
        let root = tempfile::tempdir().unwrap();
        let (dist, next) = (root.path().join("dist"), root.path().join("dist.next"));
        let same = [
            ("sw.js", "w"),
            ("articles/giu.html", "g"),
            ("articles/giu.json", "g"),
        ];
        build(&dist, &same);
        build(
            &dist,
            &[
                ("index.html", "old list"),
                ("index.html.br", "old list br"),
                ("articles/sua.html", "old"),
                ("articles/bo.html", "gone"),
                ("trang/2.html", "old page 2"),
            ],
        );
        build(&next, &same);
        build(
            &next,
            &[
                ("index.html", "new list"),
                ("index.html.br", "new list br"),
                ("articles/sua.html", "new"),
                ("articles/moi.html", "added"),
                ("articles/moi.json", "added"),
                ("trang/2.html", "old page 2"),
            ],
        );
        // Pages linked from a cache: one file in both builds is unchanged;
        // a name that now links another entry has changed.
        let entries = root.path().join("cache");
        build(
            &entries,
            &[("a", "kept page"), ("b", "old page"), ("c", "new page")],
        );
        for (tree, links) in [
            (&dist, [("giu-lien.html", "a"), ("doi.html", "b")]),
            (&next, [("giu-lien.html", "a"), ("doi.html", "c")]),
        ] {
            for (name, entry) in links {
                fs::hard_link(entries.join(entry), tree.join("articles").join(name)).unwrap();
            }
        }
        assert_eq!(
            changed_addresses(&dist, &next).unwrap(),
            [
                "/",
                "/articles/bo",
                "/articles/doi",
                "/articles/moi",
                "/articles/moi.json",
                "/articles/sua"
            ]
        );
        assert_eq!(publish(&next, &dist).unwrap().1, 6);
        let purge = std::fs::read_to_string(sibling(&dist, "purge.txt")).unwrap();
        assert_eq!(
            purge,
            "/\n/articles/bo\n/articles/doi\n/articles/moi\n/articles/moi.json\n/articles/sua\n"
        );
        assert_eq!(address_of("trang/3.html.gz"), "/trang/3");
        assert_eq!(address_of("shell.html"), "/shell.html");
        assert_eq!(address_of("tim-kiem.html.br"), "/tim-kiem");
    }

    #[test]
    fn a_build_starts_from_the_previous_tree_keeping_only_its_per_article_folders() {
        let root = tempfile::tempdir().unwrap();
        let (trunk, next, previous) = (
            root.path().join("trunk"),
            root.path().join("dist.next"),
            root.path().join("dist.previous"),
        );
        build(
            &trunk,
            &[
                ("index.html", "shell"),
                ("app-0123456789abcdef.js", "app"),
                ("articles/seed.json", "{}"),
                ("icons/a.svg", "<svg/>"),
            ],
        );
        build(
            &previous,
            &[
                ("index.html", "an old page"),
                ("bantin-aaaaaaaaaaaaaaaa.js", "carried"),
                ("feed.xml", "old"),
                ("anh/x.avif", "old photo"),
                ("articles/a.html", "a"),
                ("trang/1.html", "1"),
                ("pagefind/1/pagefind-entry.json", "{}"),
            ],
        );
        #[cfg(unix)]
        let page_inode = {
            use std::os::unix::fs::MetadataExt;
            fs::metadata(previous.join("articles/a.html"))
                .unwrap()
                .ino()
        };
        assert!(stage(&trunk, &next, Some(&previous)).unwrap());
        assert!(!previous.exists(), "the previous tree became the build's");
        assert_eq!(
            names(&next),
            [
                "app-0123456789abcdef.js",
                "articles",
                "icons",
                "index.html",
                "pagefind",
                "trang"
            ],
            "Trunk's files; of the old tree, only its per-article folders"
        );
        assert_eq!(
            fs::read_to_string(next.join("index.html")).unwrap(),
            "shell"
        );
        assert_eq!(
            names(&next.join("articles")),
            ["a.html"],
            "not Trunk's seed"
        );
        assert_eq!(names(&next.join("icons")), ["a.svg"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let now = fs::metadata(next.join("articles/a.html")).unwrap().ino();
            assert_eq!(now, page_inode, "the page left in place, not copied");
        }
        // Without a previous tree (the first build, FRESH=1): Trunk's
        // output alone, in a new folder.
        build(&next, &[("stale.txt", "x")]);
        assert!(!stage(&trunk, &next, None).unwrap());
        assert_eq!(
            names(&next),
            ["app-0123456789abcdef.js", "icons", "index.html"]
        );
        assert!(!stage(&trunk, &next, Some(&root.path().join("none"))).unwrap());
        assert!(stage(&root.path().join("no-trunk"), &next, None).is_err());
    }

    #[test]
    fn the_first_build_and_an_unfinished_one() {
        let root = tempfile::tempdir().unwrap();
        let (dist, next) = (root.path().join("dist"), root.path().join("dist.next"));
        build(&next, &[("main-0123456789abcdef.css", "c")]);
        assert!(
            publish(&next, &dist).is_err(),
            "no index.html: not finished"
        );
        assert!(!dist.exists());
        build(&next, &[("index.html", "first")]);
        assert_eq!(publish(&next, &dist).unwrap().0, 0);
        assert_eq!(
            fs::read_to_string(dist.join("index.html")).unwrap(),
            "first"
        );
    }
}
