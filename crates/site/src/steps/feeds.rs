//! Step `feeds`: what readers' feed readers and search engines fetch:
//! `feed.xml` (Atom) and `feed.json` (JSON Feed 1.1) with the newest
//! [`FEED_ARTICLES`] articles in full, `sitemap.xml`, an index over the
//! files listing every list page and every article (the articles oldest
//! first, [`SITEMAP_FILE_URLS`] a file, so a full file never changes), and
//! `robots.txt` naming it. After `content` (the same validated articles), before `compress`.

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

/// How many addresses one sitemap file lists, articles counted from the
/// oldest: a file once full keeps the very same addresses whatever is
/// published after it, so a publish changes only the last articles' file,
/// the list pages' and the index (and a CDN purges only those). Well under
/// [`MAX_SITEMAP_URLS`].
pub const SITEMAP_FILE_URLS: usize = 10_000;
const _: () = assert!(SITEMAP_FILE_URLS <= MAX_SITEMAP_URLS);

/// The sitemap files' names, `<prefix><k>.xml` (`k` from 1): the list
/// pages' and the articles'.
const LISTS_SITEMAP: &str = "sitemap-trang-";
const ARTICLES_SITEMAP: &str = "sitemap-";

/// Whether `name` (a file at the top of dist/) is one of the sitemap files
/// there is one of per [`SITEMAP_FILE_URLS`] addresses, whose number grows
/// with the archive (10 of 2 MB each at 100,000 articles): compressed as
/// the per-article files are, since crawlers, not readers, fetch them
/// (`steps::compress`).
pub fn one_of_many_sitemaps(name: &str) -> bool {
    [LISTS_SITEMAP, ARTICLES_SITEMAP].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.ends_with(".xml"))
    })
}

/// The sitemap files: `sitemap.xml`, an index over the list pages' files
/// (`sitemap-trang-<k>.xml`, from `lists`, the home page first) and the
/// articles' (`sitemap-<k>.xml`, from `articles`, oldest first), each
/// index entry with its file's last change (its newest address's) — as
/// (file name, text), the index first.
pub fn sitemaps(
    lists: &[(String, Option<Date>)],
    articles: &[(String, Option<Date>)],
    site: &SiteUrl,
) -> Vec<(String, String)> {
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
    let mut parts: Vec<(String, String, Option<Date>)> = Vec::new();
    let files =
        |prefix: &str, urls: &[(String, Option<Date>)]| -> Vec<(String, String, Option<Date>)> {
            urls.chunks(SITEMAP_FILE_URLS)
                .enumerate()
                .map(|(i, chunk)| {
                    let newest = chunk.iter().filter_map(|(_, d)| *d).max();
                    (format!("{prefix}{}.xml", i + 1), urlset(chunk), newest)
                })
                .collect()
        };
    parts.extend(files(LISTS_SITEMAP, lists));
    parts.extend(files(ARTICLES_SITEMAP, articles));
    let index = xml_document("sitemapindex", SITEMAP_NS, |w| {
        for (name, _, newest) in &parts {
            w.create_element("sitemap").write_inner_content(|w| {
                w.create_element("loc")
                    .write_text_content(BytesText::new(&site.join(&format!("/{name}"))))?;
                if let Some(date) = newest {
                    w.create_element("lastmod")
                        .write_text_content(BytesText::new(&date.iso()))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    });
    let mut out = vec![("sitemap.xml".to_string(), index)];
    out.extend(parts.into_iter().map(|(name, text, _)| (name, text)));
    out
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
    // newest article was published; and every article, the oldest first.
    let lists: Vec<_> = build
        .list_pages()?
        .iter()
        .map(|page| {
            let newest = page.index.articles.first().map(|a| a.published);
            (site.join(&ListPage::route(page.number)), newest)
        })
        .collect();
    let oldest_first: Vec<_> = articles
        .iter()
        .rev()
        .map(|a| (site.join(&a.slug.route()), Some(a.published)))
        .collect();
    let files = sitemaps(&lists, &oldest_first, site);
    for (name, text) in &files {
        super::write(&dist.join(name), text)?;
    }
    super::write(&dist.join("robots.txt"), &robots(site))?;
    Ok(format!(
        "feed.xml and feed.json ({} article(s)), {} sitemap file(s) for {} address(es), robots.txt",
        articles.len().min(FEED_ARTICLES),
        files.len(),
        lists.len() + oldest_first.len()
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

    fn locs(text: &str) -> Vec<&str> {
        text.split("<loc>")
            .skip(1)
            .map(|s| &s[..s.find("</loc>").unwrap()])
            .collect()
    }

    #[test]
    fn the_sitemap_lists_every_list_page_and_every_article() {
        let content = tempfile::tempdir().unwrap();
        let dist = tempfile::tempdir().unwrap();
        crate::generate::run(content.path(), 45).unwrap();
        let build = Build::new(dist.path(), site(), content.path(), true);
        super::super::content::run(&build).unwrap();
        run(&build).unwrap();
        let index = std::fs::read_to_string(dist.path().join("sitemap.xml")).unwrap();
        assert!(xml(&index).is_ok());
        assert!(index.contains("<sitemapindex"));
        assert_eq!(
            locs(&index),
            [
                "https://baobackan.vn/sitemap-trang-1.xml",
                "https://baobackan.vn/sitemap-1.xml"
            ]
        );
        let lists = std::fs::read_to_string(dist.path().join("sitemap-trang-1.xml")).unwrap();
        assert_eq!(
            locs(&lists),
            [
                "https://baobackan.vn/",
                "https://baobackan.vn/trang/1",
                "https://baobackan.vn/trang/2"
            ],
            "the home page, then the pages from the oldest"
        );
        let articles = std::fs::read_to_string(dist.path().join("sitemap-1.xml")).unwrap();
        let listed = locs(&articles);
        assert_eq!(listed.len(), 45);
        assert!(listed
            .iter()
            .all(|l| l.starts_with("https://baobackan.vn/articles/")));
        let newest = build.articles().unwrap()[0].slug.route();
        assert_eq!(
            listed.last().copied(),
            Some(site().join(&newest).as_str()),
            "the oldest first, the newest last"
        );
    }

    #[test]
    fn a_full_sitemap_file_never_changes_when_an_article_is_published() {
        let dated = |n: usize| -> Vec<(String, Option<Date>)> {
            (0..n)
                .map(|i| {
                    (
                        site().join(&format!("/articles/bai-{i}")),
                        Date::new(2024, 1, 1 + (i % 28) as u8),
                    )
                })
                .collect()
        };
        let lists = [(site().join("/"), Date::new(2024, 1, 28))];
        let before = sitemaps(&lists, &dated(SITEMAP_FILE_URLS + 5), &site());
        let after = sitemaps(&lists, &dated(SITEMAP_FILE_URLS + 6), &site());
        let names: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-trang-1.xml",
                "sitemap-1.xml",
                "sitemap-2.xml"
            ]
        );
        let changed: Vec<&str> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b != a)
            .map(|(_, (name, _))| name.as_str())
            .collect();
        assert_eq!(
            changed,
            ["sitemap.xml", "sitemap-2.xml"],
            "the last file and the index"
        );
        let read = xml(&after[3].1).unwrap();
        assert_eq!(read.iter().filter(|(tag, _)| tag == "loc").count(), 6);
        let index = xml(&after[0].1).unwrap();
        assert!(index.contains(&("lastmod".into(), "2024-01-28".into())));
        assert!(after.iter().all(|(_, text)| xml(text).is_ok()));
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
