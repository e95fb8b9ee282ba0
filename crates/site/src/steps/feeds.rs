//! Step `feeds`: what readers' feed readers and search engines fetch:
//! `feed.xml` (Atom) and `feed.json` (JSON Feed 1.1) with the newest
//! [`FEED_ARTICLES`] articles in full, `sitemap.xml` with every article and
//! every list page (a sitemap index over `sitemap-<n>.xml` files past
//! [`MAX_SITEMAP_URLS`], as the protocol requires), and `robots.txt` naming
//! it. After `content` (the same validated articles), before `compress`.

use super::Build;
use atom_syndication::{
    ContentBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, PersonBuilder,
};
use bantin::model::share::{self, SiteUrl};
use bantin::model::{Article, Date, ListPage};
use bantin::routes::SITE_NAME;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use serde_json::json;

/// How many articles the feeds carry.
pub const FEED_ARTICLES: usize = 20;
/// The most URLs one sitemap file may list (sitemaps.org).
pub const MAX_SITEMAP_URLS: usize = 50_000;
/// Where the feeds are; every page's `<head>` links them (index.html).
pub const ATOM_FEED: &str = "/feed.xml";
pub const JSON_FEED: &str = "/feed.json";
pub const SITEMAP: &str = "/sitemap.xml";

fn time(date: Date) -> FixedDateTime {
    // `published_time` is always RFC 3339; a date that could not be read is
    // the epoch rather than a panic.
    FixedDateTime::parse_from_rfc3339(&share::published_time(date)).unwrap_or_default()
}

/// The Atom feed of `articles` (newest first).
pub fn atom(articles: &[Article], site: &SiteUrl) -> String {
    let entries = articles.iter().take(FEED_ARTICLES).map(|a| {
        let url = site.join(&a.slug.route());
        EntryBuilder::default()
            .id(url.clone())
            .title(a.title.clone())
            .updated(time(a.published))
            .published(Some(time(a.published)))
            .authors(
                a.author
                    .iter()
                    .map(|name| PersonBuilder::default().name(name.clone()).build())
                    .collect::<Vec<_>>(),
            )
            .links(vec![LinkBuilder::default()
                .href(url)
                .rel("alternate")
                .build()])
            .summary(Some(share::description(a).into()))
            .content(Some(
                ContentBuilder::default()
                    .content_type(Some("text".into()))
                    .value(Some(share::plain_text(a)))
                    .lang(Some(a.lang.clone()))
                    .build(),
            ))
            .build()
    });
    FeedBuilder::default()
        .id(site.join("/"))
        .title(SITE_NAME)
        .lang(Some("vi".into()))
        .updated(
            articles
                .first()
                .map(|a| time(a.published))
                .unwrap_or_default(),
        )
        .authors(vec![PersonBuilder::default()
            .name(SITE_NAME)
            .uri(Some(site.join("/")))
            .build()])
        .links(vec![
            LinkBuilder::default()
                .href(site.join(ATOM_FEED))
                .rel("self")
                .mime_type(Some("application/atom+xml".into()))
                .build(),
            LinkBuilder::default()
                .href(site.join("/"))
                .rel("alternate")
                .build(),
        ])
        .entries(entries.collect::<Vec<_>>())
        .build()
        .to_string()
}

/// The JSON Feed 1.1 of `articles` (newest first).
pub fn json_feed(articles: &[Article], site: &SiteUrl) -> String {
    let items: Vec<_> = articles
        .iter()
        .take(FEED_ARTICLES)
        .map(|a| {
            let url = site.join(&a.slug.route());
            let mut item = json!({
                "id": url,
                "url": url,
                "title": a.title,
                "summary": share::description(a),
                "content_text": share::plain_text(a),
                "date_published": share::published_time(a.published),
                "language": a.lang,
            });
            if let Some(author) = &a.author {
                item["authors"] = json!([{ "name": author }]);
            }
            item
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE_NAME,
        "home_page_url": site.join("/"),
        "feed_url": site.join(JSON_FEED),
        "language": "vi",
        "items": items,
    });
    serde_json::to_string_pretty(&feed).unwrap_or_default()
}

