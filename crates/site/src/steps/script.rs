//! Step `script`: the page's own script ([`bantin::page_script`]) into the
//! shell's `<script id="page-script">`, the place index.html keeps for it. It
//! applies the stored preferences before the first paint and works the
//! pre-rendered toolbar before the app starts. First of all steps: `csp`
//! hashes it and `pages` copies the shell.

use bantin::page_script::{page_script, SCRIPT_ID};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};

pub fn fill(page: &str) -> Result<String, String> {
    fill_with(page, &page_script())
}

/// `page` with `script` as the page's script.
pub fn fill_with(page: &str, script: &str) -> Result<String, String> {
    let mut found = 0;
    let out = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!(
                format!("script#{SCRIPT_ID}:not([src]):not([type])"),
                |el| {
                    // Script text is raw: written as it is, not escaped.
                    el.set_inner_content(script, ContentType::Html);
                    found += 1;
                    Ok(())
                }
            )],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    match found {
        1 => Ok(out),
        n => Err(format!(
            "expected one inline <script id=\"{SCRIPT_ID}\"> in index.html, found {n}"
        )),
    }
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let path = dist.join("index.html");
    // Minified as the glue is (terser): every page carries it before its
    // text, and on 3G each byte counts (0.3 KB brotli on an article's page).
    let script = super::glue::minify_text(&page_script(), false, build.page_cache.as_deref())?;
    let page = fill_with(&super::read(&path)?, &script)?;
    super::write(&path, &page)?;
    Ok(format!(
        "the page's script ({} bytes, minified) in <script id=\"{SCRIPT_ID}\">",
        script.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::html;

    const SHELL: &str = r#"<html><head><meta charset=utf-8><script id="page-script">/* filled by the build */</script><script type=module>start()</script></head></html>"#;

    #[test]
    fn the_placeholder_gets_the_whole_script_once_and_nothing_else_changes() {
        let once = fill(SHELL).unwrap();
        let scripts = html::texts(&once, html::INLINE_SCRIPTS).unwrap();
        assert_eq!(scripts, [page_script(), "start()".to_string()]);
        assert_eq!(fill(&once).unwrap(), once, "running twice changes nothing");
    }

    #[test]
    fn a_shell_without_the_place_or_with_two_is_an_error() {
        assert!(fill("<html><script>x</script></html>").is_err());
        let two = SHELL.replace("<script type=module>", r#"<script id="page-script">"#);
        assert!(fill(&two).is_err());
    }
}
