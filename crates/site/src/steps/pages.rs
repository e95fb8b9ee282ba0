//! Step `pages`: a pre-rendered page for every address the site has:
//! `dist/articles/<slug>.html` for every article, `dist/index.html` for the
//! home page and `dist/trang/<k>.html` for the full list pages, counted
//! from the oldest. Each is the finished shell (after `csp`) with the app itself
//! rendered into `<body>` for the page's address (Leptos `ssr`, the article
//! or list page given as a [`Prerendering`] context), `<body>` marked as
//! pre-rendered (its islands then come alive, `bantin::islands`), the
//! page's data in `<head>` and its title in `<title>`, and the islands'
//! loader in place of the whole app's. The shell itself, for every other
//! address (the whole app shows "not found" or loads what the address
//! names), is kept as `dist/shell.html`. Every article and list page is
//! written with its `.br` and `.gz` and kept in the page cache
//! ([`super::page_cache`]): a page whose article or list, shell, origin and
//! program are those of a page made before is linked from there, not
//! rendered again.

use super::html;
use super::page_cache::{digest_of, Made, PageCache};
use bantin::islands::{FINDER_BIN, READER_BIN};
use bantin::model::share::SiteUrl;
use bantin::model::{Article, ListPage, Slug, HOME};
use bantin::prerender::{
    embedded_json, embedded_list_json, Prerendering, EMBEDDED_ARTICLE_ID, EMBEDDED_LIST_ID,
};
use bantin::routes::{document_title, list_title};
use bantin::share_meta::{ListMeta, ShareMeta};
use bantin::takeover::PRERENDERED_ATTRIBUTE;
use bantin::App;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::path::Path;
use std::sync::Arc;

/// `view` rendered to HTML on the host, in a server-side reactive context
/// in islands mode (only islands carry hydration markers): effects and
/// window listeners stay off.
fn on_host(view: impl FnOnce() -> String) -> String {
    Owner::new_root(Some(Arc::new(SsrSharedContext::new_islands()))).with(view)
}

/// The shell, for every address without a page of its own.
pub const SHELL: &str = "shell.html";

/// The app at `route`, to HTML, on the host, with `data` as what is
/// pre-rendered: in islands mode, so only the islands carry hydration
/// markers (and the page loads only their WASM, [`bantin::islands`]).
fn render_at(route: &str, data: Prerendering) -> String {
    let route = route.to_owned();
    on_host(move || {
        provide_context(RequestUrl::new(&route));
        provide_context(data);
        view! { <App /> }.to_html()
    })
}

/// The app at the article's address, to HTML, on the host.
pub fn render(article: &Article) -> String {
    render_at(
        &article.slug.route(),
        Prerendering::Article(article.clone()),
    )
}

/// The preloads Trunk puts in the shell for the app's WASM and JS. A
/// pre-rendered page goes without: its text is there before the app, and on
/// 3G the preloads share the link with the page's render-blocking stylesheet
/// (`bench/variants.py`, 11 rounds: LCP 956 → 928 ms on 3G, 592 → 580 ms on
/// slow 4G; the first working A+ 1028 → 973 and 645 → 631 ms). The shell
/// itself keeps the glue's ([`WASM_PRELOAD`] aside): there the app is the
/// content.
const PRELOADS: &str = "link[rel=preload], link[rel=modulepreload]";

/// Trunk's preload of the WASM (`as=fetch`), which the shell goes without:
/// WebKit (Safari, every iPhone browser) does not hand it to the glue's own
/// `fetch` and downloads the whole app's WASM twice (215 KB twice, with "was
/// preloaded using link preload but not used within a few seconds"; the
/// request count in tests/e2e/test_engines.py). Without it the WASM's
/// request starts when the glue runs, which the glue's modulepreload
/// already starts early; Dioxus dropped its WASM preload for the same reason.
const WASM_PRELOAD: &str = "link[rel=preload][as=fetch]";

