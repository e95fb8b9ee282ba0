//! Step `content`'s photos: a figure whose `image.src` names a file of the
//! content folder (`"src": "anh/cho-phien.jpg"`) gets AVIF and JPEG copies in
//! `dist/anh/` (crates/images), and its published article file says where
//! they are, how large the photo is, and which copy a browser without
//! `srcset` and a shared link take ([`bantin::model::Copies`]).
//!
//! - A photo already made (same bytes, same settings: the copies' hash) is
//!   taken from the photo cache (`PHOTO_CACHE`, `make build`: target/photo-cache)
//!   without decoding it; the same photo in two articles is made once.
//! - A photo that cannot be used (missing, outside the content folder, not a
//!   picture, damaged, too many pixels) is named with its article; the
//!   article is built without it (its caption stays), and `STRICT=1` fails
//!   the build.
//! - Same-site paths (`/img/a.jpg`) and `https:` addresses are left as they
//!   are: the build fetches nothing from the web.

use bantin::model::{fold, Article, Slug};
use bantin_images::{Made, PhotoError};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The folder of dist/ the copies are written to, and their addresses' start.
pub use bantin::model::photo::FOLDER;

/// What the photos of one build came to.
#[derive(Debug, Default)]
pub struct Report {
    /// Photos made this build.
    pub made: usize,
    /// Photos taken from the cache.
    pub cached: usize,
    /// `article file: photo src: reason`, for each photo left out.
    pub problems: Vec<String>,
}

impl Report {
    pub fn summary(&self) -> String {
        format!(
            "{} photo(s): {} made, {} from the cache, {} left out",
            self.made + self.cached,
            self.made,
            self.cached,
            self.problems.len()
        )
    }
}

/// True for a `src` that names a file of the content folder: neither a
/// same-site path (`/…`) nor an `https:` address.
pub fn in_content(src: &str) -> bool {
    !src.starts_with('/') && !src.starts_with("https://")
}

/// A photo of the content folder, as a figure names it.
struct Photo {
    /// The file, canonical.
    file: PathBuf,
    /// The copies' first name: the file's name folded to `a-z 0-9 -`.
    stem: String,
}

/// Why a `src` names no usable file.
fn locate(content: &Path, src: &str) -> Result<Photo, String> {
    let relative = Path::new(src);
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err("the path leaves the content folder".into());
    }
    let root = content
        .canonicalize()
        .map_err(|e| format!("{}: {e}", content.display()))?;
    let file = root
        .join(relative)
        .canonicalize()
        .map_err(|_| "no such file in the content folder".to_string())?;
    if !file.starts_with(&root) {
        return Err("the path leaves the content folder (a link)".into());
    }
    if !file.is_file() {
        return Err("not a file".into());
    }
    let name = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let stem = Slug::from_title(&fold(name))
        .map(|s| s.as_str().chars().take(60).collect::<String>())
        .map(|s| s.trim_end_matches('-').to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "anh".into());
    Ok(Photo { file, stem })
}

/// A made photo: its size and copies, from the cache or the encoder.
#[derive(Clone)]
struct Ready {
    hash: String,
    width: u32,
    height: u32,
    widths: Vec<u32>,
    /// Where its copies are: `<width>.avif`, `<width>.jpg`.
    folder: PathBuf,
}

/// The photo cache: `<cache>/<hash>/` holds `<width>.avif`, `<width>.jpg` and
/// `size` ("4000 3000"), written whole or not at all.
struct Cache {
    root: PathBuf,
}

impl Cache {
    fn get(&self, hash: &str) -> Option<Ready> {
        let folder = self.root.join(hash);
        let size = std::fs::read_to_string(folder.join("size")).ok()?;
        let mut parts = size.split_whitespace().map(|p| p.parse::<u32>().ok());
        let (width, height) = (parts.next()??, parts.next()??);
        let widths = bantin_images::widths_for(width);
        let whole = widths.iter().all(|w| {
            bantin::model::PhotoFormat::ALL
                .iter()
                .all(|f| folder.join(format!("{w}.{}", f.extension())).is_file())
        });
        whole.then(|| Ready {
            hash: hash.to_owned(),
            width,
            height,
            widths,
            folder,
        })
    }

