//! Step `pages`: `dist/articles/<slug>.html` for every article in the list:
//! the finished shell (after `csp`) with the app itself rendered into
//! `<body>` for the article's address (Leptos `ssr`, the article given as a
//! [`Prerendering`] context), `<body>` marked as pre-rendered (the app then
//! hydrates it), the article's data in `<head>` and its title in `<title>`.
//! An article that fails validation is reported and skipped (the app will
//! show the reader why).

use bantin::model::share::SiteUrl;
use bantin::model::{Article, Slug};
use bantin::prerender::{
    embedded_json, Prerendering, ShareMeta, EMBEDDED_ARTICLE_ID, PRERENDERED_ATTRIBUTE,
};
use bantin::routes::document_title;
use bantin::App;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::path::Path;
use std::sync::Arc;

/// `view` rendered to HTML on the host, in a server-side reactive context:
/// effects and window listeners stay off.
fn on_host(view: impl FnOnce() -> String) -> String {
    Owner::new_root(Some(Arc::new(SsrSharedContext::new()))).with(view)
}

/// The app at the article's address, to HTML, on the host.
pub fn render(article: &Article) -> String {
    let article = article.clone();
    on_host(move || {
        provide_context(RequestUrl::new(&article.slug.route()));
        provide_context(Prerendering(article));
        view! { <App /> }.to_html()
    })
}

/// The preloads Trunk puts in the shell for the app's WASM and JS. A
/// pre-rendered page goes without: its text is there before the app, and on
/// 3G the preloads share the link with the page's render-blocking stylesheet
/// (`bench/variants.py`, 11 rounds: LCP 956 → 928 ms on 3G, 592 → 580 ms on
/// slow 4G; the first working A+ 1028 → 973 and 645 → 631 ms). The shell
/// itself keeps them: there the app is the content.
const PRELOADS: &str = "link[rel=preload], link[rel=modulepreload]";

/// The shell with `content` as the start of a marked `<body>`, the page's
/// title, `data` right after it, in the head (Trunk's minified shell has
/// no `<head>` tag to find), and no preloads.
fn into_shell(shell: &str, title: &str, content: &str, data: &str) -> Result<String, String> {
    let (mut titled, mut placed) = (false, false);
    let out = rewrite_str(
        shell,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("title", |el| {
                    el.set_inner_content(title, ContentType::Text);
                    el.after(data, ContentType::Html);
                    titled = true;
                    Ok(())
                }),
                element!(PRELOADS, |el| {
                    el.remove();
                    Ok(())
                }),
                // The site's description gives way to the article's.
                element!("meta[name=description]", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("body", |el| {
                    el.set_attribute(PRERENDERED_ATTRIBUTE, "")?;
                    el.prepend(content, ContentType::Html);
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

/// The pre-rendered page of `article` in `shell` (the built index.html).
pub fn page(shell: &str, article: &Article, site: &SiteUrl) -> Result<String, String> {
    // A data block, never executed (the CSP does not apply) and never parsed
    // as HTML: its text is JSON with `<` escaped, written as is.
    let data = format!(
        r#"<script type="application/json" id="{EMBEDDED_ARTICLE_ID}">{}</script>"#,
        embedded_json(article)
    );
    into_shell(
        shell,
        &document_title(Some(&article.title)),
        &render(article),
        &(share_meta(article, site) + &data),
    )
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let shell = super::read(&dist.join("index.html"))?;
    let articles = super::articles(dist, "pages")?;
    for article in &articles {
        let html = page(&shell, article, &build.site).map_err(|e| format!("index.html: {e}"))?;
        super::write(&dist.join(format!("articles/{}.html", article.slug)), &html)?;
    }
    Ok(format!("{} article page(s) in articles/", articles.len()))
}

/// The bench's "fastest possible" twin of a deep link: the same rendered
/// article with the same stylesheet, and no script at all.
const STATIC_SHELL: &str = concat!(
    r#"<!doctype html><html lang="vi"><head><meta charset="utf-8">"#,
    r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
    r#"<title></title><link rel="icon" href="data:,"><link rel="stylesheet" href="">"#,
    r#"</head><body></body></html>"#,
);

pub fn static_page(file: &Path, stylesheet: &str) -> Result<String, String> {
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
    rewrite_str(
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
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin::model::{Block, Image};

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

    #[test]
    fn the_seed_page_has_every_part_in_order() {
        let html = page(SHELL, &seed(), &site()).unwrap();
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
        assert!(html.ends_with("<noscript>n</noscript></body></html>"));
        let order = [
            r#"<script type="application/json" id="bantin-article">"#,
            "<script>x</script>",
            r#"datetime="2020-08-21""#,
            "21/08/2020</time>",
            r#"title="Tăng cỡ chữ""#,
            r#"<h1 class="article-title">"#,
            r#"<p class="lead">Thấm nhuần"#,
            r#"<p id="p-1">Thi đua thực hiện"#,
            r#"<p id="p-7">"#,
            "<figcaption>Những cá nhân",
            r#"<p id="p-8">Với những kết quả"#,
            r#"<p class="author">Hương Dịu</p>"#,
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|part| html.find(part).unwrap_or_else(|| panic!("missing {part}")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(!html.contains(r#"id="p-9""#));
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
        let html = static_page(&file, "/main.css").unwrap();
        assert!(html.contains(r#"<p id="p-1">Thi đua thực hiện"#));
        assert!(html.contains(r#"<link rel="stylesheet" href="/main.css">"#));
        assert!(!html.contains("<script"));
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

    #[test]
    fn a_shell_without_a_body_or_title_is_an_error_not_a_panic() {
        assert!(page("<title>x</title>", &seed(), &site()).is_err());
        assert!(page("<body></body>", &seed(), &site()).is_err());
    }
}
