//! Step `worker`: fills in the service worker (`dist/sw.js`) with the build's
//! name, a hash of every shell file, the list of the build's files, and
//! which of them are the whole app's (kept only once a reader opens a second
//! page). A new build therefore gets a new shell cache, and the old one is
//! deleted when it takes over. Runs after `pages`, which keeps the finished
//! shell as `shell.html` (the page the worker answers with offline), so the
//! name covers the shell as served.

use sha2::{Digest, Sha256};
use std::path::Path;

/// The lines of public/sw.js that this step rewrites (a test checks that the
/// worker has them).
pub const BUILD_LINE: &str = r#"const BUILD = "__BANTIN_BUILD__";"#;
pub const FILES_LINE: &str = r#"const SHELL_FILES = ["/"]; /* __BANTIN_SHELL_FILES__ */"#;
pub const APP_LINE: &str = r#"const APP_FILES = ["/"]; /* __BANTIN_APP_FILES__ */"#;
/// Fixed names the shell needs besides shell.html and Trunk's hashed files.
const EXTRA: [&str; 3] = ["manifest.webmanifest", "icon.svg", "listen.js"];

/// shell.html, the extra files present, then every hashed asset, sorted,
/// but the search page's islands (not kept: they cannot search offline).
pub fn shell_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut hashed = Vec::new();
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries {
        let name = entry
            .map_err(|e| e.to_string())?
            .file_name()
            .to_string_lossy()
            .into_owned();
        // The search page's islands: a search needs the network (Pagefind's
        // index is not kept), and offline the shell answers /tim-kiem.
        let finder = name.starts_with(&format!("{}-", bantin::islands::FINDER_BIN));
        if crate::rules::is_hashed_asset(&name) && !finder {
            hashed.push(name);
        }
    }
    hashed.sort();
    let mut files = vec![super::pages::SHELL.to_string()];
    files.extend(
        EXTRA
            .iter()
            .filter(|name| dist.join(name).is_file())
            .map(|name| name.to_string()),
    );
    files.extend(hashed);
    Ok(files)
}

/// The whole app's files among them: the shell, the glue and WASM its
/// loader imports, the stylesheets it links, and the speaking part of
/// "Nghe bài viết" (which a pre-rendered page loads only on a press) (a pre-rendered page carries
/// its own, step `pages`). The worker keeps these only once a reader opens a
/// second page (public/sw.js): a pre-rendered page needs only its islands.
pub fn app_files(dist: &Path) -> Result<Vec<String>, String> {
    let shell = super::pages::SHELL;
    let page = super::read(&dist.join(shell))?;
    let glue = super::html::loaded_glue(&page)?
        .ok_or_else(|| format!("{shell}: expected one loader importing the app's glue"))?;
    let stylesheets = super::html::attributes(&page, "link[rel=stylesheet]", "href")?;
    let mut files = vec![
        shell.to_string(),
        format!("{glue}.js"),
        format!("{glue}_bg.wasm"),
    ];
    files.extend(
        stylesheets
            .iter()
            .map(|href| href.trim_start_matches('/').to_string()),
    );
    // "Nghe bài viết"'s speaking part, loaded on a press (step `listen`).
    let listen = bantin::components::listen::MODULE.trim_start_matches('/');
    if dist.join(listen).is_file() {
        let module = super::read(&dist.join(listen))?;
        let glue = super::html::glue_of(&module)
            .ok_or_else(|| format!("{listen}: expected it to import a glue file"))?;
        files.extend([
            listen.to_string(),
            format!("{glue}.js"),
            format!("{glue}_bg.wasm"),
        ]);
    }
    match files.iter().find(|name| !dist.join(name).is_file()) {
        Some(missing) => Err(format!("{shell} loads {missing}, which is not in dist/")),
        None => Ok(files),
    }
}

/// The worker with the app's names, limits and patterns in place
/// ([`bantin::worker::config`]): every build, `make dev`'s too, since the
/// worker cannot run without them.
pub fn configure(worker: &str) -> Result<String, String> {
    bantin::worker::configured(worker).ok_or_else(|| {
        format!(
            "sw.js lacks its configuration's place ({}), or has it twice",
            bantin::worker::PLACEHOLDER
        )
    })
}

