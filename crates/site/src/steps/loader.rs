//! Step `loader`: the islands' WASM loader (Trunk's reader.html, which the
//! pre-rendered pages get, step `pages`, and finder.html, the search
//! page's) waits for the first paint, so the
//! article's text is painted before the browser spends time instantiating
//! the islands.
//!
//! Measured with the bench's cold deep link (7 pairs): the pre-rendered page
//! painted 1.35x (CPU 1x) / 1.46x (4x) later than the static twin with the
//! loader as Trunk writes it, and 1.16x / 1.05x with this wait; the same page
//! with no script at all paints at 1.00x / 1.05x.
//!
//! An article that leads with a photo also waits for that photo, for at most
//! [`PHOTO_WAIT_MS`]: on 3G the islands' 80 KB shared the line with the
//! phone's 50 KB photo, which arrived 1.25x later than on the one-request
//! page (1,564 against 1,249 ms, `bench/bench.py --photo-only`). The text
//! sizes work before the islands (the page's script), and the rest can wait
//! for the photo the reader is looking at.

use super::html;
use bantin::takeover::PRERENDERED_ATTRIBUTE;

/// The line of Trunk's loader that starts the app.
const START: &str = "const wasm = await init";

/// The longest the islands wait for the leading photo (a photo that is
/// slow to come must not keep the controls from working).
pub const PHOTO_WAIT_MS: u32 = 2000;

fn wait() -> String {
    let photo = bantin::components::article_view::LEADING_PHOTO;
    format!(
        "if (document.body.hasAttribute({PRERENDERED_ATTRIBUTE:?})) {{\n\
         await new Promise(r => requestAnimationFrame(() => setTimeout(r)));\n\
         const photo = document.querySelector({photo:?});\n\
         if (photo && !photo.complete) await new Promise(r => {{ \
         photo.addEventListener(\"load\", r); photo.addEventListener(\"error\", r); setTimeout(r, {PHOTO_WAIT_MS}); }});\n\
         }}\n"
    )
}

pub fn defer(page: &str) -> Result<String, String> {
    let mut starts = 0;
    let out = html::edit_texts(page, "script[type=module]:not([src])", |script| {
        if !script.contains(START) || script.contains(&wait()) {
            return script.to_string();
        }
        starts += 1;
        script.replacen(START, &(wait() + START), 1)
    })?;
    match starts {
        1 => Ok(out),
        0 if out.contains(&wait()) => Ok(out), // already done
        n => Err(format!(
            "expected one `{START}` in Trunk's loader, found {n}"
        )),
    }
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    for page in [super::pages::ISLANDS_PAGE, super::pages::FINDER_PAGE] {
        let path = dist.join(page);
        super::write(&path, &defer(&super::read(&path)?)?)?;
    }
    Ok("the islands' loaders (the pages', the search page's) wait for the first paint".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<html><script type=module>import init from '/b.js';\nconst wasm = await init({});</script></html>";

    #[test]
    fn the_wait_goes_right_before_the_start_once() {
        let once = defer(TRUNK).unwrap();
        assert!(once.contains(
            "if (document.body.hasAttribute(\"data-prerendered\")) {\nawait new Promise(r => requestAnimationFrame(() => setTimeout(r)));\n"
        ), "{once}");
        assert!(once.contains(
            "const photo = document.querySelector(\"img[fetchpriority=high]\");\nif (photo && !photo.complete) await new Promise(r => { photo.addEventListener(\"load\", r); photo.addEventListener(\"error\", r); setTimeout(r, 2000); });\n}\nconst wasm = await init"
        ), "{once}");
        assert_eq!(defer(&once).unwrap(), once, "running twice changes nothing");
        assert!(defer("<html><script type=module>other()</script></html>").is_err());
    }
}
