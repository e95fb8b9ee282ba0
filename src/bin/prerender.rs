//! Writes `<dist>/articles/<slug>.html` for every article in the list: the
//! built `index.html` with the article already in it (see `bantin::prerender`).
//! An article that fails validation is reported and skipped (the app will show
//! the reader why); nothing is written for it.
//!
//! Usage:
//!   prerender [dist]                                  the pre-rendered pages
//!   prerender static <article.json> <stylesheet-href> a script-free page on stdout (make bench)

use bantin::model::{Article, ArticleIndex};
use bantin::prerender;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, file, stylesheet] = args.as_slice() {
        if mode == "static" {
            return match static_page(Path::new(file), stylesheet) {
                Ok(html) => {
                    print!("{html}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("prerender: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    }
    let dist = args.first().cloned().unwrap_or_else(|| "dist".into());
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

fn static_page(file: &Path, stylesheet: &str) -> Result<String, String> {
    let text = read(file)?;
    let slug = file
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(bantin::model::Slug::parse)
        .ok_or_else(|| format!("{}: the file name is not a slug", file.display()))?;
    let article =
        Article::from_json(&text, &slug).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(prerender::static_page(&article, stylesheet))
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
