//! What a shared link shows: the site's public origin, an article's short
//! description, its absolute address, the picture of its preview card, and
//! its structured data (schema.org `NewsArticle`). Pure: the build's `pages`
//! step renders these into each page's `<head>`.

use crate::{Article, Block, Date};
use serde_json::{json, Value};

/// The longest description, in characters: what search results and preview
/// cards show before cutting it themselves.
pub const MAX_DESCRIPTION_CHARS: usize = 160;

/// The picture shared for an article without a photo of known size:
/// `public/share.png`, at the size preview cards ask for.
pub const SITE_IMAGE: (&str, u32, u32) = ("/share.png", 1200, 630);

/// The site's public origin, e.g. `https://baobackan.vn` (the build setting
/// `SITE_URL`): absolute, http or https, with no path, query or fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    pub fn parse(raw: &str) -> Result<SiteUrl, String> {
        let raw = raw.trim().trim_end_matches('/');
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| {
                format!("SITE_URL must be an absolute http(s) address such as https://baobackan.vn, not {raw:?}")
            })?;
        let host_ok = !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !host_ok {
            return Err(format!(
                "SITE_URL must be an origin only (scheme and host, no path): {raw:?}"
            ));
        }
        Ok(SiteUrl(raw.to_owned()))
    }

    /// `path` (starting with `/`) as an absolute address on this site.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The article's description: its lead, else its first paragraph, cut at a
/// word boundary to at most [`MAX_DESCRIPTION_CHARS`] characters (with "…").
pub fn description(article: &Article) -> String {
    let text = article.lead.as_deref().or_else(|| {
        article.body.iter().find_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
    });
    cut(text.unwrap_or(&article.title), MAX_DESCRIPTION_CHARS)
}

/// `text` with its whitespace collapsed, cut between words to at most
/// `max` characters, "…" included.
pub fn cut(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= max {
        return whole;
    }
    let mut out = String::new();
    for word in words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than the limit.
        out = whole.chars().take(max - 1).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '-', '–', '—']);
    format!("{out}…")
}

/// The picture of a preview card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareImage {
    /// Its absolute address.
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// What it shows (`og:image:alt`), where the article says.
    pub alt: Option<String>,
}

/// The picture of the preview card: the article's first photo whose size is
/// known (cards need it), as the JPEG copy the build made for shares (at
/// least [`crate::photo::SHARE_WIDTH`] wide where the photo is), else the
/// site's picture.
pub fn image(article: &Article, site: &SiteUrl) -> ShareImage {
    let photo = article.body.iter().find_map(|b| match b {
        Block::Figure {
            image: Some(image), ..
        } => Some((image, image.width?, image.height?)),
        _ => None,
    });
    let absolute = |src: &str| {
        if src.starts_with('/') {
            site.join(src)
        } else {
            src.to_owned()
        }
    };
    match photo {
        Some((img, width, height)) => {
            let alt = Some(img.alt.clone()).filter(|a| !a.trim().is_empty());
            match &img.copies {
                Some(copies) => {
                    let (src, shared) = copies.share();
                    let shared_height = (u64::from(height) * u64::from(shared)
                        + u64::from(width) / 2)
                        / u64::from(width);
                    ShareImage {
                        url: absolute(&src),
                        width: shared,
                        height: u32::try_from(shared_height.max(1)).unwrap_or(height),
                        alt,
                    }
                }
                None => ShareImage {
                    url: absolute(&img.src),
                    width,
                    height,
                    alt,
                },
            }
        }
        None => {
            let (path, width, height) = SITE_IMAGE;
            ShareImage {
                url: site.join(path),
                width,
                height,
                alt: None,
            }
        }
    }
}

/// The publication time as the portal means it: the day, in Vietnam's time
/// zone (`2020-08-21T00:00:00+07:00`).
pub fn published_time(date: Date) -> String {
    format!("{}T00:00:00+07:00", date.iso())
}

/// The article's whole text as plain text, for feeds: the lead, then each
/// block (a list item per line with "• ", a quote with its source, a
/// figure's caption), separated by blank lines.
pub fn plain_text(article: &Article) -> String {
    let mut parts: Vec<String> = article.lead.iter().cloned().collect();
    for block in &article.body {
        match block {
            Block::Paragraph { text } | Block::Heading { text } => parts.push(text.clone()),
            Block::Quote { text, cite } => parts.push(match cite {
                Some(cite) => format!("“{text}” — {cite}"),
                None => format!("“{text}”"),
            }),
            Block::List { items, .. } => parts.push(
                items
                    .iter()
                    .map(|i| format!("• {i}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::Figure { caption, .. } => parts.extend(caption.iter().cloned()),
        }
    }
    parts.join("\n\n")
}

/// The article's schema.org `NewsArticle`, as JSON-LD.
pub fn news_article(article: &Article, site: &SiteUrl, site_name: &str) -> Value {
    let ShareImage {
        url, width, height, ..
    } = image(article, site);
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description(article),
        "datePublished": published_time(article.published),
        "inLanguage": article.lang,
        "mainEntityOfPage": site.join(&article.slug.route()),
        "image": { "@type": "ImageObject", "url": url, "width": width, "height": height },
        "publisher": { "@type": "Organization", "name": site_name, "url": site.join("/") },
    });
    if let Some(author) = &article.author {
        ld["author"] = json!({ "@type": "Person", "name": author });
    }
    ld
}

/// A list page's description, for search results: which page and the dates
/// it spans, e.g. "Trang 2: 20 bài viết từ 03/01/2020 đến 09/01/2020." (no
/// total, which would change the page at every article; `None` for the home
/// page, which keeps the site's own).
pub fn list_description(page: &crate::ListPage) -> Option<String> {
    if page.number == crate::HOME {
        return None;
    }
    let articles = &page.index.articles;
    let span = match (articles.last(), articles.first()) {
        (Some(oldest), Some(newest)) if oldest.published != newest.published => format!(
            " từ {} đến {}",
            oldest.published.vi(),
            newest.published.vi()
        ),
        (Some(only), _) => format!(" ngày {}", only.published.vi()),
        _ => String::new(),
    };
    Some(format!(
        "Trang {}: {} bài viết{span}.",
        page.number,
        articles.len()
    ))
}