/// The whole app's page (Trunk's index.html) as the shell: without
/// [`WASM_PRELOAD`].
fn shell_of(index: &str) -> Result<String, String> {
    rewrite_str(
        index,
        RewriteStrSettings {
            element_content_handlers: vec![element!(WASM_PRELOAD, |el| {
                el.remove();
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())
}

/// Trunk's page for the islands' WASM (reader.html, Trunk's second target):
/// the build takes its loader and removes it.
pub const ISLANDS_PAGE: &str = "reader.html";
/// The same for the search page's islands (finder.html).
pub const FINDER_PAGE: &str = "finder.html";

/// The single loader (Trunk's module script) in `page`.
fn loader_of(page: &str) -> Result<String, String> {
    match html::texts(page, html::LOADERS)?.as_slice() {
        [loader] => Ok(loader.clone()),
        found => Err(format!("expected one loader, found {}", found.len())),
    }
}

/// The pre-rendered pages' shell: the whole app's page (`index`) with the
/// islands' loader (from `islands`, Trunk's reader.html) in place of its
/// own, `script` as the page's script (the build gives it
/// [`bantin::page_script::prerendered_page_script`], minified), its
/// stylesheet inlined ([`with_inline_stylesheet`], `css` gives a
/// stylesheet's text by its address), and a policy that allows both.
pub fn pages_shell(
    index: &str,
    islands: &str,
    script: &str,
    css: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    shell_loading(index, (ISLANDS_PAGE, READER_BIN, islands), script, css)
}

/// The search page's shell: as [`pages_shell`], with the search page's own
/// islands (from `finder`, Trunk's finder.html: src/bin/finder.rs).
pub fn search_shell(
    index: &str,
    finder: &str,
    script: &str,
    css: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    shell_loading(index, (FINDER_PAGE, FINDER_BIN, finder), script, css)
}

/// `index` with the loader of `bin` (from `page`, Trunk's page `name`) in
/// place of its own, `script` as the page's script, its stylesheet inlined
/// and a policy that allows both.
fn shell_loading(
    index: &str,
    (name, bin, page): (&str, &str, &str),
    script: &str,
    css: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    let swapped = with_islands_loader(index, name, bin, page)?;
    let swapped = super::script::fill_with(&swapped, script)?;
    Ok(super::csp::with_policy(&with_inline_stylesheet(&swapped, css)?)?.0)
}

/// The stylesheets a page links, as `<style>` in their place: a reader who
/// opens a shared link on 3G waits for no second round trip before the
/// text paints (about 300 ms; docs/speed.md). `css` gives a stylesheet's
/// text by its address. A relative `url()` would change its meaning when
/// moved into the page, so it is refused, as is a stylesheet that would end
/// the `<style>` element early.
pub fn with_inline_stylesheet(
    page: &str,
    mut css: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut failed = None;
    let out = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!("link[rel=stylesheet][href]", |el| {
                let href = el.get_attribute("href").unwrap_or_default();
                match css(&href).and_then(|text| inlinable(&href, text)) {
                    Ok(text) => el.replace(&format!("<style>{text}</style>"), ContentType::Html),
                    Err(e) => failed = Some(e),
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    failed.map_or(Ok(out), Err)
}

/// The text of the stylesheet at `href`, a file of the built `dist`.
fn stylesheet_in(dist: &Path, href: &str) -> Result<String, String> {
    let file = href.trim_start_matches('/');
    if file.is_empty() || file.contains("..") || file.contains(['?', '#']) {
        return Err(format!("{href}: not a file of the build"));
    }
    super::read(&dist.join(file))
}

/// `text` if it can be a `<style>`'s text with the same meaning as at `href`.
fn inlinable(href: &str, text: String) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("</style") {
        return Err(format!("{href}: it contains `</style`"));
    }
    let relative = lower.match_indices("url(").any(|(at, _)| {
        let target = lower[at + 4..].trim_start_matches([' ', '"', '\'']);
        !target.starts_with("data:") && !target.starts_with('#')
    });
    if relative {
        return Err(format!(
            "{href}: a url() other than data: would change its meaning inline"
        ));
    }
    Ok(text)
}

/// The whole app's page (`index`) with the loader of the islands' binary
/// `bin` (from `islands`, Trunk's page `name`: reader.html, finder.html) in
/// place of its own.
fn with_islands_loader(
    index: &str,
    name: &str,
    bin: &str,
    islands: &str,
) -> Result<String, String> {
    let loader = loader_of(islands).map_err(|e| format!("{name}: {e}"))?;
    let islands_glue = html::glue_of(&loader).and_then(|g| g.strip_prefix(bin));
    if !islands_glue.is_some_and(|rest| rest.starts_with('-')) {
        return Err(format!("{name}: its loader does not load `{bin}`"));
    }
    loader_of(index).map_err(|e| format!("index.html: {e}"))?;
    html::edit_texts(index, html::LOADERS, |_| loader.clone())
}

/// The shell with `content` as the start of a marked `<body>`, the page's
/// title, `meta` right after it, in the head (Trunk's minified shell has
/// no `<head>` tag to find), `data` (the page's data block) at the end of
/// the body, and no preloads. Nothing reads the data block before the text
/// is painted (the worker saves it from the page's text, the islands start
/// after the paint), so it comes after the text: the seed's block is 2.9 KB
/// brotli on its own, and within the page, after the text it repeats, it
/// costs 0.2 KB.
fn into_shell(
    shell: &str,
    title: &str,
    content: &str,
    (meta, data): (&str, &str),
    own_description: bool,
) -> Result<String, String> {
    let (mut titled, mut placed) = (false, false);
    let out = rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("title", |el| {
                    el.set_inner_content(title, ContentType::Text);
                    el.after(meta, ContentType::Html);
                    titled = true;
                    Ok(())
                }),
                element!(PRELOADS, |el| {
                    el.remove();
                    Ok(())
                }),
                // The site's description gives way to the page's own.
                element!("meta[name=description]", |el| {
                    if own_description {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("body", |el| {
                    el.set_attribute(PRERENDERED_ATTRIBUTE, "")?;
                    el.prepend(content, ContentType::Html);
                    el.append(data, ContentType::Html);
                    placed = true;
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    match (titled, placed) {
        (true, true) => Ok(out),
        (false, _) => Err("the shell has no <title>".into()),
        (_, false) => Err("the shell has no <body>".into()),
    }
}

/// What a shared link shows ([`ShareMeta`]), as HTML for the head.
pub fn share_meta(article: &Article, site: &SiteUrl) -> String {
    let (article, site) = (article.clone(), site.clone());
    on_host(move || view! { <ShareMeta article site /> }.to_html())
}

/// A data block, never executed (the CSP does not apply) and never parsed
/// as HTML: `json` is JSON with `<` escaped, written as is.
fn data_block(id: &str, json: &str) -> String {
    format!(r#"<script type="application/json" id="{id}">{json}</script>"#)
}

/// The pre-rendered page of `article` in `shell` (the built index.html).
pub fn page(shell: &str, article: &Article, site: &SiteUrl) -> Result<String, String> {
    let data = data_block(EMBEDDED_ARTICLE_ID, &embedded_json(article));
    into_shell(
        shell,
        &document_title(Some(&article.title)),
        &render(article),
        (&share_meta(article, site), &data),
        true,
    )
}

/// The pre-rendered list page `list` in `shell`.
pub fn list_page(shell: &str, list: &ListPage, site: &SiteUrl) -> Result<String, String> {
    let data = data_block(EMBEDDED_LIST_ID, &embedded_list_json(list));
    let meta = {
        let (page, site) = (list.clone(), site.clone());
        on_host(move || view! { <ListMeta page site /> }.to_html())
    };
    let html = render_at(
        &ListPage::route(list.number),
        Prerendering::List(list.clone()),
    );
    let title = document_title(list_title(list.number).as_deref());
    into_shell(shell, &title, &html, (&meta, &data), list.number != HOME)
}

/// The search page's pre-rendered file, named by its address
/// ([`bantin::search::ROUTE`], `/tim-kiem` → `tim-kiem.html`) and served
/// there whatever the query.
pub fn search_file() -> String {
    format!("{}.html", bantin::search::ROUTE.trim_start_matches('/'))
}

/// What the search page's head says besides its title: not a page for
/// search engines (it lists nothing until a reader asks).
const SEARCH_META: &str = r#"<meta name="robots" content="noindex">"#;

/// The pre-rendered search page in `shell`: its form, and no results (the
/// island searches for the address's query, src/routes/search_page.rs).
pub fn search_page(shell: &str) -> Result<String, String> {
    let html = render_at(bantin::search::ROUTE, Prerendering::Search);
    let title = document_title(Some(&bantin::search::title("")));
    into_shell(shell, &title, &html, (SEARCH_META, ""), false)
}

/// Where an article's pre-rendered page goes (its address, `/articles/<slug>`,
/// with `.html`, which every host serves for it).
pub fn article_file(slug: &bantin::model::Slug) -> String {
    format!("{}.html", slug.route().trim_start_matches('/'))
}

/// Where list page `number`'s pre-rendered file goes: the home page is
/// `index.html`, which every host serves for `/`.
pub fn list_file(number: usize) -> String {
    match number {
        HOME => "index.html".into(),
        k => format!("trang/{k}.html"),
    }
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    if dist.join(SHELL).exists() {
        return Err(
            "index.html is already pre-rendered: build from Trunk's output (make build copies it afresh)"
                .into(),
        );
    }
    let index = super::read(&dist.join("index.html"))?;
    // The finished index.html is the whole app's page, the shell; the
    // pre-rendered pages are made from it with the islands' loader.
    super::write(&dist.join(SHELL), &shell_of(&index)?)?;
    let islands = dist.join(ISLANDS_PAGE);
    let islands_page = super::read(&islands)?;
    let script = super::glue::minify_text(
        &bantin::page_script::prerendered_page_script(),
        false,
        build.page_cache.as_deref(),
    )?;
    let shell = pages_shell(&index, &islands_page, &script, |href| {
        stylesheet_in(dist, href)
    })?;
    // The search page's script keeps the message for a browser that cannot
    // search (src/fallback.rs): its form needs the WASM.
    let finder = dist.join(FINDER_PAGE);
    let script = super::glue::minify_text(
        &bantin::page_script::page_script(),
        false,
        build.page_cache.as_deref(),
    )?;
    let search_shell = search_shell(&index, &super::read(&finder)?, &script, |href| {
        stylesheet_in(dist, href)
    })?;
    for page in [&islands, &finder] {
        std::fs::remove_file(page).map_err(|e| format!("{}: {e}", page.display()))?;
    }
    super::write(&dist.join(search_file()), &search_page(&search_shell)?)?;
    let articles = build.articles()?;
    let lists = build.list_pages()?;
    let cache = build
        .page_cache
        .as_deref()
        .and_then(|folder| PageCache::new(folder, &shell, build.site.as_str()));
    let put = |file: String, data: &[u8], render: &dyn Fn() -> Result<String, String>| {
        put_page(dist, &file, data, cache.as_ref(), render).map_err(|e| format!("{file}: {e}"))
    };
    // Each page is rendered in a reactive root of its own, so the pages are
    // independent of each other and of their order: they are split over the
    // cores.
    let mut reused = super::on_every_core(articles, "a page-rendering thread", |part| {
        let mut reused = 0;
        for article in part {
            let file = article_file(&article.slug);
            let data = digest_of(article);
            reused += usize::from(put(file, &data, &|| page(&shell, article, &build.site))?);
        }
        Ok(reused)
    })?;
    reused.extend(super::on_every_core(
        lists,
        "a page-rendering thread",
        |part| {
            let mut reused = 0;
            for list in part {
                let file = list_file(list.number);
                let data = digest_of(list);
                reused += usize::from(put(file, &data, &|| list_page(&shell, list, &build.site))?);
            }
            Ok(reused)
        },
    )?);
    build
        .precompressed
        .lock()
        .map_err(|_| "a step panicked while noting its files")?
        .extend(
            articles
                .iter()
                .map(|a| dist.join(article_file(&a.slug)))
                .chain(lists.iter().map(|l| dist.join(list_file(l.number)))),
        );
    Ok(format!(
        "{} article page(s) in articles/, {} list page(s) (index.html, trang/), {} of them from the cache, with their .br and .gz; the search page as {}, the shell as {SHELL}",
        articles.len(),
        lists.len(),
        reused.iter().sum::<usize>(),
        search_file()
    ))
}

/// The page at `file` (in `dist`), made of `data`, written with its `.br`
/// and `.gz`: from `cache` if it has it, else rendered by `render`,
/// compressed as step `compress` would and kept there. Whether it came from
/// the cache.
fn put_page(
    dist: &Path,
    file: &str,
    data: &[u8],
    cache: Option<&PageCache>,
    render: &dyn Fn() -> Result<String, String>,
) -> Result<bool, String> {
    let path = dist.join(file);
    let make = || {
        let file = render()?.into_bytes();
        let (br, gz) = super::compress::made_for(dist, &path, &file);
        Ok(Made { file, br, gz })
    };
    match cache {
        Some(cache) => cache.put(file, data, &path, make),
        None => super::page_cache::write(&path, make()?).map(|()| false),
    }
}

/// The bench's "fastest possible" twins of a deep link: the same rendered
/// article with the same stylesheet, and no script at all; with the
/// stylesheet inlined from `inline` (a built dist/), the page is one
/// request, the limit a reader on 3G lives with.
const STATIC_SHELL: &str = concat!(
    r#"<!doctype html><html lang="vi"><head><meta charset="utf-8">"#,
    r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
    r#"<title></title><link rel="icon" href="data:,"><link rel="stylesheet" href="">"#,
    r#"</head><body></body></html>"#,
);

pub fn static_page(file: &Path, stylesheet: &str, inline: Option<&Path>) -> Result<String, String> {
    let text = super::read(file)?;
    let slug = file
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(Slug::parse)
        .ok_or_else(|| format!("{}: the file name is not a slug", file.display()))?;
    let article =
        Article::from_json(&text, &slug).map_err(|e| format!("{}: {e}", file.display()))?;
    // (The static twin is never shared: any origin will do.)
    let site = SiteUrl::parse("http://127.0.0.1").map_err(|e| e.to_string())?;
    let page = page(STATIC_SHELL, &article, &site)?;
    let page = rewrite_str(
        &page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("link[rel=stylesheet]", |el| {
                    el.set_attribute("href", stylesheet)?;
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    match inline {
        Some(dist) => with_inline_stylesheet(&page, |href| stylesheet_in(dist, href)),
        None => Ok(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin::model::{Block, Image};
    use bantin::page_script::prerendered_page_script;

    const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
    const SEED_FILE: &str = include_str!(
        "../../../../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
    );
    const SHELL: &str = "<!doctype html><html lang=vi><head><title>Bản tin</title><link rel=modulepreload href=/b.js><link rel=preload as=fetch href=/b.wasm><script>x</script></head><body><noscript>n</noscript></body></html>";

    fn site() -> SiteUrl {
        SiteUrl::parse("https://baobackan.vn").unwrap()
    }

    fn seed() -> Article {
        Article::from_json(SEED_FILE, &Slug::parse(SEED_SLUG).unwrap()).unwrap()
    }

    /// The page without the empty comments (`<!>`) that mark where the
    /// erased views' dynamic parts begin and end for hydration: the markup
    /// as a reader's browser shows it.
    fn unmarked(html: String) -> String {
        html.replace("<!>", "")
    }

    #[test]
    fn the_seed_page_has_every_part_in_order() {
        let html = unmarked(page(SHELL, &seed(), &site()).unwrap());
        assert!(html.contains("<title>Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước — Bản tin</title>"));
        assert!(html.contains(r##"<body data-prerendered=""><a href="#main" class="skip-link">"##));
        assert!(
            html.contains("<script>x</script>"),
            "the shell's scripts stay"
        );
        assert!(
            !html.contains("preload"),
            "the app's bytes wait for the text"
        );
        assert!(html.ends_with("</script></body></html>"));
        let order = [
            "<script>x</script>",
            r#"title="Tăng cỡ chữ""#,
            r#"<h1 class="article-title">"#,
            r#"<p class="article-meta"><time datetime="2020-08-21">21/08/2020</time> · <span class="reading-time">7 phút đọc</span>"#,
            // "Nghe bài viết", in the date line (the page's script shows it).
            r#"<span data-state="idle" class="listen"><button type="button" data-listen="play""#,
            r#"<p class="lead">Thấm nhuần"#,
            r#"<p id="p-1">Thi đua thực hiện"#,
            r#"<p id="p-7">"#,
            "<figcaption>Những cá nhân",
            r#"<p id="p-8">Với những kết quả"#,
            r#"<p class="author">Hương Dịu</p>"#,
            "<noscript>n</noscript>",
            // After the text, which the first paint needs and it does not.
            r#"<script type="application/json" id="bantin-article">"#,
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|part| {
                html.find(part)
                    .unwrap_or_else(|| panic!("missing {part} in {html}"))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(!html.contains(r#"id="p-9""#));
    }

    #[test]
    fn the_shell_preloads_its_glue_but_not_its_wasm() {
        let index = "<html><head><link crossorigin href=/bantin-1.js integrity=sha384-a rel=modulepreload>\
            <link as=fetch crossorigin href=/bantin-1_bg.wasm integrity=sha384-b rel=preload type=application/wasm>\
            <link href=/main-1.css rel=stylesheet></head><body></body></html>";
        let shell = shell_of(index).unwrap();
        assert!(shell.contains("href=/bantin-1.js integrity=sha384-a rel=modulepreload>"));
        assert!(!shell.contains("_bg.wasm"), "{shell}");
        assert!(shell.contains("rel=stylesheet"));
    }

    #[test]
    fn empty_live_regions_are_empty_for_css() {
        // `.copy-status:empty { display: none }`: a space would show an empty box.
        let html = render(&seed());
        for testid in ["copy-status", "font-size-announcement"] {
            let at = html.find(&format!(r#"data-testid="{testid}""#)).unwrap();
            let inside = &html[html[at..].find('>').unwrap() + at + 1..];
            let inside = &inside[..inside.find("</p>").unwrap()];
            assert!(inside.replace("<!>", "").is_empty(), "{testid}: {inside:?}");
        }
    }

    #[test]
    fn the_size_label_is_left_to_css_before_the_app_runs() {
        let html = render(&seed());
        let output = html.find(r#"data-testid="font-size""#).unwrap();
        let inside = &html[html[output..].find('>').unwrap() + output + 1..];
        let inside = &inside[..inside.find("</output>").unwrap()];
        assert!(
            !inside.contains('%'),
            "the host does not know the reader's size: {inside:?}"
        );
    }

    #[test]
    fn hostile_text_cannot_break_out_of_the_markup() {
        let mut a = seed();
        a.title = "</title><script>alert(1)</script>".into();
        a.body = vec![
            Block::Paragraph {
                text: "<img src=x onerror=alert(1)>".into(),
            },
            Block::Figure {
                caption: None,
                image: Some(Image {
                    src: "/a.jpg\" onerror=\"alert(1)".into(),
                    alt: "\" onload=\"x".into(),
                    width: Some(10),
                    height: None,
                    copies: None,
                }),
            },
        ];
        let html = page(SHELL, &a, &site()).unwrap();
        assert!(!html.contains("<script>alert"));
        assert!(
            !html.contains("</script><script>alert"),
            "the data block cannot be closed early"
        );
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains(r#"onerror="alert"#));
        assert!(!html.contains(r#"onload="x"#));
        assert_eq!(html.matches("<title>").count(), 1);
    }

    #[test]
    fn the_page_embeds_the_article_for_the_app() {
        let html = page(SHELL, &seed(), &site()).unwrap();
        let start = html
            .find(r#"<script type="application/json" id="bantin-article">"#)
            .unwrap();
        let json_start = html[start..].find('>').unwrap() + start + 1;
        let json_end = html[json_start..].find("</script>").unwrap() + json_start;
        let embedded = Article::from_json(&html[json_start..json_end], &seed().slug).unwrap();
        assert_eq!(embedded, seed());
    }

    #[test]
    fn the_static_page_has_the_same_article_and_no_script() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{SEED_SLUG}.json"));
        std::fs::write(&file, SEED_FILE).unwrap();
        let html = static_page(&file, "/main.css", None).unwrap();
        assert!(html.contains(r#"<p id="p-1">Thi đua thực hiện"#));
        assert!(html.contains(r#"<link rel="stylesheet" href="/main.css">"#));
        assert!(!html.contains("<script"));
        std::fs::write(dir.path().join("main.css"), ".article{color:red}").unwrap();
        let one = static_page(&file, "/main.css", Some(dir.path())).unwrap();
        assert!(one.contains("<style>.article{color:red}</style>"));
        assert!(!one.contains("main.css"), "one request");
        assert_eq!(
            one.replace("<style>.article{color:red}</style>", ""),
            html.replace(r#"<link rel="stylesheet" href="/main.css">"#, "")
        );
    }

    fn photo(name: &str, alt: &str) -> Block {
        let copies = bantin::model::Copies {
            path: format!("/anh/{name}"),
            hash: "0123456789abcdef".into(),
            widths: vec![480, 800, 1200, 1600],
            formats: bantin::model::PhotoFormat::ALL.to_vec(),
        };
        Block::Figure {
            caption: Some(format!("Ảnh {name}")),
            image: Some(Image {
                src: copies.fallback(),
                alt: alt.into(),
                width: Some(4000),
                height: Some(3000),
                copies: Some(copies),
            }),
        }
    }

    #[test]
    fn a_photo_led_article_offers_its_copies_and_fetches_the_first_photo_first() {
        let mut a = seed();
        a.body
            .insert(1, photo("cho-phien", "Người dân mua bán ở chợ phiên"));
        a.body.push(photo("ruong", "Ruộng bậc thang"));
        let html = unmarked(page(SHELL, &a, &site()).unwrap());
        let avif = "/anh/cho-phien-480-0123456789abcdef.avif 480w, /anh/cho-phien-800-0123456789abcdef.avif 800w, \
                    /anh/cho-phien-1200-0123456789abcdef.avif 1200w, /anh/cho-phien-1600-0123456789abcdef.avif 1600w";
        let sizes = bantin::model::photo::SIZES;
        assert!(
            html.contains(&format!(
                r#"<picture><source type="image/avif" srcset="{avif}" sizes="{sizes}"><img src="/anh/cho-phien-800-0123456789abcdef.jpg" srcset="/anh/cho-phien-480-0123456789abcdef.jpg 480w, "#
            )),
            "{html}"
        );
        let first = &html[html.find("<img src=\"/anh/cho-phien").unwrap()..];
        let first = &first[..first.find('>').unwrap()];
        for attribute in [
            r#"alt="Người dân mua bán ở chợ phiên""#,
            r#"width="4000""#,
            r#"height="3000""#,
            r#"loading="eager""#,
            r#"fetchpriority="high""#,
        ] {
            assert!(first.contains(attribute), "{attribute} in {first}");
        }
        let later = &html[html.find("<img src=\"/anh/ruong").unwrap()..];
        let later = &later[..later.find('>').unwrap()];
        assert!(later.contains(r#"loading="lazy""#), "{later}");
        assert!(!later.contains("fetchpriority"), "{later}");
        assert!(
            first.contains(&format!(r#"sizes="{sizes}""#)),
            "fetched before layout: the usual column, {first}"
        );
        let lazy = bantin::model::photo::LAZY_SIZES;
        assert!(
            lazy.starts_with("auto, ") && later.contains(&format!(r#"sizes="{lazy}""#)),
            "laid out first: its own width, {later}"
        );
        let head = &html[..html.find("<body").unwrap()];
        for tag in [
            r#"<meta property="og:image" content="https://baobackan.vn/anh/cho-phien-1200-0123456789abcdef.jpg">"#,
            r#"<meta property="og:image:width" content="1200">"#,
            r#"<meta property="og:image:height" content="900">"#,
            r#"<meta property="og:image:alt" content="Người dân mua bán ở chợ phiên">"#,
            r#"<meta name="twitter:image" content="https://baobackan.vn/anh/cho-phien-1200-0123456789abcdef.jpg">"#,
        ] {
            assert!(head.contains(tag), "missing {tag} in {head}");
        }
    }

    #[test]
    fn a_photo_further_down_waits_for_the_reader() {
        let mut a = seed();
        a.body.insert(4, photo("cho-phien", ""));
        let html = unmarked(page(SHELL, &a, &site()).unwrap());
        let img = &html[html.find("<img src=\"/anh/cho-phien").unwrap()..];
        let img = &img[..img.find('>').unwrap()];
        assert!(
            img.contains(r#"loading="lazy""#) && !img.contains("fetchpriority"),
            "{img}"
        );
        assert!(
            !html.contains("og:image:alt"),
            "a photo without a description gives the card none"
        );
    }

    /// The photo's `sizes` is read before the stylesheet: it must name the
    /// stylesheet's phone breakpoint and, under it, `main`'s side padding.
    #[test]
    fn the_photos_sizes_follow_the_stylesheet() {
        let css = include_str!("../../../../style/main.css");
        let sizes = bantin::model::photo::SIZES;
        let breakpoint = sizes.split(')').next().unwrap().trim_start_matches('(');
        let phone = css
            .find(&format!("@media ({breakpoint}) {{"))
            .unwrap_or_else(|| panic!("style/main.css has no @media ({breakpoint})"));
        let main = &css[phone..][css[phone..].find("\n  main {").unwrap()..];
        let main = &main[..main.find('}').unwrap()];
        let side = main
            .split("padding: 0 ")
            .nth(1)
            .and_then(|rest| rest.split("rem").next())
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no side padding in rem: {main}"));
        assert!(
            sizes.contains(&format!("calc(100vw - {}rem)", side * 2.0)),
            "{sizes} vs {main}"
        );
    }

    #[test]
    fn the_head_carries_the_share_preview_right_after_the_title() {
        let html = page(SHELL, &seed(), &site()).unwrap();
        let url = format!("https://baobackan.vn/articles/{SEED_SLUG}");
        let head = &html[..html.find("<body").unwrap()];
        let title_end = head.find("</title>").unwrap();
        for tag in [
            format!(r#"<link rel="canonical" href="{url}">"#),
            format!(r#"<meta property="og:url" content="{url}">"#),
            r#"<meta property="og:type" content="article">"#.into(),
            r#"<meta property="og:locale" content="vi_VN">"#.into(),
            r#"<meta property="og:title" content="Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước">"#.into(),
            r#"<meta property="og:image" content="https://baobackan.vn/share.png">"#.into(),
            r#"<meta property="og:image:width" content="1200">"#.into(),
            r#"<meta property="og:image:height" content="630">"#.into(),
            r#"<meta property="article:published_time" content="2020-08-21T00:00:00+07:00">"#.into(),
            r#"<meta name="twitter:card" content="summary_large_image">"#.into(),
            r#"<meta name="description" content="Thấm nhuần lời dạy của Bác Hồ"#.into(),
        ] {
            let at = head.find(&tag).unwrap_or_else(|| panic!("missing {tag} in {head}"));
            assert!(at > title_end, "{tag} comes after the title");
        }
        let start = head.find(r#"<script type="application/ld+json">"#).unwrap() + 35;
        let end = start + head[start..].find("</script>").unwrap();
        let ld: serde_json::Value = serde_json::from_str(&head[start..end]).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["datePublished"], "2020-08-21T00:00:00+07:00");
    }

    #[test]
    fn the_site_picture_is_shipped_at_the_size_the_tags_say() {
        let png = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/share.png"
        ))
        .unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        let (path, width, height) = bantin::model::share::SITE_IMAGE;
        assert_eq!(path, "/share.png");
        assert_eq!((size(16), size(20)), (width, height));
        let shell = include_str!("../../../../index.html");
        assert!(
            shell.contains(r#"rel="copy-file" href="public/share.png""#),
            "Trunk copies it"
        );
    }

    #[test]
    fn the_article_description_replaces_the_sites() {
        let shell = SHELL.replace(
            "</title>",
            r#"</title><meta name="description" content="site">"#,
        );
        let html = page(&shell, &seed(), &site()).unwrap();
        assert!(!html.contains(r#"content="site""#));
        assert_eq!(html.matches(r#"<meta name="description""#).count(), 1);
    }

    #[test]
    fn a_hostile_title_stays_inside_its_tags() {
        let mut a = seed();
        a.title = r#"a" onload="x"><script>alert(1)</script>"#.into();
        let html = page(SHELL, &a, &site()).unwrap();
        assert!(!html.contains("<script>alert"));
        // In attributes the quote is escaped; in text (the title, the h1)
        // it is harmless.
        assert!(
            html.contains(r#"<meta property="og:title" content="a&quot; onload=&quot;x&quot;&gt;"#)
        );
        assert!(!html.contains(r#"content="a" onload"#));
        let start = html.find(r#"<script type="application/ld+json">"#).unwrap() + 35;
        let end = start + html[start..].find("</script>").unwrap();
        let ld: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(
            ld["headline"], a.title,
            "the data block holds the title whole"
        );
    }

    fn list(total: usize) -> Vec<ListPage> {
        use bantin::model::{ArticleIndex, Date};
        let entries = (0..total)
            .map(|i| bantin::model::ArticleSummary {
                slug: Slug::parse(&format!("bai-{i:03}")).unwrap(),
                title: format!("Bài số {i:03}"),
                published: Date::new(2021 - (i / 50) as u16, 3, 28 - (i % 50 / 2) as u8).unwrap(),
                lead: Some(format!("Tóm tắt {i}.")),
                author: None,
                minutes: None,
            })
            .collect();
        ListPage::paginate(&ArticleIndex::of(entries))
    }

    fn shell_with_description() -> String {
        SHELL.replace(
            "</title>",
            r#"</title><meta name="description" content="site">"#,
        )
    }

    #[test]
    fn an_older_list_page_has_its_entries_links_title_and_data() {
        // 85 articles: the home page holds the newest 25, /trang/4 the newest
        // 20 of those, /trang/1 the oldest 20; /trang/2 the 20 before /trang/3.
        let pages = list(85);
        assert_eq!(pages[2].number, 2);
        let html = unmarked(list_page(&shell_with_description(), &pages[2], &site()).unwrap());
        assert!(html.contains("<title>Trang 2 — Bản tin</title>"));
        assert!(html.contains(r#"<body data-prerendered="">"#));
        let order = [
            r#"<link rel="canonical" href="https://baobackan.vn/trang/2">"#,
            "Bài viết cũ hơn · Trang 2",
            r#"<a href="/articles/bai-045">Bài số 045</a>"#,
            r#"<a href="/articles/bai-064">Bài số 064</a>"#,
            r#"<a href="/trang/3" rel="prev">Trang trước</a>"#,
            r#"<span class="pager-where">Trang 2</span>"#,
            r#"<a href="/trang/1" rel="next">Trang sau</a>"#,
            r#"<script type="application/json" id="bantin-list">"#,
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|part| {
                html.find(part)
                    .unwrap_or_else(|| panic!("missing {part} in {html}"))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert_eq!(html.matches(r#"<li><article class="card">"#).count(), 20);
        assert!(!html.contains("bai-044") && !html.contains("bai-065"));
        assert!(html.contains(r#"<meta name="description" content="Trang 2: 20 bài viết"#));
        assert!(!html.contains(r#"content="site""#), "its own description");
        let start = html.find(r#"id="bantin-list">"#).unwrap() + 17;
        let end = start + html[start..].find("</script>").unwrap();
        assert_eq!(ListPage::from_json(&html[start..end], 2).unwrap(), pages[2]);
    }

    #[test]
    fn the_home_page_links_only_to_older_and_keeps_the_site_description() {
        let pages = list(45);
        let html = unmarked(list_page(&shell_with_description(), &pages[0], &site()).unwrap());
        assert!(html.contains("<title>Bản tin</title>"));
        assert!(html.contains(r#"<link rel="canonical" href="https://baobackan.vn/">"#));
        assert!(html.contains(r#"content="site""#));
        assert!(html.contains(r#"<a href="/trang/1" rel="next">Trang sau</a>"#));
        assert!(!html.contains("Trang trước"));
        assert!(html.contains("Bài viết mới"));
        assert_eq!(html.matches(r#"<article class="card">"#).count(), 25);
        let oldest = unmarked(list_page(SHELL, &pages[1], &site()).unwrap());
        assert!(oldest.contains(r#"<a href="/" rel="prev">Trang trước</a>"#));
        assert!(!oldest.contains("Trang sau"));
        assert_eq!(oldest.matches(r#"<article class="card">"#).count(), 20);
    }

    #[test]
    fn one_page_needs_no_pager_and_an_empty_archive_says_so() {
        let one = list_page(SHELL, &list(3)[0], &site()).unwrap();
        assert!(!one.contains("pager"));
        assert_eq!(one.matches(r#"<article class="card">"#).count(), 3);
        let empty = list_page(SHELL, &list(0)[0], &site()).unwrap();
        assert!(empty.contains("Chưa có bài viết nào."));
        assert!(!empty.contains("pager"));
    }

    #[test]
    fn list_pages_go_where_hosts_look_for_them() {
        assert_eq!(list_file(HOME), "index.html");
        assert_eq!(list_file(1), "trang/1.html");
        assert_eq!(
            format!("/{}", list_file(7)),
            format!("{}.html", ListPage::route(7)),
            "served at /trang/<k> by the rules"
        );
    }

    #[test]
    fn a_shell_without_a_body_or_title_is_an_error_not_a_panic() {
        assert!(page("<title>x</title>", &seed(), &site()).is_err());
        assert!(page("<body></body>", &seed(), &site()).is_err());
    }

    #[test]
    fn the_pages_load_the_islands_and_their_policy_allows_exactly_that() {
        let index = r#"<html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="old"><script id=page-script>p</script><script type=module>import init from '/bantin-1.js';await init();</script></head><body></body></html>"#;
        let islands = "<html><head><link rel=modulepreload href=/reader-2.js><script type=module>import init from '/reader-2.js';await init();</script></head></html>";
        let no_css = |href: &str| Err(format!("{href} asked for"));
        let out = pages_shell(index, islands, &prerendered_page_script(), no_css).unwrap();
        assert!(out.contains(
            "<script type=module>import init from '/reader-2.js';await init();</script>"
        ));
        assert!(!out.contains("bantin-1"), "the whole app is not loaded");
        let script = prerendered_page_script();
        assert!(
            out.contains(&format!("<script id=page-script>{script}</script>")),
            "the page's script, as pre-rendered pages run it"
        );
        assert!(
            script.contains(r#""noApp":null"#),
            "without the shell's messages"
        );
        let (policy, _) = super::super::csp::with_policy(&out).unwrap();
        assert_eq!(
            policy, out,
            "the policy hashes the scripts the page has now"
        );
        let not_islands = islands.replace("reader-2", "other-2");
        assert!(pages_shell(index, &not_islands, &prerendered_page_script(), no_css).is_err());
        assert!(pages_shell(
            "<html><meta charset=utf-8></html>",
            islands,
            &prerendered_page_script(),
            no_css
        )
        .is_err());
    }

    #[test]
    fn the_pages_carry_their_stylesheet_and_their_policy_allows_exactly_it() {
        let index = r#"<html><head><meta charset=utf-8><script id=page-script>p</script><link rel=stylesheet href=/main-1.css><script type=module>import init from '/bantin-1.js';await init();</script></head><body></body></html>"#;
        let islands = "<script type=module>import init from '/reader-2.js';await init();</script>";
        let css = ".a{color:red}.b{background:url(\"data:image/svg+xml,x\")}";
        let out = pages_shell(index, islands, &prerendered_page_script(), |href| {
            assert_eq!(href, "/main-1.css");
            Ok(css.to_string())
        })
        .unwrap();
        assert!(out.contains(&format!(
            "<script id=page-script>{}</script><style>{css}</style><script",
            prerendered_page_script()
        )));
        assert!(!out.contains("main-1.css"), "no second request");
        let style_src = out
            .split("style-src ")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        assert_eq!(style_src.matches("'sha256-").count(), 1, "{style_src}");
        assert!(!style_src.contains("unsafe-inline"));
        for refused in [
            ".a{background:url(x.png)}",
            ".a{background:url( '/x.png')}",
            "a{}</STYLE><script>",
        ] {
            let result = pages_shell(index, islands, &prerendered_page_script(), |_| {
                Ok(refused.to_string())
            });
            assert!(result.is_err(), "{refused}");
        }
        assert!(
            pages_shell(index, islands, &prerendered_page_script(), |href| Err(
                format!("{href}: gone")
            ))
            .is_err()
        );
    }

    #[test]
    fn the_search_page_is_pre_rendered_with_its_form_and_its_results_as_an_island() {
        use bantin::islands::{ISLAND_TAG, SEARCH, SHORTCUTS, TOOLBAR};
        let html = unmarked(search_page(SHELL).unwrap());
        let names: Vec<&str> = html
            .split(&format!("<{ISLAND_TAG} data-component=\""))
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert_eq!(names, [SHORTCUTS, TOOLBAR, SEARCH], "in page order");
        // The form is the host's HTML (a plain GET form, its field empty);
        // only the results are the island's; under them, outside it, the
        // loader's place for older articles, hidden until a search.
        let order = [
            r#"<h1>Tìm kiếm</h1><form id="search-page""#,
            r#"<input id="search-page-q" type="search" name="q" maxlength="200""#,
            &format!(
                r#"</form><{ISLAND_TAG} data-component="{SEARCH}"><p>Nhập từ khoá để tìm bài viết.</p></{ISLAND_TAG}><div id="{}" hidden class="search-older"></div></section>"#,
                bantin::search::OLDER_ID
            ),
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|part| {
                html.find(part)
                    .unwrap_or_else(|| panic!("missing {part} in {html}"))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(html.contains("<title>Tìm kiếm — Bản tin</title>"));
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(html.contains(r#"<body data-prerendered="">"#));
        assert!(!html.contains("application/json"), "no data block");
    }

    #[test]
    fn an_article_page_has_the_islands_the_reader_hydrates_and_no_other() {
        use bantin::islands::{ISLAND_TAG, PARAGRAPHS, SHORTCUTS, TOOLBAR};
        let article = seed();
        let html = render(&article);
        let route = article.slug.route();
        let props = &route;
        let names: Vec<&str> = html
            .split(&format!("<{ISLAND_TAG} data-component=\""))
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert_eq!(names, [SHORTCUTS, TOOLBAR, PARAGRAPHS], "in page order");
        assert!(html.contains(&format!(
            r#"data-component="{TOOLBAR}" data-props="{props}">"#
        )));
        assert!(html.contains(&format!(
            r#"data-component="{PARAGRAPHS}" data-props="{route}">"#
        )));
        // The article's text is outside every island: the reader's WASM never touches it.
        let body = &html[html.find(r#"<div class="article-body">"#).unwrap()..];
        assert!(body.find("id=\"p-1\"").unwrap() < body.find(ISLAND_TAG).unwrap());
        let list = unmarked(render_at("/", Prerendering::List(list(3)[0].clone())));
        assert_eq!(
            list.matches(&format!("<{ISLAND_TAG} ")).count(),
            2,
            "the list page: shortcuts, toolbar"
        );
    }
}
