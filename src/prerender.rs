//! Pre-rendering: each article as static HTML at build time, with exactly the
//! markup the app renders, so a deep link paints before the WASM arrives. The
//! app then mounts hidden beside it and swaps itself in once its own view is
//! ready ([`crate::takeover`]). Pure Rust, tested natively; the build step
//! `pages` (crates/site/src/build/pages.rs) writes the files.

use crate::model::{Article, Block, Image};
use std::fmt::Write;

/// The id of the element that wraps pre-rendered content.
pub const PRERENDERED_ID: &str = "prerendered";
/// The id of the `<script type="application/json">` data block holding the
/// pre-rendered article, so the app needs no second request for it.
pub const EMBEDDED_ARTICLE_ID: &str = "bantin-article";

/// Escapes text for HTML text and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL cannot appear in an HTML document; the app's text node keeps
            // it, the parser would turn it into U+FFFD. Do that explicitly.
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The header every page has (mirrors `components::site_header` and
/// `components::shortcuts`).
fn site_header(out: &mut String) {
    out.push_str(concat!(
        r##"<a class="skip-link" href="#main">Bỏ qua đến nội dung</a>"##,
        r#"<header class="site-header"><span class="site-name" lang="vi">Bản tin</span>"#,
        r#"<nav aria-label="Điều hướng chính"><a href="/">Trang chủ</a>"#,
        r#"<button type="button" class="help-button" title="Phím tắt"><span aria-hidden="true">?</span>"#,
        r#"<span class="visually-hidden">Phím tắt</span></button>"#,
        r#"<dialog class="help" aria-labelledby="help-title"><h2 id="help-title">Phím tắt</h2><dl>"#,
    ));
    for (keys, what) in crate::shortcuts::HELP {
        let _ = write!(
            out,
            "<dt><kbd>{}</kbd></dt><dd>{}</dd>",
            escape(keys),
            escape(what)
        );
    }
    out.push_str(concat!(
        r#"</dl><p class="help-note">Ctrl/⌘ cùng + − 0 vẫn phóng to cả trang như thường lệ. "#,
        r#"Phím tắt không hoạt động khi đang gõ chữ.</p>"#,
        r#"<form method="dialog"><button type="submit" class="help-close">Đóng</button></form></dialog>"#,
        r#"</nav></header>"#,
    ));
}

/// The toolbar (mirrors `components::toolbar`). Before the app takes over, the
/// size label and the disabled looks come from CSS driven by the stored size
/// (index.html's script sets `data-font-scale` on `<html>`).
fn toolbar(out: &mut String, article: &Article) {
    let date = article.published;
    let _ = write!(
        out,
        concat!(
            r#"<div class="toolbar" role="toolbar" aria-label="Cỡ chữ">"#,
            r#"<time class="toolbar-date" datetime="{iso}">{vi}</time>"#,
            r#"<div class="size-controls">"#,
            r#"<button type="button" class="size-button size-smaller" title="Giảm cỡ chữ"><span aria-hidden="true">A−</span><span class="visually-hidden">Giảm cỡ chữ</span></button>"#,
            r#"<output class="size-value" data-testid="font-size" aria-label="Cỡ chữ hiện tại"></output>"#,
            r#"<button type="button" class="size-button size-larger" title="Tăng cỡ chữ"><span aria-hidden="true">A+</span><span class="visually-hidden">Tăng cỡ chữ</span></button>"#,
            r#"<button type="button" class="size-reset" aria-label="Đặt lại cỡ chữ" title="Đặt lại cỡ chữ" disabled="">Đặt lại</button>"#,
            r#"</div><div class="share"><button type="button" class="copy-link">Chép liên kết</button>"#,
            r#"<p class="copy-status" role="status" aria-live="polite" data-testid="copy-status"></p></div>"#,
            r#"<button type="button" class="prefs-toggle" aria-expanded="false">Tùy chọn</button>"#,
            r#"<p class="visually-hidden" role="status" aria-live="polite" data-testid="font-size-announcement"></p></div>"#,
        ),
        iso = date.iso(),
        vi = date.vi(),
    );
}

fn image(out: &mut String, img: &Image) {
    let _ = write!(
        out,
        r#"<img src="{}" alt="{}""#,
        escape(&img.src),
        escape(&img.alt)
    );
    if let Some(w) = img.width {
        let _ = write!(out, r#" width="{w}""#);
    }
    if let Some(h) = img.height {
        let _ = write!(out, r#" height="{h}""#);
    }
    out.push_str(r#" loading="lazy" decoding="async">"#);
}

fn block(out: &mut String, block: &Block, paragraph: &mut usize) {
    match block {
        Block::Paragraph { text } => {
            *paragraph += 1;
            let _ = write!(out, r#"<p id="p-{paragraph}">{}</p>"#, escape(text));
        }
        Block::Heading { text } => {
            let _ = write!(out, "<h2>{}</h2>", escape(text));
        }
        Block::Quote { text, cite } => {
            let _ = write!(out, "<blockquote><p>{}</p>", escape(text));
            if let Some(cite) = cite {
                let _ = write!(out, "<footer><cite>{}</cite></footer>", escape(cite));
            }
            out.push_str("</blockquote>");
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", escape(item));
            }
            let _ = write!(out, "</{tag}>");
        }
        Block::Figure {
            caption,
            image: img,
        } => {
            out.push_str("<figure>");
            if let Some(img) = img {
                image(out, img);
            }
            if let Some(caption) = caption {
                let _ = write!(out, "<figcaption>{}</figcaption>", escape(caption));
            }
            out.push_str("</figure>");
        }
    }
}

/// Header and `<main>` with the article, as the app renders them.
pub fn article_markup(article: &Article) -> String {
    let mut out = String::with_capacity(article.body.len() * 600 + 4096);
    site_header(&mut out);
    let _ = write!(
        out,
        r#"<main id="main" tabindex="-1"><article class="article" lang="{}">"#,
        escape(&article.lang)
    );
    toolbar(&mut out, article);
    let _ = write!(
        out,
        r#"<header class="article-header"><h1 class="article-title">{}</h1>"#,
        escape(&article.title)
    );
    if let Some(lead) = &article.lead {
        let _ = write!(out, r#"<p class="lead">{}</p>"#, escape(lead));
    }
    out.push_str(r#"</header><div class="article-body">"#);
    let mut paragraph = 0;
    for b in &article.body {
        block(&mut out, b, &mut paragraph);
    }
    out.push_str("</div>");
    if article.skipped_blocks > 0 {
        let _ = write!(
            out,
            r#"<p class="note" role="note">{} phần nội dung có định dạng mới, phiên bản này chưa hiển thị được nên đã được bỏ qua.</p>"#,
            article.skipped_blocks
        );
    }
    if let Some(author) = &article.author {
        let _ = write!(out, r#"<p class="author">{}</p>"#, escape(author));
    }
    let _ = write!(
        out,
        r#"<footer class="print-footer">Bản tin · <time datetime="{}">{}</time> · <span class="print-url">{}</span></footer>"#,
        article.published.iso(),
        article.published.vi(),
        article.slug.route(),
    );
    out.push_str("</article></main>");
    out
}

/// Why a page could not be built from the shell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrerenderError {
    #[error("the shell has no {0}")]
    ShellLacks(&'static str),
}

/// The built `index.html` (`shell`) with the article inside `<body>` and its
/// title in `<title>`. Scripts, stylesheet and CSP are the shell's, unchanged.
pub fn page(shell: &str, article: &Article) -> Result<String, PrerenderError> {
    let title_start = shell
        .find("<title>")
        .ok_or(PrerenderError::ShellLacks("<title>"))?;
    let title_end = shell[title_start..]
        .find("</title>")
        .map(|i| title_start + i)
        .ok_or(PrerenderError::ShellLacks("</title>"))?;
    let body = shell
        .find("<body>")
        .ok_or(PrerenderError::ShellLacks("<body>"))?
        + "<body>".len();
    let mut out = String::with_capacity(shell.len() + article.body.len() * 600 + 4096);
    out.push_str(&shell[..title_start]);
    let _ = write!(out, "<title>{} — Bản tin</title>", escape(&article.title));
    out.push_str(&shell[title_end + "</title>".len()..body]);
    let _ = write!(out, r#"<div id="{PRERENDERED_ID}">"#);
    out.push_str(&article_markup(article));
    // A data block, not a script: never executed, so the CSP does not apply.
    // `<` is escaped inside the JSON so no text can close the element.
    let json = article.to_json().to_string().replace('<', "\\u003c");
    let _ = write!(
        out,
        r#"<script type="application/json" id="{EMBEDDED_ARTICLE_ID}">{json}</script>"#
    );
    out.push_str("</div>");
    out.push_str(&shell[body..]);
    Ok(out)
}

/// The article as a complete page with no scripts at all: the benchmark's
/// "fastest possible" twin of a deep link (same markup, same stylesheet).
pub fn static_page(article: &Article, stylesheet: &str) -> String {
    format!(
        concat!(
            r#"<!doctype html><html lang="vi"><head><meta charset="utf-8">"#,
            r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            r#"<title>{title} — Bản tin</title><link rel="icon" href="data:,">"#,
            r#"<link rel="stylesheet" href="{css}"></head><body><div id="{id}">{body}</div></body></html>"#,
        ),
        title = escape(&article.title),
        css = escape(stylesheet),
        id = PRERENDERED_ID,
        body = article_markup(article),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
    const SEED_FILE: &str = include_str!(
        "../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
    );
    const SHELL: &str = "<!doctype html><html lang=vi><head><title>Bản tin</title><script>x</script></head><body><noscript>n</noscript></body></html>";

    fn seed() -> Article {
        Article::from_json(SEED_FILE, &Slug::parse(SEED_SLUG).unwrap()).unwrap()
    }

    #[test]
    fn escaping_covers_markup_quotes_and_nul() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("a\0b"), "a\u{fffd}b");
        assert_eq!(escape("Tiếng Việt 🙂"), "Tiếng Việt 🙂");
    }

    #[test]
    fn the_seed_page_has_every_part_in_order() {
        let html = page(SHELL, &seed()).unwrap();
        assert!(html.contains("<title>Thành phố Bắc Kạn đẩy mạnh thực hiện phong trào thi đua yêu nước — Bản tin</title>"));
        assert!(html.contains(r#"<div id="prerendered"><a class="skip-link""#));
        assert!(
            html.contains("<script>x</script>"),
            "the shell's scripts stay"
        );
        assert!(html.ends_with("<noscript>n</noscript></body></html>"));
        let order = [
            r#"<time class="toolbar-date" datetime="2020-08-21">21/08/2020</time>"#,
            r#"<h1 class="article-title">"#,
            r#"<p class="lead">Thấm nhuần"#,
            r#"<p id="p-1">Thi đua thực hiện"#,
            r#"<p id="p-7">"#,
            "<figure><figcaption>Những cá nhân",
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
        let html = page(SHELL, &a).unwrap();
        assert!(!html.contains("<script>alert"));
        assert!(
            !html.contains("</script><script>alert"),
            "the data block cannot be closed early"
        );
        assert!(!html.contains("<img src=x"));
        assert!(html.contains(r#"<img src="/a.jpg&quot; onerror=&quot;alert(1)" alt="&quot; onload=&quot;x" width="10""#));
        assert_eq!(html.matches("<title>").count(), 1);
    }

    #[test]
    fn the_page_embeds_the_article_for_the_app() {
        let html = page(SHELL, &seed()).unwrap();
        let start = html
            .find(r#"<script type="application/json" id="bantin-article">"#)
            .unwrap();
        let json_start = html[start..].find('>').unwrap() + start + 1;
        let json_end = html[json_start..].find("</script>").unwrap() + json_start;
        let embedded = Article::from_json(&html[json_start..json_end], &seed().slug).unwrap();
        assert_eq!(embedded, seed());
    }

    #[test]
    fn the_stylesheet_labels_every_size_for_the_prerendered_toolbar() {
        let css = include_str!("../style/main.css");
        for p in crate::font_scale::STEPS.iter().filter(|&&p| p != 100) {
            let rule = format!(
                r#"html[data-font-scale="{p}"] #prerendered .size-value::before {{ content: "{p}%"; }}"#
            );
            assert!(css.contains(&rule), "missing: {rule}");
        }
    }

    #[test]
    fn the_static_page_has_the_same_article_and_no_script() {
        let html = static_page(&seed(), "/main.css");
        assert!(html.contains(&article_markup(&seed())));
        assert!(html.contains(r#"<link rel="stylesheet" href="/main.css">"#));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn a_shell_without_a_body_is_an_error_not_a_panic() {
        assert_eq!(
            page("<title>x</title>", &seed()),
            Err(PrerenderError::ShellLacks("<body>"))
        );
        assert_eq!(
            page("<body></body>", &seed()),
            Err(PrerenderError::ShellLacks("<title>"))
        );
    }
}