    /// Keeps what was made; the folder appears whole (a rename) or not at all.
    fn put(&self, hash: &str, made: &Made) -> Result<Ready, String> {
        let io = |e: std::io::Error| format!("photo cache {}: {e}", self.root.display());
        std::fs::create_dir_all(&self.root).map_err(io)?;
        let part = self
            .root
            .join(format!(".{hash}.{}.part", std::process::id()));
        let _ = std::fs::remove_dir_all(&part);
        std::fs::create_dir_all(&part).map_err(io)?;
        for copy in &made.copies {
            let name = format!("{}.{}", copy.width, copy.format.extension());
            std::fs::write(part.join(name), &copy.bytes).map_err(io)?;
        }
        std::fs::write(part.join("size"), format!("{} {}", made.width, made.height)).map_err(io)?;
        let folder = self.root.join(hash);
        if std::fs::rename(&part, &folder).is_err() {
            // Another build made it first: theirs is the same.
            let _ = std::fs::remove_dir_all(&part);
        }
        self.get(hash)
            .ok_or_else(|| format!("photo cache {}: {hash} not kept", self.root.display()))
    }
}

/// Makes or finds every photo the articles name, writes their copies to
/// `dist/anh/`, and rewrites each article that names one. `cache`: where made
/// photos are kept between builds (`None`: a folder dropped at the end).
pub fn run(
    articles: &mut [(Article, String)],
    content: &Path,
    dist: &Path,
    cache: Option<&Path>,
) -> Result<Report, String> {
    let scratch;
    let cache = Cache {
        root: match cache {
            Some(path) => path.to_path_buf(),
            None => {
                scratch = tempfile::tempdir().map_err(|e| format!("photo cache: {e}"))?;
                scratch.path().to_path_buf()
            }
        },
    };
    let out = dist.join(FOLDER);
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut report = Report::default();
    // Every photo once, whichever articles name it.
    let mut located: HashMap<String, Result<Photo, String>> = HashMap::new();
    for (article, _) in articles.iter() {
        for src in photo_sources(article) {
            located
                .entry(src.clone())
                .or_insert_with(|| locate(content, &src));
        }
    }
    let mut files: Vec<&PathBuf> = located
        .values()
        .filter_map(|p| p.as_ref().ok())
        .map(|p| &p.file)
        .collect();
    files.sort();
    files.dedup();
    let ready = make_all(&files, &cache, &mut report);
    let mut written: HashSet<String> = HashSet::new();
    for (article, text) in articles.iter_mut() {
        let sources = photo_sources(article);
        if sources.is_empty() {
            continue;
        }
        let file_name = format!("{}.json", article.slug);
        let mut value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{file_name}: {e}"))?;
        let Some(body) = value.get_mut("body").and_then(Value::as_array_mut) else {
            continue;
        };
        let mut keep = Vec::with_capacity(body.len());
        for mut block in std::mem::take(body) {
            let src = figure_photo(&block);
            let Some(src) = src else {
                keep.push(block);
                continue;
            };
            let outcome = match &located[&src] {
                Err(reason) => Err(reason.clone()),
                Ok(photo) => match &ready[&photo.file] {
                    Err(e) => Err(e.to_string()),
                    Ok(r) => place(r, &photo.stem, &out, &mut written).map(|copies| (r, copies)),
                },
            };
            match outcome {
                Ok((r, copies)) => {
                    let old = block["image"].take();
                    let alt = old
                        .get("alt")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned();
                    let mut image = bantin::model::Image {
                        src: copies.fallback(),
                        alt,
                        width: Some(r.width),
                        height: Some(r.height),
                        copies: Some(copies),
                    }
                    .to_json();
                    // Fields of the image this version does not know stay.
                    if let (Value::Object(new), Value::Object(old)) = (&mut image, old) {
                        for (k, v) in old {
                            new.entry(k).or_insert(v);
                        }
                    }
                    block["image"] = image;
                    keep.push(block);
                }
                Err(reason) => {
                    report.problems.push(format!(
                        "{file_name}: photo `{src}`: {reason}; the article is built without it"
                    ));
                    // The caption stays; a figure with nothing else goes.
                    let has_caption = block
                        .get("caption")
                        .and_then(Value::as_str)
                        .is_some_and(|c| !c.trim().is_empty());
                    if has_caption {
                        block["image"] = Value::Null;
                        keep.push(block);
                    }
                }
            }
        }
        *body = keep;
        let new_text = value.to_string();
        *article = Article::from_json(&new_text, &article.slug)
            .map_err(|e| format!("{file_name}: with its photos: {e}"))?;
        *text = new_text;
    }
    Ok(report)
}

