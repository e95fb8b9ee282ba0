//! Step `pages`: `dist/articles/<slug>.html` for every article in the list,
//! the finished shell (after `csp`) with the article already in it (see
//! `bantin::prerender`). An article that fails validation is reported and
//! skipped (the app will show the reader why); nothing is written for it.

use bantin::model::{Article, ArticleIndex, Slug};
use bantin::prerender;
use std::path::Path;

pub fn run(dist: &Path) -> Result<String, String> {
    let shell = super::read(&dist.join("index.html"))?;
    let articles = dist.join("articles");
    let index = ArticleIndex::from_json(&super::read(&articles.join("index.json"))?)
        .map_err(|e| format!("articles/index.json: {e}"))?;
    let mut written = 0;
    for entry in &index.articles {
        let file = articles.join(format!("{}.json", entry.slug));
        let article = match Article::from_json(&super::read(&file)?, &entry.slug) {
            Ok(article) => article,
            Err(e) => {
                eprintln!("[build] pages: skipping {}: {e}", file.display());
                continue;
            }
        };
        let html = prerender::page(&shell, &article).map_err(|e| format!("index.html: {e}"))?;
        super::write(&articles.join(format!("{}.html", entry.slug)), &html)?;
        written += 1;
    }
    Ok(format!("{written} article page(s) in articles/"))
}

/// The article as a script-free page with the app's markup: the bench's
/// "fastest possible" twin of a deep link.
pub fn static_page(file: &Path, stylesheet: &str) -> Result<String, String> {
    let text = super::read(file)?;
    let slug = file
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(Slug::parse)
        .ok_or_else(|| format!("{}: the file name is not a slug", file.display()))?;
    let article =
        Article::from_json(&text, &slug).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(prerender::static_page(&article, stylesheet))
}