fn xml_document(
    root: &str,
    xmlns: &str,
    body: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>,
) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element(root)
            .with_attribute(("xmlns", xmlns))
            .write_inner_content(body)?;
        Ok(())
    };
    match write(&mut w) {
        Ok(()) => String::from_utf8(w.into_inner()).unwrap_or_default(),
        Err(_) => String::new(), // writing into memory does not fail
    }
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The sitemap files for `urls` (address, last change): one `sitemap.xml`,
/// or past [`MAX_SITEMAP_URLS`] a `sitemap.xml` index over
/// `sitemap-1.xml`, `sitemap-2.xml`, … (file name, text).
pub fn sitemaps(urls: &[(String, Option<Date>)], site: &SiteUrl) -> Vec<(String, String)> {
    let urlset = |urls: &[(String, Option<Date>)]| {
        xml_document("urlset", SITEMAP_NS, |w| {
            for (loc, lastmod) in urls {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(loc))?;
                    if let Some(date) = lastmod {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(&date.iso()))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
    };
    if urls.len() <= MAX_SITEMAP_URLS {
        return vec![("sitemap.xml".into(), urlset(urls))];
    }
    let parts: Vec<(String, String)> = urls
        .chunks(MAX_SITEMAP_URLS)
        .enumerate()
        .map(|(i, chunk)| (format!("sitemap-{}.xml", i + 1), urlset(chunk)))
        .collect();
    let index = xml_document("sitemapindex", SITEMAP_NS, |w| {
        for (name, _) in &parts {
            w.create_element("sitemap").write_inner_content(|w| {
                w.create_element("loc")
                    .write_text_content(BytesText::new(&site.join(&format!("/{name}"))))?;
                Ok(())
            })?;
        }
        Ok(())
    });
    let mut files = vec![("sitemap.xml".to_string(), index)];
    files.extend(parts);
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is there.
pub fn robots(site: &SiteUrl) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.join(SITEMAP)
    )
}

pub fn run(build: &Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let articles = build.articles()?;
    let site = &build.site;
    super::write(&dist.join("feed.xml"), &atom(articles, site))?;
    super::write(&dist.join("feed.json"), &json_feed(articles, site))?;
    // The list pages (the home page first), each last changed when its
    // newest article was published; then every article.
    let mut urls: Vec<_> = build
        .list_pages()?
        .iter()
        .map(|page| {
            let newest = page.index.articles.first().map(|a| a.published);
            (site.join(&ListPage::route(page.number)), newest)
        })
        .collect();
    urls.extend(
        articles
            .iter()
            .map(|a| (site.join(&a.slug.route()), Some(a.published))),
    );
    let files = sitemaps(&urls, site);
    for (name, text) in &files {
        super::write(&dist.join(name), text)?;
    }
    super::write(&dist.join("robots.txt"), &robots(site))?;
    Ok(format!(
        "feed.xml and feed.json ({} article(s)), {} sitemap file(s) for {} address(es), robots.txt",
        articles.len().min(FEED_ARTICLES),
        files.len(),
        urls.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin::model::Slug;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
    const SEED_FILE: &str = include_str!(
        "../../../../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
    );

    fn site() -> SiteUrl {
        SiteUrl::parse("https://baobackan.vn").unwrap()
    }

    /// `n` articles, newest first, the seed's text under other titles.
    fn articles(n: usize) -> Vec<Article> {
        let seed = Article::from_json(SEED_FILE, &Slug::parse(SEED_SLUG).unwrap()).unwrap();
        (0..n)
            .map(|i| Article {
                slug: Slug::parse(&format!("bai-{i}")).unwrap(),
                title: format!("Bài <{i}> & “tin”"),
                published: Date::new(2024, 12, 28 - (i % 28) as u8).unwrap(),
                ..seed.clone()
            })
            .collect()
    }

    /// The element names and texts of an XML document, read by a real parser;
    /// an error if it is not well-formed.
    fn xml(text: &str) -> Result<Vec<(String, String)>, String> {
        let mut reader = Reader::from_str(text);
        let (mut out, mut current) = (Vec::new(), String::new());
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) => {
                    current = String::from_utf8_lossy(e.name().as_ref()).into_owned()
                }
                Event::Text(t) => {
                    let text = t.decode().map_err(|e| e.to_string())?;
                    if !text.trim().is_empty() {
                        out.push((current.clone(), text.into_owned()));
                    }
                }
                Event::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    #[test]
    fn the_atom_feed_reads_back_with_the_newest_twenty_in_full() {
        let text = atom(&articles(25), &site());
        let feed = atom_syndication::Feed::read_from(text.as_bytes()).unwrap();
        assert_eq!(feed.entries().len(), FEED_ARTICLES);
        let first = &feed.entries()[0];
        assert_eq!(first.title().as_str(), "Bài <0> & “tin”");
        assert_eq!(first.id(), "https://baobackan.vn/articles/bai-0");
        assert_eq!(first.authors()[0].name(), "Hương Dịu");
        assert_eq!(
            first.published().unwrap().to_rfc3339(),
            "2024-12-28T00:00:00+07:00"
        );
        let content = first.content().unwrap().value().unwrap();
        assert!(
            content.starts_with("Thấm nhuần") && content.ends_with("1.280 lượt cá nhân./."),
            "the whole text"
        );
        assert!(feed
            .links()
            .iter()
            .any(|l| l.rel() == "self" && l.href() == "https://baobackan.vn/feed.xml"));
        assert!(xml(&text).is_ok());
    }

    #[test]
    fn the_json_feed_has_every_required_field() {
        let feed: serde_json::Value =
            serde_json::from_str(&json_feed(&articles(3), &site())).unwrap();
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(feed["title"], "Bản tin");
        assert_eq!(feed["feed_url"], "https://baobackan.vn/feed.json");
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        for item in items {
            assert!(item["id"].is_string(), "JSON Feed requires an id");
            assert!(item["content_text"]
                .as_str()
                .is_some_and(|t| t.len() > 1000));
            assert_eq!(item["authors"][0]["name"], "Hương Dịu");
        }
        assert_eq!(items[0]["date_published"], "2024-12-28T00:00:00+07:00");
    }

    #[test]
    fn the_sitemap_lists_every_list_page_and_every_article() {
        let content = tempfile::tempdir().unwrap();
        let dist = tempfile::tempdir().unwrap();
        crate::generate::run(content.path(), 45).unwrap();
        let build = Build::new(dist.path(), site(), content.path(), true);
        super::super::content::run(&build).unwrap();
        run(&build).unwrap();
        let sitemap = std::fs::read_to_string(dist.path().join("sitemap.xml")).unwrap();
        assert!(xml(&sitemap).is_ok());
        let locs: Vec<&str> = sitemap
            .split("<loc>")
            .skip(1)
            .map(|s| &s[..s.find("</loc>").unwrap()])
            .collect();
        assert_eq!(locs.len(), 3 + 45);
        assert_eq!(
            &locs[..3],
            [
                "https://baobackan.vn/",
                "https://baobackan.vn/trang/2",
                "https://baobackan.vn/trang/3"
            ]
        );
        assert!(locs[3..]
            .iter()
            .all(|l| l.starts_with("https://baobackan.vn/articles/")));
    }

    #[test]
    fn the_sitemap_lists_every_address_and_splits_past_fifty_thousand() {
        let urls = |n: usize| -> Vec<(String, Option<Date>)> {
            (0..n)
                .map(|i| {
                    (
                        site().join(&format!("/articles/bai-{i}")),
                        Date::new(2024, 1, 1),
                    )
                })
                .collect()
        };
        let one = sitemaps(&urls(3), &site());
        assert_eq!(one.len(), 1);
        let read = xml(&one[0].1).unwrap();
        assert_eq!(read.iter().filter(|(tag, _)| tag == "loc").count(), 3);
        assert!(read.contains(&("lastmod".into(), "2024-01-01".into())));
        assert!(one[0]
            .1
            .contains(r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#));

        let many = sitemaps(&urls(MAX_SITEMAP_URLS + 1), &site());
        let names: Vec<&str> = many.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert!(many[0].1.contains("<sitemapindex"));
        let index = xml(&many[0].1).unwrap();
        assert_eq!(
            index
                .iter()
                .filter(|(t, _)| t == "loc")
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>(),
            [
                "https://baobackan.vn/sitemap-1.xml",
                "https://baobackan.vn/sitemap-2.xml"
            ]
        );
        assert_eq!(
            xml(&many[1].1)
                .unwrap()
                .iter()
                .filter(|(t, _)| t == "loc")
                .count(),
            MAX_SITEMAP_URLS
        );
        assert_eq!(
            xml(&many[2].1)
                .unwrap()
                .iter()
                .filter(|(t, _)| t == "loc")
                .count(),
            1
        );
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert!(robots(&site()).contains("\nSitemap: https://baobackan.vn/sitemap.xml\n"));
    }

    #[test]
    fn every_page_links_both_feeds() {
        let shell = include_str!("../../../../index.html");
        for (kind, href) in [
            ("application/atom+xml", ATOM_FEED),
            ("application/feed+json", JSON_FEED),
        ] {
            let link =
                format!(r#"<link rel="alternate" type="{kind}" title="Bản tin" href="{href}" />"#);
            assert!(shell.contains(&link), "index.html lacks {link}");
        }
    }
}
