//! Step `glue`: wasm-bindgen's JavaScript glue, which Trunk's minifier
//! leaves as it is, minified by terser (`make setup` installs it in
//! `.tools/terser`), and the page's preload of it given the new file's
//! integrity hash, or the browser would refuse it: the whole app's glue
//! (index.html), the islands' (reader.html), the search page's
//! (finder.html) and the speaking part's (listen.html). 8.7 → 6.8 KB brotli
//! (docs/speed.md, "Bytes"). Terser is the maintained minifier for modern
//! JavaScript; the glue is an ES module, so it runs with `--module`.

use base64::Engine;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use sha2::{Digest, Sha384};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Trunk's preload of a glue, in the shell: the one place that names the
/// file with its hash.
const PRELOAD: &str = "link[rel=modulepreload][href]";

/// The glues' addresses, from the shell's preloads of them.
fn glue_hrefs(shell: &str) -> Result<Vec<String>, String> {
    let mut hrefs = Vec::new();
    rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![element!(PRELOAD, |el| {
                hrefs.extend(el.get_attribute("href"));
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    let good =
        |href: &String| href.starts_with('/') && href.ends_with(".js") && !href.contains("..");
    if hrefs.is_empty() || !hrefs.iter().all(good) {
        return Err(format!(
            "expected same-site `{PRELOAD}`s to .js files in the shell, found {hrefs:?}"
        ));
    }
    Ok(hrefs)
}

/// The `integrity` value of `content`, as Trunk writes it (SHA-384).
fn integrity(content: &str) -> String {
    let digest = Sha384::digest(content.as_bytes());
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The shell with its preload of the glue at `href` vouching for `glue`.
fn with_integrity(shell: &str, href: &str, glue: &str) -> Result<String, String> {
    let value = integrity(glue);
    let out = rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![element!(PRELOAD, |el| {
                if el.get_attribute("href").as_deref() == Some(href) {
                    el.set_attribute("integrity", &value)?;
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string());
    out
}

/// Terser from `make setup`'s tools folder (`BANTIN_TOOLS_DIR`, or `.tools`
/// here, as scripts/setup.sh has it), else the one on PATH.
fn terser() -> PathBuf {
    let tools = std::env::var_os("BANTIN_TOOLS_DIR").map_or_else(|| ".tools".into(), PathBuf::from);
    let installed = tools.join("terser/node_modules/.bin/terser");
    if installed.is_file() {
        installed
    } else {
        "terser".into()
    }
}

/// The glue, minified (`cache`: [`minify_text`]).
fn minify(path: &Path, cache: Option<&Path>) -> Result<String, String> {
    minify_text(&super::read(path)?, true, cache).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where the minified `text` is kept in the folder `cache` (as
/// `js/<digest>.js`): named by the text, the kind of script and terser's
/// own version (its package's manifest), so it can never be stale. `None`
/// for a terser from PATH, whose version nothing here can vouch for.
fn minified_entry(cache: &Path, terser: &Path, text: &str, module: bool) -> Option<PathBuf> {
    use sha2::{Digest, Sha256};
    let manifest = terser.parent()?.parent()?.join("terser/package.json");
    let version = std::fs::read(manifest).ok()?;
    let mut hasher = Sha256::new();
    for part in [&version[..], &[u8::from(module)], text.as_bytes()] {
        super::hash_part(&mut hasher, part);
    }
    let key = super::hex(&hasher.finalize());
    Some(cache.join("js").join(format!("{key}.js")))
}

/// JavaScript minified by terser (`module`: an ES module, else a classic
/// script): from the folder `cache` (the page cache, `PAGE_CACHE`) when
/// this very text was minified before by this terser, else by terser, which
/// takes a quarter of a second or more each time (seven times a build:
/// most of a small publish), and kept there.
pub fn minify_text(text: &str, module: bool, cache: Option<&Path>) -> Result<String, String> {
    let terser = terser();
    let entry = cache.and_then(|folder| minified_entry(folder, &terser, text, module));
    if let Some(done) = entry.as_ref().and_then(|e| std::fs::read_to_string(e).ok()) {
        return Ok(done);
    }
    let minified = run_terser(&terser, text, module)?;
    if let Some(entry) = &entry {
        let kept = entry
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| super::write_whole(entry, minified.as_bytes()));
        if let Err(e) = kept {
            eprintln!("[build] not cached ({}: {e})", entry.display());
        }
    }
    Ok(minified)
}

/// `text` minified by `terser`, given and taken on its standard streams.
fn run_terser(terser: &Path, text: &str, module: bool) -> Result<String, String> {
    use std::io::Write;
    let mut args = vec!["--compress", "--mangle"];
    if module {
        args.push("--module");
    }
    let mut child = Command::new(terser)
        .args(&args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "{}: {e} (`make setup` installs terser in .tools/terser)",
                terser.display()
            )
        })?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if let Some(Err(e)) = written {
        return Err(format!("terser's input: {e}"));
    }
    if !out.status.success() {
        return Err(format!(
            "terser failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("terser's output: {e}"))
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let mut done = Vec::new();
    // The whole app's page, the islands' and the speaking part's (each names
    // its own glue).
    let mut pages = Vec::new();
    for page in [
        "index.html",
        super::pages::ISLANDS_PAGE,
        super::pages::FINDER_PAGE,
        super::listen::LISTEN_PAGE,
    ] {
        let html = super::read(&dist.join(page))?;
        let hrefs = glue_hrefs(&html).map_err(|e| format!("{page}: {e}"))?;
        pages.push((page, html, hrefs));
    }
    let cache = build.page_cache.as_deref();
    // Each glue minified at the same time as the others (a terser each:
    // most of a publish's fixed cost when one after the other).
    let minified: Vec<Result<(usize, String), String>> = std::thread::scope(|scope| {
        let jobs: Vec<_> = pages
            .iter()
            .flat_map(|(_, _, hrefs)| hrefs)
            .map(|href| {
                let glue_path = dist.join(href.trim_start_matches('/'));
                scope.spawn(move || {
                    let before = super::read(&glue_path)?.len();
                    Ok((before, minify(&glue_path, cache)?))
                })
            })
            .collect();
        jobs.into_iter()
            .map(|job| {
                job.join()
                    .unwrap_or_else(|_| Err("a terser thread panicked".into()))
            })
            .collect()
    });
    let mut minified = minified.into_iter();
    for (page, mut html, hrefs) in pages {
        for href in hrefs {
            let (before, glue) = minified.next().ok_or("a glue went missing")??;
            super::write(&dist.join(href.trim_start_matches('/')), &glue)?;
            html = with_integrity(&html, &href, &glue)?;
            done.push(format!("{href}: {before} -> {} bytes", glue.len()));
        }
        super::write(&dist.join(page), &html)?;
    }
    Ok(format!(
        "{}, and each page's preload vouches for its glue",
        done.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<html><head><script type=module>import init from '/bantin-1.js';</script><link crossorigin href=/bantin-1.js integrity=sha384-old rel=modulepreload><link crossorigin href=/reader-2.js integrity=sha384-other rel=modulepreload><link href=/main.css integrity=sha384-css rel=stylesheet></head></html>";

    #[test]
    fn a_minified_script_is_kept_by_its_text_its_kind_and_tersers_version() {
        let dir = tempfile::tempdir().unwrap();
        let modules = dir.path().join("node_modules");
        std::fs::create_dir_all(modules.join("terser")).unwrap();
        let manifest = modules.join("terser/package.json");
        std::fs::write(&manifest, r#"{"version": "5.1.0"}"#).unwrap();
        let terser = modules.join(".bin/terser");
        let cache = dir.path().join("cache");
        let entry = |text, module| minified_entry(&cache, &terser, text, module).unwrap();
        let first = entry("let a = 1;", true);
        assert!(first.starts_with(cache.join("js")));
        assert_eq!(first, entry("let a = 1;", true));
        assert_ne!(first, entry("let a = 2;", true));
        assert_ne!(first, entry("let a = 1;", false));
        std::fs::write(&manifest, r#"{"version": "5.2.0"}"#).unwrap();
        assert_ne!(first, entry("let a = 1;", true), "another terser");
        assert_eq!(
            minified_entry(&cache, Path::new("terser"), "let a = 1;", true),
            None,
            "a terser from PATH, of no known version"
        );
    }

    #[test]
    fn the_glues_are_the_files_the_shell_preloads() {
        assert_eq!(glue_hrefs(SHELL).unwrap(), ["/bantin-1.js", "/reader-2.js"]);
        assert!(glue_hrefs("<html><head></head></html>").is_err());
        assert!(glue_hrefs(r#"<link rel=modulepreload href="https://cdn.example/x.js">"#).is_err());
        assert!(glue_hrefs(
            r#"<link rel=modulepreload href="/a.js"><link rel=modulepreload href="/../x.js">"#
        )
        .is_err());
    }

    #[test]
    fn the_preload_vouches_for_the_minified_glue_and_nothing_else_changes() {
        let out = with_integrity(SHELL, "/bantin-1.js", "abc").unwrap();
        // sha384("abc"), base64: the value a browser computes for that file.
        let want = "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn";
        assert_eq!(integrity("abc"), want);
        assert!(
            out.contains(&format!("href=/bantin-1.js integrity=\"{want}\"")),
            "{out}"
        );
        assert!(
            out.contains("integrity=sha384-css"),
            "the stylesheet's hash stays"
        );
        assert!(!out.contains("sha384-old"));
        assert!(
            out.contains("integrity=sha384-other"),
            "the other glue's hash stays"
        );
    }
}
