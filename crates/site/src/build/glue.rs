//! Step `glue`: wasm-bindgen's JavaScript glue, which Trunk's minifier
//! leaves as it is, minified by terser (`make setup` installs it in
//! `.tools/terser`), and the shell's preload of it given the new file's
//! integrity hash, or the browser would refuse it. 8.7 → 6.8 KB brotli
//! (README, "Bytes"). Terser is the maintained minifier for modern
//! JavaScript; the glue is an ES module, so it runs with `--module`.

use base64::Engine;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use sha2::{Digest, Sha384};
use std::path::PathBuf;
use std::process::Command;

/// Trunk's preload of the glue, in the shell: the one place that names the
/// file with its hash.
const PRELOAD: &str = "link[rel=modulepreload][href]";

/// The glue's address, from the shell's preload of it.
fn glue_href(shell: &str) -> Result<String, String> {
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
    match hrefs.as_slice() {
        [href] if href.starts_with('/') && href.ends_with(".js") && !href.contains("..") => {
            Ok(href.clone())
        }
        _ => Err(format!(
            "expected one same-site `{PRELOAD}` to a .js file in the shell, found {hrefs:?}"
        )),
    }
}

/// The `integrity` value of `content`, as Trunk writes it (SHA-384).
fn integrity(content: &str) -> String {
    let digest = Sha384::digest(content.as_bytes());
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The shell with its preload of the glue vouching for `glue`.
fn with_integrity(shell: &str, glue: &str) -> Result<String, String> {
    let value = integrity(glue);
    let out = rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![element!(PRELOAD, |el| {
                el.set_attribute("integrity", &value)?;
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

/// The glue, minified.
fn minify(path: &std::path::Path) -> Result<String, String> {
    let terser = terser();
    let out = Command::new(&terser)
        .arg(path)
        .args(["--module", "--compress", "--mangle"])
        .output()
        .map_err(|e| {
            format!(
                "{}: {e} (`make setup` installs terser in .tools/terser)",
                terser.display()
            )
        })?;
    if !out.status.success() {
        return Err(format!(
            "terser failed on {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("terser's output: {e}"))
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let index = dist.join("index.html");
    let shell = super::read(&index)?;
    let href = glue_href(&shell)?;
    let path = dist.join(href.trim_start_matches('/'));
    let before = super::read(&path)?.len();
    let glue = minify(&path)?;
    super::write(&path, &glue)?;
    super::write(&index, &with_integrity(&shell, &glue)?)?;
    Ok(format!(
        "{href}: {before} -> {} bytes, and the shell's preload vouches for it",
        glue.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<html><head><script type=module>import init from '/bantin-1.js';</script><link crossorigin href=/bantin-1.js integrity=sha384-old rel=modulepreload><link href=/main.css integrity=sha384-css rel=stylesheet></head></html>";

    #[test]
    fn the_glue_is_the_file_the_shell_preloads() {
        assert_eq!(glue_href(SHELL).unwrap(), "/bantin-1.js");
        assert!(glue_href("<html><head></head></html>").is_err());
        assert!(glue_href(r#"<link rel=modulepreload href="https://cdn.example/x.js">"#).is_err());
        assert!(glue_href(r#"<link rel=modulepreload href="/../x.js">"#).is_err());
    }

    #[test]
    fn the_preload_vouches_for_the_minified_glue_and_nothing_else_changes() {
        let out = with_integrity(SHELL, "abc").unwrap();
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
    }
}
