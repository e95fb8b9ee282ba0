//! `site build <dist>`: everything that happens to Trunk's output, as named
//! steps in one fixed order. Each step says why it comes where it does.
//!
//! | step       | what                                          | after            |
//! |------------|-----------------------------------------------|------------------|
//! | `content`  | dist/articles/ from CONTENT, the list derived | Trunk            |
//! | `script`   | the page's script: preferences, early toolbar | Trunk            |
//! | `loader`   | Trunk's loader waits for the first paint      | Trunk            |
//! | `csp`      | the page's policy, with each script's hash    | `loader` (edits a script) |
//! | `worker`   | sw.js: the build's name and shell files       | `csp` (last edit of index.html) |
//! | `pages`    | a pre-rendered page per article               | `csp` (copies the finished shell) |
//! | `feeds`    | feed.xml, feed.json, sitemap.xml, robots.txt  | `pages` (the same articles)      |
//! | `compress` | `.br` and `.gz` beside every text/WASM file   | every step that writes a file |

pub mod compress;
pub mod content;
pub mod csp;
pub mod feeds;
pub mod html;
pub mod loader;
pub mod pages;
pub mod script;
pub mod worker;

use bantin::model::share::SiteUrl;
use bantin::model::{Article, ArticleIndex};
use std::path::{Path, PathBuf};

/// What a build works on, and its settings.
pub struct Build {
    /// Trunk's output, finished in place.
    pub dist: PathBuf,
    /// The site's public origin (`SITE_URL`), for the absolute addresses
    /// that shared links and crawlers need.
    pub site: SiteUrl,
    /// The folder of article files (`CONTENT`).
    pub content: PathBuf,
    /// `STRICT=1`: a file that fails validation fails the build.
    pub strict: bool,
}

pub struct Step {
    pub name: &'static str,
    /// Does the step's work on `dist/` and says what it did.
    pub run: fn(&Build) -> Result<String, String>,
}

pub const STEPS: [Step; 8] = [
    Step {
        name: "content",
        run: content::run,
    },
    Step {
        name: "script",
        run: script::run,
    },
    Step {
        name: "loader",
        run: loader::run,
    },
    Step {
        name: "csp",
        run: csp::run,
    },
    Step {
        name: "worker",
        run: worker::run,
    },
    Step {
        name: "pages",
        run: pages::run,
    },
    Step {
        name: "feeds",
        run: feeds::run,
    },
    Step {
        name: "compress",
        run: compress::run,
    },
];

/// Runs every step in order; stops at the first that fails, naming it.
pub fn run(dist: &Path, site_url: &str, content: &Path, strict: bool) -> Result<(), String> {
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "{}/index.html is missing: run Trunk first",
            dist.display()
        ));
    }
    let build = Build {
        dist: dist.to_path_buf(),
        site: SiteUrl::parse(site_url)?,
        content: content.to_path_buf(),
        strict,
    };
    for step in &STEPS {
        let done = (step.run)(&build).map_err(|e| format!("step `{}`: {e}", step.name))?;
        println!("[build] {}: {done}", step.name);
    }
    Ok(())
}

/// The articles of `dist/articles/`, in the list's order (newest first), as
/// `content` wrote them; one that fails validation is reported and left out.
fn articles(dist: &Path, step: &str) -> Result<Vec<Article>, String> {
    let folder = dist.join("articles");
    let index = ArticleIndex::from_json(&read(&folder.join("index.json"))?)
        .map_err(|e| format!("articles/index.json: {e}"))?;
    let mut articles = Vec::with_capacity(index.articles.len());
    for entry in &index.articles {
        let file = folder.join(format!("{}.json", entry.slug));
        match Article::from_json(&read(&file)?, &entry.slug) {
            Ok(article) => articles.push(article),
            Err(e) => eprintln!("[build] {step}: skipping {}: {e}", file.display()),
        }
    }
    Ok(articles)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
