//! `site names <dist>`: the names, keys, steps and limits that the Python
//! tests and the bench share with the app, as one JSON object on stdout, so
//! that none of them is typed again in Python (tests/e2e/names.py reads it).
//! Everything comes from the app's own constants, and the build's file names
//! from the built pages of `dist`.

use bantin::components::toolbar::{LARGER_CLASS, RESET_CLASS, SMALLER_CLASS};
use bantin::font_scale::FontScale;
use bantin::prefs::{FONT_SCALE_ATTRIBUTE, FONT_SCALE_KEY, FONT_SCALE_PROPERTY};
use bantin::reading::{Choice, LineSpacing, Theme, Typeface, Width};
use serde_json::{json, Value};
use std::path::Path;

/// The glue and WASM that a built page's loader imports, as addresses.
fn loaded_by(dist: &Path, page: &str) -> Result<Value, String> {
    let html = crate::steps::read(&dist.join(page))?;
    let glue = crate::steps::html::loaded_glue(&html)?
        .ok_or_else(|| format!("dist/{page}: expected one loader importing a glue file"))?;
    Ok(json!({ "glue": format!("/{glue}.js"), "wasm": format!("/{glue}_bg.wasm") }))
}

/// The glue and WASM that "Nghe bài viết"'s module loads (step `listen`),
/// as addresses; `null` in a build without it (`make dev`'s).
fn loaded_by_listen(dist: &Path) -> Result<Value, String> {
    let module = bantin::components::listen::MODULE.trim_start_matches('/');
    if !dist.join(module).is_file() {
        return Ok(Value::Null);
    }
    let text = crate::steps::read(&dist.join(module))?;
    let glue = crate::steps::html::glue_of(&text)
        .ok_or_else(|| format!("dist/{module}: expected it to import a glue file"))?;
    Ok(json!({ "glue": format!("/{glue}.js"), "wasm": format!("/{glue}_bg.wasm") }))
}

fn choice<T: Choice>() -> Value {
    json!({
        "key": T::KEY,
        "attribute": T::ATTRIBUTE,
        "names": T::ALL.iter().map(|c| c.name()).collect::<Vec<_>>(),
    })
}

/// The names of the app and of the build in `dist`.
pub fn names(dist: &Path) -> Result<Value, String> {
    let steps: Vec<Value> = FontScale::all()
        .map(|s| {
            json!({
                "stored": s.to_stored(),
                "css": s.css_value(),
                "label": s.to_string(),
                "announcement": s.announcement(),
            })
        })
        .collect();
    Ok(json!({
        "size": {
            "key": FONT_SCALE_KEY,
            "property": FONT_SCALE_PROPERTY,
            "attribute": FONT_SCALE_ATTRIBUTE,
            "steps": steps,
            "default": FontScale::default().to_stored(),
            "classes": { "smaller": SMALLER_CLASS, "larger": LARGER_CLASS, "reset": RESET_CLASS },
        },
        "reading": {
            "lineSpacing": choice::<LineSpacing>(),
            "width": choice::<Width>(),
            "theme": choice::<Theme>(),
            "typeface": choice::<Typeface>(),
        },
        "worker": bantin::worker::config(),
        // The speed the reading time ("N phút đọc") is counted at.
        "readingTime": { "wordsPerMinute": bantin::model::reading_time::WORDS_PER_MINUTE },
        // The class of the app's crash message's <main> (src/crash.rs).
        "crash": { "class": bantin::crash::CLASS },
        // "Nghe bài viết": the speeds, where the reader's is kept, and the
        // module the first press loads (src/speech.rs, components/listen.rs).
        "listen": {
            "rateKey": bantin::speech::RATE_KEY,
            "rates": bantin::speech::RATES.iter().map(|r| json!({"shown": r.shown, "stored": r.stored, "value": r.value})).collect::<Vec<_>>(),
            "lang": bantin::speech::LANG,
            "module": bantin::components::listen::MODULE,
            "loading": bantin::components::listen::LOADING,
            "failed": bantin::components::listen::LOAD_FAILED,
        },
        // The module the search page adds to load Pagefind; the place under
        // the results where it offers older articles.
        "search": { "loader": bantin::search::LOADER, "maxResults": bantin::search::MAX_RESULTS, "olderId": bantin::search::OLDER_ID },
        "files": {
            // A pre-rendered page (index.html, the home page) loads the islands.
            "islands": loaded_by(dist, "index.html")?,
            "app": loaded_by(dist, crate::steps::pages::SHELL)?,
            // The search page's own islands; `null` in a build without the
            // pre-rendered page (`make dev`'s).
            "search": match crate::steps::pages::search_file() {
                page if dist.join(&page).is_file() => loaded_by(dist, &page)?,
                _ => Value::Null,
            },
            // "Nghe bài viết"'s speaking part, loaded on a press.
            "listen": loaded_by_listen(dist)?,
            // Trunk's hashed names, as a regular expression (nginx's map's).
            "hashed": crate::rules::hashed_asset_pattern().trim_matches('"').trim_start_matches('~'),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_are_the_apps_and_the_files_the_builds() {
        let dist = tempfile::tempdir().expect("a folder");
        for (page, glue) in [
            ("index.html", "reader-0123456789abcdef"),
            ("shell.html", "bantin-fedcba9876543210"),
        ] {
            let html = format!("<script type=module>import init from '/{glue}.js';</script>");
            std::fs::write(dist.path().join(page), html).expect("a page");
        }
        let names = names(dist.path()).unwrap();
        assert_eq!(names["size"]["key"], "bantin.font-scale");
        assert_eq!(names["size"]["steps"][7]["css"], "2");
        assert_eq!(names["size"]["steps"][4]["announcement"], "Cỡ chữ 125%");
        assert_eq!(names["size"]["classes"]["larger"], "size-larger");
        assert_eq!(names["reading"]["theme"]["key"], "bantin.theme");
        assert_eq!(names["worker"]["maxSavedArticles"], 200);
        assert_eq!(names["listen"]["rates"][1]["shown"], "1,25×");
        assert_eq!(names["listen"]["module"], "/listen.js");
        assert_eq!(
            names["files"]["islands"]["wasm"],
            "/reader-0123456789abcdef_bg.wasm"
        );
        assert_eq!(names["files"]["app"]["glue"], "/bantin-fedcba9876543210.js");
        assert!(names["files"]["listen"].is_null(), "no speaking part built");
        std::fs::write(
            dist.path().join("listen.js"),
            crate::steps::listen::module("listen-00112233aabbccdd"),
        )
        .expect("the module");
        assert_eq!(
            super::names(dist.path()).unwrap()["files"]["listen"]["wasm"],
            "/listen-00112233aabbccdd_bg.wasm"
        );
        std::fs::write(dist.path().join("shell.html"), "no loader").expect("a page");
        assert!(
            super::names(dist.path()).is_err(),
            "a shell without its app"
        );
    }
}
