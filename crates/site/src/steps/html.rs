//! The few edits the build makes to Trunk's HTML, by CSS selector through
//! lol_html (a maintained streaming rewriter), never by string search.

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

/// Inline scripts that a browser runs (no `src`, and no `type` or a JavaScript
/// one); a data block such as `<script type="application/json">` is not one.
pub const INLINE_SCRIPTS: &str = "script:not([src]):not([type]), script[type=module]:not([src]), script[type=\"text/javascript\"]:not([src])";

/// The whole text of every element matching `selector`, in document order.
pub fn texts(html: &str, selector: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut current = String::new();
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![text!(selector, |chunk| {
                current.push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    found.push(std::mem::take(&mut current));
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(found)
}

/// The value of `attribute` on every element matching `selector` that has
/// it, in document order.
pub fn attributes(html: &str, selector: &str, attribute: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(selector, |el| {
                found.extend(el.get_attribute(attribute));
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(found)
}

/// Replaces the text of every element matching `selector` with `edit(text)`.
pub fn edit_texts(
    html: &str,
    selector: &str,
    mut edit: impl FnMut(&str) -> String,
) -> Result<String, String> {
    let mut current = String::new();
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![text!(selector, |chunk| {
                current.push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    let edited = edit(&std::mem::take(&mut current));
                    // Script text is raw: written as it is, not escaped.
                    chunk.replace(&edited, ContentType::Html);
                } else {
                    chunk.remove();
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string());
    out
}

/// Trunk's loaders: the module script that starts each WASM.
pub const LOADERS: &str = "script[type=module]:not([src])";

/// The glue a loader imports, by its file stem (`bantin-<hash>` for
/// `import init from '/bantin-<hash>.js'`), as Trunk writes it.
pub fn glue_of(loader: &str) -> Option<&str> {
    let (_, rest) = loader.split_once(" from '/")?;
    Some(rest.split_once(".js'")?.0)
}

/// The glue that `page`'s one loader imports, by its file stem; `None` if
/// the page has no loader, more than one, or one that imports no glue.
pub fn loaded_glue(page: &str) -> Result<Option<String>, String> {
    Ok(match texts(page, LOADERS)?.as_slice() {
        [loader] => glue_of(loader).map(str::to_owned),
        _ => None,
    })
}

/// Removes every element matching `remove`, then puts `markup` right after the
/// first element matching `after` (an error if there is none).
pub fn replace_after(
    html: &str,
    remove: &str,
    after: &str,
    markup: &str,
) -> Result<String, String> {
    let mut placed = false;
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!(remove, |el| {
                    el.remove();
                    Ok(())
                }),
                element!(after, |el| {
                    if !placed {
                        el.after(markup, ContentType::Html);
                        placed = true;
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    if placed {
        Ok(out)
    } else {
        Err(format!("no element matches `{after}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><meta charset=utf-8><script>a<b</script>\
        <script type=module>import x from '/x.js';</script>\
        <script type=\"application/json\">{\"a\":1}</script><script src=/y.js></script></html>";

    #[test]
    fn a_loaders_glue_is_the_file_it_imports() {
        assert_eq!(
            glue_of("import init, * as bindings from '/reader-2a.js';\nawait init();"),
            Some("reader-2a")
        );
        assert_eq!(glue_of("import init from './x.js';"), None);
        assert_eq!(glue_of("await init();"), None);
    }

    #[test]
    fn finds_only_the_scripts_a_browser_runs_with_their_exact_text() {
        assert_eq!(
            texts(PAGE, INLINE_SCRIPTS).unwrap(),
            ["a<b", "import x from '/x.js';"]
        );
    }

    #[test]
    fn edits_script_text_verbatim() {
        let out = edit_texts(PAGE, "script[type=module]", |t| format!("wait();\n{t}")).unwrap();
        assert!(out.contains("<script type=module>wait();\nimport x from '/x.js';</script>"));
        assert!(
            out.contains("<script>a<b</script>"),
            "other scripts untouched"
        );
    }

    #[test]
    fn replaces_an_element_after_another() {
        let once = replace_after(
            PAGE,
            "meta[name=x]",
            "meta[charset]",
            "<meta name=x content=1>",
        )
        .unwrap();
        let twice = replace_after(
            &once,
            "meta[name=x]",
            "meta[charset]",
            "<meta name=x content=2>",
        )
        .unwrap();
        assert!(twice.contains("<meta charset=utf-8><meta name=x content=2><script>"));
        assert!(!twice.contains("content=1"));
        assert!(replace_after(PAGE, "meta[name=x]", "base", "<meta>").is_err());
    }
}
