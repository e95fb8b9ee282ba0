//! Step `csp`: the page's Content-Security-Policy `<meta>`, right after
//! `<meta charset>` (a `<meta>` policy governs only what follows it), with the
//! SHA-256 of each inline script the page runs. Runs after `loader`, whose edit
//! changes a script, and before anything copies the shell.

use super::html;
use crate::rules;
use base64::Engine;
use sha2::{Digest, Sha256};

const META: &str = "meta[http-equiv=\"Content-Security-Policy\"]";

pub fn with_policy(page: &str) -> Result<(String, usize), String> {
    let hashes: Vec<String> = html::texts(page, html::INLINE_SCRIPTS)?
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let policy = rules::page_policy(&hashes);
    let meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}">"#);
    let out = html::replace_after(page, META, "meta[charset]", &meta)?;
    Ok((out, hashes.len()))
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
}
