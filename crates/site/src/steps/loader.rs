//! Step `loader`: the islands' WASM loader (Trunk's reader.html, which the
//! pre-rendered pages get, step `pages`) waits for the first paint, so the
//! article's text is painted before the browser spends time instantiating
//! the islands.
//!
//! Measured with the bench's cold deep link (7 pairs): the pre-rendered page
//! painted 1.35x (CPU 1x) / 1.46x (4x) later than the static twin with the
//! loader as Trunk writes it, and 1.16x / 1.05x with this wait; the same page
//! with no script at all paints at 1.00x / 1.05x.

use super::html;
use bantin::takeover::PRERENDERED_ATTRIBUTE;

/// The line of Trunk's loader that starts the app.
const START: &str = "const wasm = await init";

fn wait() -> String {
    format!(
        "if (document.body.hasAttribute({PRERENDERED_ATTRIBUTE:?})) \
         await new Promise(r => requestAnimationFrame(() => setTimeout(r)));\n"
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
    let path = dist.join(super::pages::ISLANDS_PAGE);
    let page = super::read(&path)?;
    super::write(&path, &defer(&page)?)?;
    Ok("the islands' loader waits for the first paint".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<html><script type=module>import init from '/b.js';\nconst wasm = await init({});</script></html>";

    #[test]
    fn the_wait_goes_right_before_the_start_once() {
        let once = defer(TRUNK).unwrap();
        assert!(once.contains(
            "if (document.body.hasAttribute(\"data-prerendered\")) await new Promise(r => requestAnimationFrame(() => setTimeout(r)));\nconst wasm = await init"
        ));
        assert_eq!(defer(&once).unwrap(), once, "running twice changes nothing");
        assert!(defer("<html><script type=module>other()</script></html>").is_err());
    }
}
