//! `site import <file or folder> [--content public/articles]` (`make import
//! FROM=…`): the thin command around `bantin-import`. Every file a format
//! claims is imported; a refused file is reported with its name, line and
//! reason, and the others still go in. The exit status says whether anything
//! was refused.

use bantin_import::store::{photos_beside, save_with_photos, Saved};
use bantin_import::{format_of, Refusal};
use std::path::{Path, PathBuf};

/// What one run did, file by file.
#[derive(Debug, Default)]
pub struct Report {
    pub written: usize,
    pub unchanged: usize,
    pub refused: usize,
}

fn files(from: &Path) -> Result<Vec<PathBuf>, String> {
    if from.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(from)
            .map_err(|e| format!("{}: {e}", from.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && format_of(p).is_some())
            .collect();
        found.sort();
        Ok(found)
    } else if from.is_file() {
        Ok(vec![from.to_path_buf()])
    } else {
        Err(format!("{}: no such file or folder", from.display()))
    }
}

/// One export, with the photos in the folder named like it (`<name>/` beside
/// `<name>.txt`). Also returns how many of those photos found no figure.
fn import_one(file: &Path, content: &Path) -> Result<(Saved, usize), Refusal> {
    let format = format_of(file).ok_or_else(|| Refusal {
        line: None,
        reason: "not an export this importer reads (the portal's text export is a .txt file)"
            .into(),
    })?;
    let bytes = std::fs::read(file).map_err(|e| Refusal {
        line: None,
        reason: e.to_string(),
    })?;
    let draft = (format.parse)(&bytes)?;
    let photos = photos_beside(file).map_err(|reason| Refusal { line: None, reason })?;
    save_with_photos(&draft, content, &photos).map_err(|reason| Refusal { line: None, reason })
}

/// Imports `from` into `content`, printing one line per file.
pub fn run(from: &Path, content: &Path) -> Result<Report, String> {
    if !content.is_dir() {
        return Err(format!(
            "{}: the content folder does not exist",
            content.display()
        ));
    }
    let mut report = Report::default();
    for file in files(from)? {
        let outcome = import_one(&file, content).map(|(saved, left_over)| {
            if left_over > 0 {
                eprintln!(
                    "{}: {left_over} photo(s) beside it had no figure to go to and were left out",
                    file.display()
                );
            }
            saved
        });
        match outcome {
            Ok(Saved::Written(slug)) => {
                report.written += 1;
                println!(
                    "{}: imported as {}/{slug}.json",
                    file.display(),
                    content.display()
                );
            }
            Ok(Saved::Unchanged(slug)) => {
                report.unchanged += 1;
                println!(
                    "{}: already there as {}/{slug}.json",
                    file.display(),
                    content.display()
                );
            }
            Err(refusal) => {
                report.refused += 1;
                eprintln!("{}: refused: {refusal}", file.display());
            }
        }
    }
    println!(
        "{} imported, {} already there, {} refused",
        report.written, report.unchanged, report.refused
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "../import/tests/exports/000_85488bca7d476926.txt";

    #[test]
    fn a_batch_imports_the_good_files_and_counts_the_refused_ones() {
        let from = tempfile::tempdir().unwrap();
        let content = tempfile::tempdir().unwrap();
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
        std::fs::copy(&seed, from.path().join("a-seed.txt")).unwrap();
        std::fs::write(from.path().join("b-no-date.txt"), "Tiêu đề\nNội dung.\n").unwrap();
        std::fs::write(from.path().join("c-binary.txt"), [0u8, 1, 2]).unwrap();
        std::fs::write(from.path().join("notes.md"), "not an export").unwrap();
        let report = run(from.path(), content.path()).unwrap();
        assert_eq!(
            (report.written, report.unchanged, report.refused),
            (1, 0, 2)
        );
        let again = run(from.path(), content.path()).unwrap();
        assert_eq!((again.written, again.unchanged, again.refused), (0, 1, 2));
        let names: Vec<String> = std::fs::read_dir(content.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn photos_in_a_folder_named_like_the_export_go_to_its_figures_in_order() {
        let from = tempfile::tempdir().unwrap();
        let content = tempfile::tempdir().unwrap();
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
        std::fs::copy(&seed, from.path().join("bai.txt")).unwrap();
        let photos = from.path().join("bai");
        std::fs::create_dir(&photos).unwrap();
        let photo = bantin_images::samples::jpeg_of(&bantin_images::samples::scene(64, 48));
        std::fs::write(photos.join("10.jpg"), b"not the first").unwrap();
        std::fs::write(photos.join("2.JPG"), &photo).unwrap();
        std::fs::write(photos.join("ghi-chu.txt"), b"not a photo").unwrap();
        let report = run(from.path(), content.path()).unwrap();
        assert_eq!((report.written, report.refused), (1, 0));
        let slug = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
        let text = std::fs::read_to_string(content.path().join(format!("{slug}.json"))).unwrap();
        let article =
            bantin::model::Article::from_json(&text, &bantin::model::Slug::parse(slug).unwrap())
                .unwrap();
        let figures: Vec<(Option<String>, Option<String>)> = article
            .body
            .iter()
            .filter_map(|b| match b {
                bantin::model::Block::Figure { caption, image } => {
                    Some((caption.clone(), image.as_ref().map(|i| i.src.clone())))
                }
                _ => None,
            })
            .collect();
        assert_eq!(figures.len(), 1, "the seed's one figure");
        assert!(figures[0]
            .0
            .as_deref()
            .unwrap()
            .starts_with("Những cá nhân"));
        assert_eq!(
            figures[0].1.as_deref(),
            Some(format!("anh/{slug}/1.jpg").as_str())
        );
        assert_eq!(
            std::fs::read(content.path().join(format!("anh/{slug}/1.jpg"))).unwrap(),
            photo,
            "2.JPG comes before 10.jpg"
        );
        let again = run(from.path(), content.path()).unwrap();
        assert_eq!(
            (again.written, again.unchanged),
            (0, 1),
            "importing twice changes nothing"
        );
    }

    #[test]
    fn an_export_without_a_photo_folder_imports_as_before() {
        let from = tempfile::tempdir().unwrap();
        let content = tempfile::tempdir().unwrap();
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
        std::fs::copy(&seed, from.path().join("bai.txt")).unwrap();
        run(from.path(), content.path()).unwrap();
        let shipped = include_str!(
            "../../../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
        );
        let slug = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
        assert_eq!(
            std::fs::read_to_string(content.path().join(format!("{slug}.json"))).unwrap(),
            shipped,
            "the seed imports exactly as the shipped file"
        );
        assert!(!content.path().join("anh").exists());
    }

    #[test]
    fn a_missing_source_or_content_folder_is_an_error() {
        let content = tempfile::tempdir().unwrap();
        assert!(run(Path::new("/nonexistent/x"), content.path()).is_err());
        assert!(run(content.path(), Path::new("/nonexistent/y")).is_err());
    }
}
