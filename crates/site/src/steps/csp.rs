//! Step `csp`: the page's Content-Security-Policy `<meta>`, right after
//! `<meta charset>` (a `<meta>` policy governs only what follows it), with the
//! SHA-256 of each inline script the page runs and of each inline stylesheet
//! (the pre-rendered pages', step `pages`, which writes their policy again).
//! Runs after `loader`, whose edit changes a script, and before anything
//! copies the shell.

use super::html;
use crate::rules;
use base64::Engine;
use sha2::{Digest, Sha256};

const META: &str = "meta[http-equiv=\"Content-Security-Policy\"]";

/// The CSP hash source of each element's text that `selector` matches.
fn hashes(page: &str, selector: &str) -> Result<Vec<String>, String> {
    Ok(html::texts(page, selector)?
        .iter()
        .map(|text| {
            let digest = Sha256::digest(text.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect())
}

/// `page` with its policy (in place of any it had), and how many inline
/// scripts it allows.
pub fn with_policy(page: &str) -> Result<(String, usize), String> {
    let scripts = hashes(page, html::INLINE_SCRIPTS)?;
    let policy = rules::page_policy(&scripts, &hashes(page, "style")?);
    let meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}">"#);
    let out = html::replace_after(page, META, "meta[charset]", &meta)?;
    Ok((out, scripts.len()))
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let path = dist.join("index.html");
    let (page, scripts) = with_policy(&super::read(&path)?)?;
    super::write(&path, &page)?;
    Ok(format!(
        "a policy allowing {scripts} inline script(s) by hash"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_the_scripts_the_page_runs_and_nothing_else() {
        // sha256("a") = ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=
        let page = "<html><meta charset=utf-8><script>a</script><script type=\"application/json\">{}</script><script src=/x.js></script></html>";
        let (out, n) = with_policy(page).unwrap();
        assert_eq!(n, 1);
        assert!(out.contains("<meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='; style-src 'self';"));
        assert!(!out.contains("unsafe-inline"));
        let (again, _) = with_policy(&out).unwrap();
        assert_eq!(
            again, out,
            "a second run replaces the policy, never adds one"
        );
        assert!(
            with_policy("<html><script>a</script></html>").is_err(),
            "no <meta charset>"
        );
    }

    #[test]
    fn an_inline_stylesheet_is_allowed_by_its_hash_only() {
        let page = "<html><meta charset=utf-8><style>a</style></html>";
        let (out, n) = with_policy(page).unwrap();
        assert_eq!(n, 0);
        assert!(
            out.contains("style-src 'self' 'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=';")
        );
        assert!(!out.contains("unsafe-inline"));
    }
}
