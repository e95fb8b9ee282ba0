//! Writes `<dist>/articles/<slug>.html` for every article in the list: the
//! built `index.html` with the article already in it (see `bantin::prerender`).
//! Usage: `prerender [dist]`. An article that fails validation is reported and
//! skipped (the app will show the reader why); nothing is written for it.

use bantin::model::{Article, ArticleIndex};
use bantin::prerender;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dist = std::env::args().nth(1).unwrap_or_else(|| "dist".into());
    match run(Path::new(&dist)) {
        Ok(count) => {
            println!("prerender: {count} article page(s) written to {dist}/articles/");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(dist: &Path) -> Result<usize, String> {
    let shell = read(&dist.join("index.html"))?;
    let articles = dist.join("articles");
    let index = ArticleIndex::from_json(&read(&articles.join("index.json"))?)
        .map_err(|e| format!("articles/index.json: {e}"))?;
    let mut written = 0;
    for entry in &index.articles {
        let file = articles.join(format!("{}.json", entry.slug));
        let article = match Article::from_json(&read(&file)?, &entry.slug) {
            Ok(article) => article,
            Err(e) => {
                eprintln!("prerender: skipping {}: {e}", file.display());
                continue;
            }
        };
        let html = prerender::page(&shell, &article).map_err(|e| format!("index.html: {e}"))?;
        let out = articles.join(format!("{}.html", entry.slug));
        std::fs::write(&out, html).map_err(|e| format!("{}: {e}", out.display()))?;
        written += 1;
    }
    Ok(written)
}
