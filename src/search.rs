//! Search (`/tim-kiem?q=…`): the query as it is searched, and the search
//! itself through Pagefind's browser side. The build step `search`
//! (crates/site/src/steps/search_index.rs) indexes every article as written,
//! `đ` aside ([`crate::model::searchable`]), and the query is asked in the
//! same form ([`asked`]): Pagefind finds a word by its form without
//! diacritics, so "Lồng Tồng", "long tong" and "LONG TONG" find the same
//! articles, and ranks first those with the form as typed, so "đường" finds
//! "đường" before "dương". Every result has every word, folded
//! ([`has_every_word`]).

use crate::model::{ArticleSummary, Date, Slug};

/// The search page's address and its query parameter.
pub const ROUTE: &str = "/tim-kiem";
pub const QUERY_PARAM: &str = "q";

/// The search page's address for `query`.
pub fn address(query: &str) -> String {
    format!(
        "{ROUTE}?{QUERY_PARAM}={}",
        String::from(js_sys::encode_uri_component(query))
    )
}
/// The query in the page's address (`?q=…`), or none.
pub fn query_in_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(QUERY_PARAM))
        .unwrap_or_default()
}

/// Puts `query`'s address in the address bar, as a new history entry
/// (`push`: a search asked with Enter) or in place of the current one (while
/// typing, so Back leaves the search). No page is loaded.
pub fn show_address(query: &str, push: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let address = address(query);
    // Refused for another origin's address (not this one) or where a
    // browser limits how often a page changes its address (Safari: 100 times
    // in 30 s): the search goes on, the address stays.
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
    };
}

/// Where the build puts Pagefind's index and browser side.
pub const INDEX_FOLDER: &str = "/pagefind/";
/// The module that hands Pagefind to the app (`public/pagefind-loader.js`).
pub const LOADER: &str = "/pagefind-loader.js";
/// The language the index is built for (Pagefind has no Vietnamese
/// stemmer: words are matched whole, and as prefixes).
pub const LANGUAGE: &str = "vi";
/// The names of what a result shows, kept beside the index.
pub const META_TITLE: &str = "title";
pub const META_DATE: &str = "date";
pub const META_LEAD: &str = "lead";
pub const META_MINUTES: &str = "minutes";
/// The longest query searched, in characters (the rest is ignored).
pub const MAX_QUERY_CHARS: usize = 200;
/// How many results are shown.
pub const MAX_RESULTS: usize = 20;
/// The pre-rendered search page's place, under the results, where the
/// loader (`public/pagefind-loader.js`) says which articles a search has
/// covered, with a button that adds older ones, on an archive indexed in
/// more parts than a first search merges (the build's `parts.js`).
pub const OLDER_ID: &str = "search-older";

/// What search needs of Unicode, which the browser has already (its own
/// tables, not the WASM's: they would cost the search page about 12 KB
/// brotli; `make bench`): src/search.rs's browser side asks
/// `String.prototype.normalize`, `toLowerCase` and a regular expression, the
/// tests Rust's own.
pub trait Unicode {
    /// `text` decomposed (NFD), its combining marks dropped.
    fn unmarked(&self, text: &str) -> String;
    /// `text` composed (NFC).
    fn composed(&self, text: &str) -> String;
    /// The words of `text`, lowercased: what lies between anything that is
    /// not a letter or a digit (Unicode's Alphabetic and Numeric, as Rust's
    /// `char::is_alphanumeric`).
    fn words(&self, text: &str) -> Vec<String>;
}