/// `dist/sw.js` configured, for a debug build (`make dev`): its build's name
/// and files stay unfilled, so it caches only the site's root.
pub fn configure_in(dist: &Path) -> Result<(), String> {
    let path = dist.join("sw.js");
    super::write(&path, &configure(&super::read(&path)?)?)
}

pub fn fill_in(worker: &str, dist: &Path) -> Result<(String, usize), String> {
    if !worker.contains(BUILD_LINE) || !worker.contains(FILES_LINE) || !worker.contains(APP_LINE) {
        return Err("sw.js lacks its placeholders (already filled in?)".into());
    }
    let worker = &configure(worker)?;
    let files = shell_files(dist)?;
    let mut digest = Sha256::new();
    for name in &files {
        digest.update(name.as_bytes());
        digest.update(std::fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?);
    }
    let build = super::hex(&digest.finalize()[..8]);
    let urls = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("\"/{name}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let filled = worker
        .replace(BUILD_LINE, &format!("const BUILD = \"{build}\";"))
        .replace(
            FILES_LINE,
            &format!("const SHELL_FILES = [{}];", urls(&files)),
        )
        .replace(
            APP_LINE,
            &format!("const APP_FILES = [{}];", urls(&app_files(dist)?)),
        );
    Ok((filled, files.len()))
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let path = dist.join("sw.js");
    let (worker, count) = fill_in(&super::read(&path)?, dist)?;
    super::write(&path, &worker)?;
    Ok(format!(
        "sw.js caches {count} shell files under this build's name"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_in_public_has_the_placeholders() {
        let worker = include_str!("../../../../public/sw.js");
        assert!(
            worker.contains(BUILD_LINE) && worker.contains(FILES_LINE) && worker.contains(APP_LINE)
        );
    }

    #[test]
    fn names_the_build_after_its_shell_and_lists_it() {
        let dist = tempfile::tempdir().expect("a folder");
        let shell = "<html><link rel=stylesheet href=/main-0123456789abcdef.css><script type=module>import init from '/bantin-0123456789abcdef.js';</script>";
        for (name, text) in [
            ("shell.html", shell),
            ("index.html", "the home page, not the shell"),
            ("icon.svg", "<svg/>"),
            ("bantin-0123456789abcdef_bg.wasm", "w"),
            ("bantin-0123456789abcdef.js", "j"),
            ("reader-fedcba9876543210_bg.wasm", "islands"),
            (
                "finder-0011223344556677_bg.wasm",
                "the search page's islands",
            ),
            ("main-0123456789abcdef.css", "c"),
            ("sw.js", "not in the shell"),
        ] {
            std::fs::write(dist.path().join(name), text).expect("a file");
        }
        let worker = format!(
            "{BUILD_LINE}\n{FILES_LINE}\n{APP_LINE}\nconst C = {};\n",
            bantin::worker::PLACEHOLDER
        );
        let (filled, n) = fill_in(&worker, dist.path()).unwrap();
        assert_eq!(n, 6);
        assert!(filled.contains(r#"const SHELL_FILES = ["/shell.html", "/icon.svg", "/bantin-0123456789abcdef.js", "/bantin-0123456789abcdef_bg.wasm", "/main-0123456789abcdef.css", "/reader-fedcba9876543210_bg.wasm"];"#));
        assert!(
            filled.contains(r#"const APP_FILES = ["/shell.html", "/bantin-0123456789abcdef.js", "/bantin-0123456789abcdef_bg.wasm", "/main-0123456789abcdef.css"];"#),
            "the whole app: the shell, what its loader imports and its stylesheet, not the islands"
        );
        let build = filled.lines().next().unwrap().to_string();
        assert_eq!(build.len(), r#"const BUILD = "0123456789abcdef";"#.len());
        std::fs::write(dist.path().join("shell.html"), format!("{shell} changed")).expect("a file");
        let (again, _) = fill_in(&worker, dist.path()).unwrap();
        assert_ne!(
            again.lines().next().unwrap(),
            build,
            "a new shell, a new name"
        );
        assert!(fill_in(&filled, dist.path()).is_err(), "already filled in");
        assert!(
            filled.contains(r#""maxSavedArticles":200"#),
            "the app's limits in place"
        );
        std::fs::remove_file(dist.path().join("bantin-0123456789abcdef.js")).expect("gone");
        assert!(
            app_files(dist.path()).is_err(),
            "the shell loads a file the build lacks"
        );
    }
}
