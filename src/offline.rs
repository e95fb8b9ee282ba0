//! Offline reading: registering `public/sw.js`, and telling the reader when
//! what they see is a copy saved on their device. The service worker marks
//! such copies with [`SAVED_AT_HEADER`]; the notice text is pure Rust.

use crate::model::Slug;
use std::fmt;

/// The response header on a saved copy: when it was saved, in milliseconds
/// since 1970 (`public/sw.js` sets it; its name reaches the worker through
/// src/worker.rs).
pub const SAVED_AT_HEADER: &str = "X-Bantin-Saved-At";

/// The worker's cache of saved articles (written into `public/sw.js` by the
/// build, src/worker.rs).
pub const ARTICLES_CACHE: &str = "bantin-articles-v1";

/// The article whose data lives at `url` (absolute or not), e.g.
/// `https://x/articles/abc.json` → `abc`. The list's own URL is not an article.
pub fn slug_of_data_url(url: &str) -> Option<Slug> {
    let path = url.split(['?', '#']).next()?;
    let name = path.rsplit_once("/articles/")?.1.strip_suffix(".json")?;
    (name != "index").then(|| Slug::parse(name)).flatten()
}

/// The slugs of the articles saved on this device for offline reading.
/// Empty where there is no Cache API or nothing saved; errors are logged.
pub async fn saved_slugs() -> Vec<String> {
    match read_saved_slugs().await {
        Ok(slugs) => slugs,
        Err(e) => {
            web_sys::console::warn_2(&"bantin: could not list saved articles:".into(), &e);
            Vec::new()
        }
    }
}

async fn read_saved_slugs() -> Result<Vec<String>, wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    if !js_sys::Reflect::has(&window, &"caches".into())? {
        return Ok(Vec::new());
    }
    let cache: web_sys::Cache = JsFuture::from(window.caches()?.open(ARTICLES_CACHE))
        .await?
        .dyn_into()?;
    let requests: js_sys::Array = JsFuture::from(cache.keys()).await?.dyn_into()?;
    Ok(requests
        .iter()
        .filter_map(|r| r.dyn_into::<web_sys::Request>().ok())
        .filter_map(|r| slug_of_data_url(&r.url()))
        .map(|slug| slug.as_str().to_owned())
        .collect())
}

/// When a saved copy was saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavedAt {
    /// Milliseconds since 1970-01-01 UTC.
    pub millis: u64,
}

impl SavedAt {
    /// Reads the header's value: plain digits, at most 15 of them (beyond the
    /// year 30000). Anything else is ignored, never trusted.
    pub fn from_header(raw: &str) -> Option<SavedAt> {
        let ok = !raw.is_empty() && raw.len() <= 15 && raw.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| raw.parse().ok().map(|millis| SavedAt { millis }))
            .flatten()
    }
}

/// A moment in the reader's own time zone, for the notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl fmt::Display for LocalTime {
    /// Vietnamese style: `20:05 ngày 26/11/2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02} ngày {:02}/{:02}/{}",
            self.hour, self.minute, self.day, self.month, self.year
        )
    }
}

/// The notice over a saved copy. `when` is `None` if the time is unknown.
pub fn saved_notice_vi(what: &str, when: Option<LocalTime>) -> String {
    match when {
        Some(t) => format!("Không tải được bản mới nên đây là {what} đã lưu trên máy này lúc {t}."),
        None => format!("Không tải được bản mới nên đây là {what} đã lưu trên máy này."),
    }
}

/// The saved time in the reader's time zone, through the browser's `Date`.
pub fn local_time(saved: SavedAt) -> Option<LocalTime> {
    // Exact for any value `from_header` accepts (below 2^53).
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(saved.millis as f64));
    let year = date.get_full_year();
    // An invalid date gives NaN, which becomes 0 here.
    (year > 0).then(|| LocalTime {
        year,
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    })
}

/// Registers the service worker, where the browser has them (not on plain
/// http other than localhost). Failure is logged: the app works without it.
pub fn register_service_worker() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    // Some in-app browsers have no `serviceWorker` (the iOS Facebook app's),
    // or one whose `register` throws: reading goes on without offline copies.
    let navigator = window.navigator();
    let container = js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|c| c.is_object());
    let register = container.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &"register".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(container), Some(register)) = (container, register) else {
        return;
    };
    let promise = match register.call1(&container, &"/sw.js".into()) {
        Ok(p) => js_sys::Promise::resolve(&p),
        Err(e) => {
            web_sys::console::warn_2(&"bantin: offline reading unavailable:".into(), &e);
            return;
        }
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::warn_2(&"bantin: offline reading unavailable:".into(), &e);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_read_strictly() {
        assert_eq!(
            SavedAt::from_header("1795000000000"),
            Some(SavedAt {
                millis: 1_795_000_000_000
            })
        );
        for bad in [
            "",
            "-1",
            "1e12",
            "12.5",
            " 1",
            "abc",
            "1234567890123456",
            "０",
        ] {
            assert_eq!(SavedAt::from_header(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_notice_says_what_and_when() {
        let t = LocalTime {
            year: 2026,
            month: 11,
            day: 6,
            hour: 8,
            minute: 5,
        };
        assert_eq!(
            saved_notice_vi("bài viết", Some(t)),
            "Không tải được bản mới nên đây là bài viết đã lưu trên máy này lúc 08:05 ngày 06/11/2026."
        );
        assert!(saved_notice_vi("danh sách", None).contains("danh sách đã lưu"));
    }

    #[test]
    fn saved_data_urls_name_their_article() {
        let slug = |u| slug_of_data_url(u).map(|s| s.as_str().to_owned());
        assert_eq!(
            slug("http://127.0.0.1:8080/articles/abc-1.json").as_deref(),
            Some("abc-1")
        );
        assert_eq!(slug("/articles/abc.json?x=1").as_deref(), Some("abc"));
        for not_one in [
            "http://h/articles/index.json",
            "http://h/articles/abc",
            "http://h/articles/ABC.json",
            "http://h/articles/.json",
            "http://h/other/abc.json",
            "",
        ] {
            assert_eq!(slug(not_one), None, "{not_one}");
        }
    }
}