/// What is searched for `query`: at most [`MAX_QUERY_CHARS`] characters,
/// folded ([`crate::model::fold_unmarked`]), with its spaces collapsed.
/// `None` when nothing is left to search for (empty, spaces, or only
/// punctuation).
pub fn searched(query: &str, unicode: &impl Unicode) -> Option<String> {
    let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let folded = crate::model::fold_unmarked(unicode.unmarked(&cut).chars());
    if unicode.words(&folded).is_empty() {
        return None;
    }
    Some(folded.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What Pagefind is asked for `query`: at most [`MAX_QUERY_CHARS`]
/// characters, composed (NFC: the form the index holds, so a query typed
/// decomposed still ranks by its diacritics), in
/// [`crate::model::searchable`] form, with its spaces collapsed.
pub fn asked(query: &str, unicode: &impl Unicode) -> String {
    let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let words = crate::model::searchable(&unicode.composed(&cut));
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a text of the words `have` has every word of a query's `wanted`
/// (both folded, [`Unicode::words`]), each as a word or the start of one
/// ("duong d" while typing "duong day"). Pagefind drops a query word that
/// one part of a large index lacks altogether, so a part could answer with
/// articles that have only the other words: those are left out here, so
/// every result has every word, however the index is cut.
pub fn has_every_word(wanted: &[String], have: &[String]) -> bool {
    wanted
        .iter()
        .all(|q| have.iter().any(|w| w.starts_with(q.as_str())))
}

/// Whether a text of the words `have` has every word of a query's `wanted`
/// as typed, marks and all (case aside): each a whole word, the last
/// perhaps only begun. The results with the query's very forms come first
/// ([`exact_first`]).
pub fn has_every_word_as_typed(wanted: &[String], have: &[String]) -> bool {
    wanted.iter().enumerate().all(|(i, q)| {
        have.iter()
            .any(|w| w == q || (i + 1 == wanted.len() && w.starts_with(q.as_str())))
    })
}

/// `results` (each with whether it has the query as typed) with those that
/// do first, each group in its own order (Pagefind's, best first). Pagefind
/// boosts a word found in the form typed, but its score also counts how
/// many forms of the word an article has, so "đường" could rank an article
/// with "dương" and "đương" above one with "đường".
pub fn exact_first<T>(results: Vec<(bool, T)>) -> Vec<T> {
    let (exact, other): (Vec<_>, Vec<_>) = results.into_iter().partition(|(e, _)| *e);
    exact.into_iter().chain(other).map(|(_, r)| r).collect()
}

/// The page's title: "Tìm kiếm: <query>" (cut), or "Tìm kiếm".
pub fn title(query: &str) -> String {
    let query = query.trim();
    if query.is_empty() {
        return "Tìm kiếm".into();
    }
    let cut: String = query.chars().take(60).collect();
    let more = if query.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    format!("Tìm kiếm: {cut}{more}")
}

/// One result, as the list shows it, from Pagefind's address and metadata.
/// `None` for anything that is not one of our articles.
/// A reading time that is not a whole number in range is left out, not the
/// result.
pub fn result(
    url: &str,
    title: &str,
    date: &str,
    lead: &str,
    minutes: &str,
) -> Option<ArticleSummary> {
    let slug = url.strip_prefix("/articles/").and_then(Slug::parse)?;
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    Some(ArticleSummary {
        slug,
        title: title.to_string(),
        published: Date::parse_iso(date)?,
        lead: Some(lead.trim().to_string()).filter(|l| !l.is_empty()),
        author: None,
        minutes: minutes
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=crate::model::reading_time::MAX_MINUTES).contains(&u64::from(*m))),
    })
}

/// A search could not be made (the console says why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchError;

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use js_sys::{Array, Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
        Reflect::get(target, &key.into())
    }

    async fn awaited(value: JsValue) -> Result<JsValue, JsValue> {
        JsFuture::from(value.dyn_into::<Promise>()?).await
    }

    /// The loader's function that gives a batch of results
    /// (`public/pagefind-loader.js`, `bantinResults(asked, from, to)`: the
    /// data of Pagefind's results `from` to `to`, best first, with every
    /// part of the index merged): the one loaded already, or loaded now by
    /// adding [`LOADER`] to the page.
    async fn results_function() -> Result<Function, JsValue> {
        const NAME: &str = "bantinResults";
        let window = web_sys::window().ok_or("no window")?;
        if let Ok(loaded) = get(&window, NAME)?.dyn_into::<Function>() {
            return Ok(loaded);
        }
        let document = window.document().ok_or("no document")?;
        let script = document.create_element("script")?;
        script.set_attribute("type", "module")?;
        script.set_attribute("src", LOADER)?;
        let script: web_sys::HtmlElement = script.dyn_into()?;
        let done = Promise::new(&mut |resolve, reject| {
            script.set_onload(Some(&resolve));
            script.set_onerror(Some(&reject));
        });
        document.head().ok_or("no head")?.append_child(&script)?;
        let not_loaded = || JsValue::from("Pagefind did not load");
        JsFuture::from(done).await.map_err(|_| not_loaded())?;
        get(&window, NAME)?.dyn_into().map_err(|_| not_loaded())
    }

    fn text(meta: &JsValue, key: &str) -> String {
        get(meta, key)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    /// [`Unicode`] from the browser's own tables.
    struct Browser;

    impl Unicode for Browser {
        fn unmarked(&self, text: &str) -> String {
            let marks = js_sys::RegExp::new("\\p{M}", "gu");
            let nfd = js_sys::JsString::from(text).normalize("NFD");
            String::from(nfd.replace_by_pattern(&marks, ""))
        }

        fn composed(&self, text: &str) -> String {
            String::from(js_sys::JsString::from(text).normalize("NFC"))
        }

        fn words(&self, text: &str) -> Vec<String> {
            let between = js_sys::RegExp::new("[^\\p{Alphabetic}\\p{N}]+", "u");
            let lower = js_sys::JsString::from(text).to_lower_case();
            lower
                .split_by_pattern(&between)
                .iter()
                .filter_map(|w| w.as_string())
                .filter(|w| !w.is_empty())
                .collect()
        }
    }

    /// Pagefind's results for `asked`, those with every word of `folded`.
    async fn run(asked: &str, folded: &str) -> Result<Vec<ArticleSummary>, JsValue> {
        let (wanted_folded, wanted_as_typed) = (Browser.words(folded), Browser.words(asked));
        let results = results_function().await?;
        // Best first, a batch of results at a time, until there are enough
        // that have every word (the first batch, nearly always).
        let mut shown = Vec::new();
        let mut next = 0;
        while shown.len() < MAX_RESULTS && next < 3 * MAX_RESULTS as u32 {
            let to = next + MAX_RESULTS as u32;
            let batch = results.call3(&JsValue::NULL, &asked.into(), &next.into(), &to.into())?;
            let data: Array = awaited(batch).await?.dyn_into()?;
            next = to;
            let last = data.length() < MAX_RESULTS as u32;
            shown.extend(data.iter().filter_map(|d| {
                let content = get(&d, "content").ok()?.as_string()?;
                let as_folded = crate::model::fold_unmarked(Browser.unmarked(&content).chars());
                if !has_every_word(&wanted_folded, &Browser.words(&as_folded)) {
                    return None;
                }
                let exact = has_every_word_as_typed(&wanted_as_typed, &Browser.words(&content));
                let meta = get(&d, "meta").ok()?;
                let url = get(&d, "url").ok()?.as_string()?;
                result(
                    &url,
                    &text(&meta, META_TITLE),
                    &text(&meta, META_DATE),
                    &text(&meta, META_LEAD),
                    &text(&meta, META_MINUTES),
                )
                .map(|r| (exact, r))
            }));
            if last {
                break;
            }
        }
        shown.truncate(MAX_RESULTS);
        Ok(exact_first(shown))
    }

    /// The articles that match `query`, best first (at most
    /// [`MAX_RESULTS`]); none for a query with nothing to search for.
    pub async fn search(query: String) -> Result<Vec<ArticleSummary>, SearchError> {
        let Some(folded) = searched(&query, &Browser) else {
            return Ok(Vec::new());
        };
        let asked = asked(&query, &Browser);
        run(&asked, &folded).await.map_err(|e| {
            // The console shows the exception itself (no `{:?}` of a
            // JsValue, whose code the search page's WASM would carry for
            // this line alone).
            web_sys::console::warn_2(&"bantin: search failed:".into(), &e);
            SearchError
        })
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::search;

/// On the host (pre-rendering, tests) nothing is searched.
#[cfg(not(target_arch = "wasm32"))]
pub async fn search(_query: String) -> Result<Vec<ArticleSummary>, SearchError> {
    Ok(Vec::new())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// [`Unicode`] from Rust's tables, as the browser's would answer.
    struct Host;

    impl Unicode for Host {
        fn unmarked(&self, text: &str) -> String {
            use unicode_normalization::char::is_combining_mark;
            use unicode_normalization::UnicodeNormalization;
            text.nfd().filter(|c| !is_combining_mark(*c)).collect()
        }

        fn composed(&self, text: &str) -> String {
            use unicode_normalization::UnicodeNormalization;
            text.nfc().collect()
        }

        fn words(&self, text: &str) -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        }
    }

    fn nfd(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfd().collect()
    }

    #[test]
    fn a_query_with_or_without_diacritics_is_searched_the_same() {
        let long_tong = searched("Lồng Tồng", &Host).unwrap();
        assert_eq!(long_tong, "Long Tong");
        assert_eq!(
            searched("long tong", &Host).map(|s| s.to_lowercase()),
            Some("long tong".into())
        );
        assert_eq!(searched("  đường   dây ", &Host).unwrap(), "duong day");
        assert_eq!(searched("ĐỒNG", &Host).unwrap(), "DONG");
    }

    #[test]
    fn pagefind_is_asked_with_the_diacritics_as_typed_and_d_with_stroke_as_d_caron() {
        assert_eq!(asked("  Đường   dây ", &Host), "Ďường dây");
        assert_eq!(
            asked(&nfd("đường"), &Host),
            "ďường",
            "a decomposed query, composed"
        );
        assert_ne!(asked("dương", &Host), asked("đương", &Host));
        assert_eq!(asked("long tong", &Host), "long tong");
        assert!(asked(&"lồng ".repeat(10_000), &Host).chars().count() <= MAX_QUERY_CHARS);
    }

    #[test]
    fn the_results_with_the_query_as_typed_come_first() {
        let as_typed = |query: &str, text: &str| {
            has_every_word_as_typed(&Host.words(&asked(query, &Host)), &Host.words(text))
        };
        let texts = ["Ďường dây", "dương", "ďương nhiên", "ďường"];
        let ranked = exact_first(texts.iter().map(|t| (as_typed("đường", t), *t)).collect());
        assert_eq!(ranked, ["Ďường dây", "ďường", "dương", "ďương nhiên"]);
        assert!(as_typed("ba bể", "Hồ Ba Bể"));
        assert!(!as_typed("bà bé", "Hồ Ba Bể"));
        assert!(
            !as_typed("bà bé", "bài bé"),
            "only the last word may be begun"
        );
        assert!(as_typed("bà b", "bà bé"), "typing");
        assert!(as_typed("BẮC KẠN", "tỉnh Bắc Kạn"), "case aside");
        assert!(!as_typed("bắc cạn", "tỉnh Bắc Kạn"));
    }

    #[test]
    fn nothing_to_search_is_none() {
        for q in ["", "   ", "!!! ,.;", "“”…", "\u{301}"] {
            assert_eq!(searched(q, &Host), None, "{q:?}");
        }
        assert_eq!(
            searched("<b>x</b>", &Host).unwrap(),
            "<b>x</b>",
            "searched as text"
        );
    }

    #[test]
    fn a_long_query_is_cut() {
        let q = "lồng ".repeat(10_000);
        let s = searched(&q, &Host).unwrap();
        assert!(s.chars().count() <= MAX_QUERY_CHARS);
    }

    #[test]
    fn results_are_our_articles_only() {
        let r = result("/articles/le-hoi", "Lễ hội", "2024-05-01", " Mở đầu. ", "").unwrap();
        assert_eq!(r.slug.as_str(), "le-hoi");
        assert_eq!(r.lead.as_deref(), Some("Mở đầu."));
        assert_eq!(r.minutes, None, "no reading time in the index");
        let timed =
            |m| result("/articles/le-hoi", "Lễ hội", "2024-05-01", "", m).map(|r| r.minutes);
        assert_eq!(timed("3"), Some(Some(3)));
        for bad in ["0", "-1", "3.5", "x", "1000000", ""] {
            assert_eq!(timed(bad), Some(None), "{bad:?}: the result without a time");
        }
        assert_eq!(
            result("/articles/le-hoi", "Lễ hội", "01/05/2024", "", ""),
            None,
            "an ISO date"
        );
        assert_eq!(
            result("https://evil/articles/x", "X", "2024-05-01", "", ""),
            None
        );
        assert_eq!(result("/articles/X Y", "X", "2024-05-01", "", ""), None);
        assert_eq!(result("/articles/x", " ", "2024-05-01", "", ""), None);
        assert_eq!(
            result("/articles/x", "X", "2024-05-01", "", "")
                .unwrap()
                .lead,
            None
        );
    }

    #[test]
    fn every_word_of_the_query_is_in_a_result() {
        let every = |query: &str, text: &str| {
            let folded =
                |t: &str| Host.words(&crate::model::fold_unmarked(Host.unmarked(t).chars()));
            has_every_word(&folded(query), &folded(text))
        };
        assert!(every("dong hy", "Le hoi Dong Hy nam nay"));
        assert!(every("DONG hy", "le hoi đồng hỷ"), "folded, case aside");
        assert!(every("duong d", "Duong day dien"), "the word being typed");
        assert!(!every("dong hy", "Dong bao dan toc"), "one word missing");
        assert!(!every("ong", "Dong"), "a word's start, not its middle");
        assert!(every("", "anything"));
    }

    #[test]
    fn the_title_names_the_query() {
        assert_eq!(title(""), "Tìm kiếm");
        assert_eq!(title(" lồng tồng "), "Tìm kiếm: lồng tồng");
        assert!(title(&"a".repeat(500)).ends_with("a…"));
    }
}