/// `site photo <file> <folder>`: one photo's copies written into `folder`
/// as the build makes them (every core on the one photo), and what they
/// cost: the photo's size and bytes, the seconds taken, each copy's bytes.
pub fn one(file: &Path, folder: &Path) -> Result<Value, String> {
    let bytes = read_photo(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let start = std::time::Instant::now();
    let made = bantin_images::make(&bytes, None).map_err(|e| format!("{}: {e}", file.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut copies = Vec::new();
    for copy in &made.copies {
        let name = format!("{}.{}", copy.width, copy.format.extension());
        std::fs::write(folder.join(&name), &copy.bytes)
            .map_err(|e| format!("{}: {e}", folder.display()))?;
        copies.push(
            serde_json::json!({"file": name, "width": copy.width, "height": copy.height,
            "format": copy.format.as_str(), "bytes": copy.bytes.len()}),
        );
    }
    Ok(
        serde_json::json!({"width": made.width, "height": made.height, "bytes": bytes.len(),
        "seconds": seconds, "copies": copies}),
    )
}

/// The content-folder photos an article's figures name.
fn photo_sources(article: &Article) -> Vec<String> {
    article
        .body
        .iter()
        .filter_map(|block| match block {
            bantin::model::Block::Figure {
                image: Some(image), ..
            } if in_content(&image.src) => Some(image.src.clone()),
            _ => None,
        })
        .collect()
}

/// The content-folder photo of a figure block in the file, if it names one.
fn figure_photo(block: &Value) -> Option<String> {
    if block.get("type").and_then(Value::as_str) != Some("figure") {
        return None;
    }
    let src = block.get("image")?.get("src")?.as_str()?;
    in_content(src).then(|| src.to_owned())
}

/// The photos' copies, each from the cache or made (in parallel: as many at
/// once as there are cores, one encoder thread each; a lone new photo gets
/// every core).
fn make_all(
    files: &[&PathBuf],
    cache: &Cache,
    report: &mut Report,
) -> HashMap<PathBuf, Result<Ready, String>> {
    let mut ready = HashMap::new();
    let mut to_make = Vec::new();
    for &file in files {
        let bytes = match read_photo(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                ready.insert(file.clone(), Err(e));
                continue;
            }
        };
        let hash = bantin_images::hash(&bytes);
        match cache.get(&hash) {
            Some(r) => {
                report.cached += 1;
                ready.insert(file.clone(), Ok(r));
            }
            None => to_make.push((file.clone(), hash)),
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if to_make.len() < cores { None } else { Some(1) };
    let queue = std::sync::Mutex::new(to_make.into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..cores {
            scope.spawn(|| loop {
                let next = queue.lock().map(|mut q| q.next()).ok().flatten();
                let Some((file, hash)) = next else { break };
                let outcome = read_photo(&file).and_then(|bytes| {
                    let made = bantin_images::make(&bytes, threads).map_err(|e| e.to_string())?;
                    cache.put(&hash, &made)
                });
                if let Ok(mut r) = results.lock() {
                    r.push((file, outcome));
                }
            });
        }
    });
    for (file, outcome) in results.into_inner().unwrap_or_default() {
        if outcome.is_ok() {
            report.made += 1;
        }
        ready.insert(file, outcome);
    }
    ready
}

fn read_photo(file: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(file).map_err(|e| e.to_string())?.len();
    if size > bantin_images::MAX_FILE_BYTES {
        return Err(PhotoError::FileTooLarge(size).to_string());
    }
    std::fs::read(file).map_err(|e| e.to_string())
}

/// The copies in dist/anh/ under the photo's name (a hard link to the cache's
/// file where the file system allows, else a copy).
fn place(
    ready: &Ready,
    stem: &str,
    out: &Path,
    written: &mut HashSet<String>,
) -> Result<bantin::model::Copies, String> {
    let copies = bantin::model::Copies {
        path: format!("/{FOLDER}/{stem}"),
        hash: ready.hash.clone(),
        widths: ready.widths.clone(),
        formats: bantin::model::PhotoFormat::ALL.to_vec(),
    };
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for &format in &copies.formats {
        for &width in &copies.widths {
            let address = copies.file(width, format);
            if !written.insert(address.clone()) {
                continue;
            }
            let from = ready.folder.join(format!("{width}.{}", format.extension()));
            let to = out.join(address.trim_start_matches(&format!("/{FOLDER}/")));
            super::link_or_copy(&from, &to)?;
        }
    }
    Ok(copies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_images::samples;
    use serde_json::json;

    fn article_with(slug: &str, figures: Vec<Value>) -> (Article, String) {
        let mut body = vec![json!({"type": "paragraph", "text": "Chợ phiên họp mỗi tuần."})];
        body.extend(figures);
        let text =
            json!({"slug": slug, "title": "Chợ phiên", "published": "2024-05-01", "body": body})
                .to_string();
        let slug = Slug::parse(slug).unwrap();
        (Article::from_json(&text, &slug).unwrap(), text)
    }

    fn figure(src: &str, caption: Option<&str>) -> Value {
        let mut f = json!({"type": "figure", "image": {"src": src, "alt": "Người dân mua bán ở chợ phiên"}});
        if let Some(c) = caption {
            f["caption"] = c.into();
        }
        f
    }

    struct Site {
        content: tempfile::TempDir,
        dist: tempfile::TempDir,
        cache: tempfile::TempDir,
    }

    fn site(files: &[(&str, Vec<u8>)]) -> Site {
        let content = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let path = content.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        Site {
            content,
            dist: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn build(site: &Site, articles: &mut [(Article, String)]) -> Report {
        run(
            articles,
            site.content.path(),
            site.dist.path(),
            Some(site.cache.path()),
        )
        .unwrap()
    }

    fn copies_in(dist: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dist.join(FOLDER))
            .map(|d| {
                d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn a_photo_of_the_content_folder_gets_its_copies_and_its_size() {
        let photo = samples::jpeg_of(&samples::scene(1000, 750));
        let hash = bantin_images::hash(&photo);
        let s = site(&[("anh/Chợ Phiên.jpg", photo)]);
        let mut articles = vec![article_with(
            "cho-phien",
            vec![figure("anh/Chợ Phiên.jpg", Some("Chợ phiên"))],
        )];
        let report = build(&s, &mut articles);
        assert_eq!((report.made, report.cached), (1, 0));
        assert_eq!(report.problems, Vec::<String>::new());
        let (article, text) = &articles[0];
        let bantin::model::Block::Figure {
            image: Some(image),
            caption,
        } = &article.body[1]
        else {
            panic!("the figure stays: {:?}", article.body)
        };
        assert_eq!(caption.as_deref(), Some("Chợ phiên"));
        assert_eq!((image.width, image.height), (Some(1000), Some(750)));
        assert_eq!(image.alt, "Người dân mua bán ở chợ phiên");
        let copies = image.copies.as_ref().unwrap();
        assert_eq!(copies.path, "/anh/cho-phien");
        assert_eq!(copies.hash, hash);
        assert_eq!(copies.widths, [480, 800, 1000]);
        assert_eq!(image.src, format!("/anh/cho-phien-800-{hash}.jpg"));
        assert!(text.contains("\"copies\""), "the published file says so");
        let hash = hash.as_str();
        let expected: Vec<String> = ["avif", "jpg"]
            .iter()
            .flat_map(|ext| {
                [1000, 480, 800]
                    .iter()
                    .map(move |w| format!("cho-phien-{w}-{hash}.{ext}"))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(copies_in(s.dist.path()), expected);
    }

    #[test]
    fn a_photo_made_once_is_taken_from_the_cache_and_shared_by_articles() {
        let photo = samples::jpeg_of(&samples::scene(600, 400));
        let s = site(&[("anh/cho.jpg", photo)]);
        let mut articles = vec![
            article_with("mot", vec![figure("anh/cho.jpg", None)]),
            article_with("hai", vec![figure("./anh/cho.jpg", None)]),
        ];
        let first = build(&s, &mut articles.clone());
        assert_eq!((first.made, first.cached), (1, 0), "one photo, made once");
        let before: Vec<Vec<u8>> = copies_in(s.dist.path())
            .iter()
            .map(|n| std::fs::read(s.dist.path().join(FOLDER).join(n)).unwrap())
            .collect();
        let again = build(&s, &mut articles);
        assert_eq!((again.made, again.cached), (0, 1), "nothing made again");
        let after: Vec<Vec<u8>> = copies_in(s.dist.path())
            .iter()
            .map(|n| std::fs::read(s.dist.path().join(FOLDER).join(n)).unwrap())
            .collect();
        assert_eq!(before, after, "the same copies, byte for byte");
        assert_eq!(
            articles[0].1.replace("mot", "hai"),
            articles[1].1.replace("./", "")
        );
    }

    #[test]
    fn a_bad_photo_is_named_and_the_article_is_built_without_it() {
        let good = samples::jpeg_of(&samples::scene(300, 200));
        let cut = good[..good.len() / 2].to_vec();
        let s = site(&[
            ("anh/hong.jpg", cut),
            ("anh/bom.png", samples::png_claiming(20_000, 20_000)),
            ("anh/ghi-chu.jpg", b"day khong phai anh".to_vec()),
            ("anh/tot.jpg", good),
        ]);
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("ngoai.jpg"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            outside.path().join("ngoai.jpg"),
            s.content.path().join("anh/lien-ket.jpg"),
        )
        .unwrap();
        let mut articles = vec![article_with(
            "cho-phien",
            vec![
                figure("anh/hong.jpg", Some("Ảnh hỏng")),
                figure("anh/bom.png", Some("Ảnh quá lớn")),
                figure("anh/ghi-chu.jpg", None),
                figure("../ngoai.jpg", Some("Ngoài thư mục")),
                figure("anh/lien-ket.jpg", Some("Liên kết ra ngoài")),
                figure("anh/khong-co.jpg", None),
                figure("anh/tot.jpg", Some("Ảnh tốt")),
                figure("https://example.org/a.jpg", None),
            ],
        )];
        let report = build(&s, &mut articles);
        let problems = report.problems.join("\n");
        assert_eq!(report.problems.len(), 6, "{problems}");
        for (src, reason) in [
            ("anh/hong.jpg", "damaged or cut short"),
            ("anh/bom.png", "20000×20000 pixels"),
            ("anh/ghi-chu.jpg", "not a picture"),
            ("../ngoai.jpg", "leaves the content folder"),
            ("anh/lien-ket.jpg", "leaves the content folder"),
            ("anh/khong-co.jpg", "no such file"),
        ] {
            assert!(
                report.problems.iter().any(|p| p
                    .starts_with(&format!("cho-phien.json: photo `{src}`: "))
                    && p.contains(reason)),
                "{src}: {reason} in\n{problems}"
            );
        }
        let shown: Vec<(Option<&str>, bool)> = articles[0]
            .0
            .body
            .iter()
            .filter_map(|b| match b {
                bantin::model::Block::Figure { caption, image } => {
                    Some((caption.as_deref(), image.is_some()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            shown,
            [
                (Some("Ảnh hỏng"), false),
                (Some("Ảnh quá lớn"), false),
                (Some("Ngoài thư mục"), false),
                (Some("Liên kết ra ngoài"), false),
                (Some("Ảnh tốt"), true),
                (None, true),
            ],
            "captions stay; a figure with nothing left goes; the web's photo is left as it is"
        );
    }
}
