//! What a production host answers for a path of `dist/`: which file, which
//! status, which headers. `make serve` follows these rules; `deploy/nginx.conf`
//! says the same in nginx's words, and the tests below hold the two together
//! (the end-to-end tests then check both servers' answers side by side).

use std::path::{Path, PathBuf};

/// Longest request target answered; nginx's default `large_client_header_buffers`
/// (8k) refuses longer request lines with 414.
pub const MAX_TARGET_BYTES: usize = 8 * 1024;

/// The directives both policies carry: the page's `<meta>` (written by the
/// build step `csp`) and the HTTP header of both servers.
pub const POLICY_DIRECTIVES: [&str; 8] = [
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "font-src 'self'",
    // WebKit does not know manifest-src: it logs "Unrecognized
    // Content-Security-Policy directive" once per policy and goes on (it does
    // not police the manifest). It stays, because without it Chromium and
    // Firefox would apply `default-src 'none'` to the manifest and refuse it
    // (no installing), and allowing it through `default-src` would loosen
    // every kind of request this list does not name.
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
];

fn policy(script_src: String, style_src: String, last: &[&str]) -> String {
    let mut parts = vec!["default-src 'none'".to_string(), script_src, style_src];
    parts.extend(POLICY_DIRECTIVES.iter().chain(last).map(|d| d.to_string()));
    parts.join("; ")
}

/// `directive` with each of `hashes` after it.
fn with_hashes(directive: &str, hashes: &[String]) -> String {
    std::iter::once(directive)
        .chain(hashes.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's own policy: inline scripts and inline stylesheets (a
/// pre-rendered page carries its stylesheet in a `<style>`, step `pages`)
/// only by the hash of each one.
pub fn page_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    policy(
        with_hashes("script-src 'self' 'wasm-unsafe-eval'", script_hashes),
        with_hashes("style-src 'self'", style_hashes),
        &[],
    )
}

/// The header's policy: what a `<meta>` cannot hold (`frame-ancestors`) and the
/// directives that do not change between builds. It names no hashes: the
/// browser enforces both policies, so an inline script or stylesheet is used
/// only if its hash is in the page, and this header never goes stale when a
/// new build is deployed without reloading the server. See
/// docs/operating.md, "Security and robustness".
pub fn header_policy() -> String {
    policy(
        "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'".into(),
        "style-src 'self' 'unsafe-inline'".into(),
        &["frame-ancestors 'none'"],
    )
}

/// Sent on every answer, with the header policy.
pub const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
];

/// Every security header with its value, the policy first.
pub fn security_headers() -> Vec<(&'static str, String)> {
    std::iter::once(("Content-Security-Policy", header_policy()))
        .chain(SECURITY_HEADERS.iter().map(|(n, v)| (*n, v.to_string())))
        .collect()
}

/// Trunk's content-hashed files (`bantin-<hash>_bg.wasm`, `main-<hash>.css`)
/// never change under their name: cache them for a year.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (the shell, pre-rendered pages, article JSON, `sw.js`, the
/// manifest) is revalidated on every use, so a new build reaches readers at once.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// File kinds sent compressed: `make build` writes `<file>.br` and `<file>.gz`
/// beside each (when smaller), and both servers pick one by `Accept-Encoding`.
pub const COMPRESSIBLE: [&str; 9] = [
    "html",
    "js",
    "css",
    "json",
    "wasm",
    "svg",
    "webmanifest",
    "xml",
    "txt",
];

/// The `Content-Type` of a file kind (nginx: Debian's `mime.types` plus the
/// `types` and `charset_types` of deploy/nginx.conf).
pub fn content_type(path: &str) -> &'static str {
    match extension(path) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "application/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml; charset=utf-8",
        Some("webmanifest") => "application/manifest+json; charset=utf-8",
        Some("xml") => "text/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The extension of the last path segment, if it has one.
pub fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, ext)| ext)
}

pub fn is_compressible(path: &str) -> bool {
    extension(path).is_some_and(|ext| COMPRESSIBLE.contains(&ext))
}

/// How many hex digits a hash in Trunk's file names has: a `u64` written
/// with `{:x}` (Trunk 0.21, src/pipelines), so 16, or fewer when it starts
/// with zeros (one build in 16 has 15). Fewer than 8 would be one in 4
/// billion: shorter runs are names, not hashes.
pub const HASH_DIGITS: std::ops::RangeInclusive<usize> = 8..=16;

/// The same rule as nginx's `map` on `$uri` writes it (deploy/nginx.conf).
pub fn hashed_asset_pattern() -> String {
    format!(
        r#""~-[0-9a-f]{{{},{}}}(_bg)?\.(wasm|js|css)$""#,
        HASH_DIGITS.start(),
        HASH_DIGITS.end()
    )
}

/// True for Trunk's hashed asset names: `<name>-<hash>[_bg].<wasm|js|css>`,
/// the hash of [`HASH_DIGITS`] lowercase hex digits.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "wasm" | "js" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty()
                && HASH_DIGITS.contains(&hash.len())
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        None => false,
    }
}

/// The photos' copies (step `content`, [`crate::steps::photos`]):
/// `/anh/<name>-<width>-<hash>.<avif|jpg>`, named by the photo's bytes and the
/// build's settings, so they never change under their name either.
pub fn is_photo_copy(path: &str) -> bool {
    bantin::model::photo::is_copy(path)
}

/// [`is_photo_copy`] as nginx's `map` on `$uri` writes it (deploy/nginx.conf).
pub fn photo_copy_pattern() -> String {
    format!("\"~{}\"", bantin::model::photo::copy_pattern())
}

pub fn cache_control(path: &str) -> &'static str {
    if is_hashed_asset(path) || is_photo_copy(path) {
        CACHE_IMMUTABLE
    } else {
        CACHE_REVALIDATE
    }
}

/// What to answer for a request path.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// Serve this file of dist/ (a `/`-rooted, normalised path) with 200.
    File(String),
    /// 301 to this address (one address per article: `/articles/<slug>`).
    Redirect(String),
    /// 404: a file name (it has an extension) that dist/ does not hold.
    NotFound,
    /// 404 with the shell: an address with no page (a removed article,
    /// `/trang/99999`, a mistyped link). The status tells crawlers and link
    /// checkers; the shell's app shows the reader "not found" (and, offline,
    /// can still show a saved copy).
    Missing,
    /// 400: not a path inside dist/ (climbs above it, or holds NUL or invalid UTF-8).
    BadRequest,
    /// 414: longer than [`MAX_TARGET_BYTES`].
    TooLong,
}

/// Decodes `%XX`, then resolves `.` and `..` as nginx does; `None` if the path
/// climbs above the root or is not UTF-8 without NUL.
pub fn normalise(raw: &str) -> Option<String> {
    let text = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if text.contains('\0') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for segment in text.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut path = format!("/{}", parts.join("/"));
    if text.ends_with('/') && path != "/" {
        path.push('/');
    }
    Some(path)
}

/// The folders whose pre-rendered `<name>.html` pages are served at
/// `/<folder>/<name>`, and asked for by file name are sent there.
pub const PAGE_FOLDERS: [&str; 2] = ["articles", "trang"];

/// The page for every address without one of its own (the app shows what
/// the address names, or "not found"); the build step `pages` writes it.
pub const SHELL_PAGE: &str = "/shell.html";

/// The addresses the shell answers with 200 where the build has no page
/// for them: the search page (which `site build` pre-renders, as
/// `tim-kiem.html`). Every other address without a page is
/// [`Answer::Missing`].
pub const SHELL_ROUTES: [&str; 1] = [bantin::search::ROUTE];

/// The production routing of deploy/nginx.conf: a file that exists; a
/// pre-rendered `articles/<slug>.html` or `trang/<k>.html` asked by name goes
/// to its pretty address; a missing file name is a real 404; `/` is
/// `index.html` (the home page), `/articles/<slug>` and `/trang/<k>` get their
/// pre-rendered page; the shell's own routes get the shell, and any other
/// path the shell with a 404.
pub fn answer(dist: &Path, raw_path: &str) -> Answer {
    if raw_path.len() > MAX_TARGET_BYTES {
        return Answer::TooLong;
    }
    let Some(path) = normalise(raw_path) else {
        return Answer::BadRequest;
    };
    for folder in PAGE_FOLDERS {
        if let Some(name) = path
            .strip_prefix(&format!("/{folder}/"))
            .and_then(|rest| rest.strip_suffix(".html"))
        {
            if !name.is_empty() && !name.contains('/') {
                return Answer::Redirect(format!("/{folder}/{name}"));
            }
        }
    }
    if is_file(&within(dist, &path)) {
        return Answer::File(path);
    }
    if extension(&path).is_some() {
        return Answer::NotFound;
    }
    let page = match path.as_str() {
        "/" => "/index.html".to_string(),
        _ => format!("{}.html", path.trim_end_matches('/')),
    };
    if is_file(&within(dist, &page)) {
        return Answer::File(page);
    }
    if SHELL_ROUTES.contains(&path.as_str()) {
        return Answer::File(SHELL_PAGE.into());
    }
    Answer::Missing
}

fn within(dist: &Path, path: &str) -> PathBuf {
    dist.join(path.trim_start_matches('/'))
}

fn is_file(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for file in [
            "index.html",
            "shell.html",
            "bantin-0123456789abcdef_bg.wasm",
            "trang/moi-nhat.json",
            "trang/1.json",
            "trang/1.html",
            "trang/2.json",
            "trang/2.html",
            "articles/bai-mot.json",
            "articles/bai-mot.html",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            std::fs::write(path, "x").expect("a file");
        }
        dir
    }

    #[test]
    fn routes_like_production() {
        let d = dist();
        let d = d.path();
        let file = |p: &str| Answer::File(p.into());
        assert_eq!(answer(d, "/"), file("/index.html"));
        assert_eq!(
            answer(d, "/articles/bai-mot"),
            file("/articles/bai-mot.html")
        );
        assert_eq!(
            answer(d, "/articles/bai-mot.json"),
            file("/articles/bai-mot.json")
        );
        assert_eq!(
            answer(d, "/articles/khong-co"),
            Answer::Missing,
            "a removed article"
        );
        assert_eq!(answer(d, "/trang/2"), file("/trang/2.html"));
        assert_eq!(answer(d, "/trang/2.json"), file("/trang/2.json"));
        assert_eq!(answer(d, "/trang/3"), Answer::Missing, "past the last page");
        assert_eq!(answer(d, "/mot/hai"), Answer::Missing);
        assert_eq!(answer(d, "/trang/3.json"), Answer::NotFound);
        assert_eq!(
            answer(d, "/trang/1"),
            file("/trang/1.html"),
            "the oldest page, not the home page"
        );
        assert_eq!(
            answer(d, "/trang/2.html"),
            Answer::Redirect("/trang/2".into())
        );
        assert_eq!(
            answer(d, "/tim-kiem"),
            file("/shell.html"),
            "a build without the pre-rendered search page"
        );
        assert_eq!(
            answer(d, "/tim-kiem/"),
            Answer::Missing,
            "as nginx's exact match"
        );
        std::fs::write(d.join("tim-kiem.html"), "x").expect("a file");
        assert_eq!(answer(d, "/tim-kiem"), file("/tim-kiem.html"));
        assert_eq!(answer(d, "/articles/khong-co.json"), Answer::NotFound);
        assert_eq!(
            answer(d, "/bantin-ffffffffffffffff_bg.wasm"),
            Answer::NotFound
        );
        assert_eq!(
            answer(d, "/articles/bai-mot.html"),
            Answer::Redirect("/articles/bai-mot".into())
        );
        assert_eq!(answer(d, "/index.html"), file("/index.html"));
    }

    #[test]
    fn never_leaves_dist() {
        let d = dist();
        let d = d.path();
        for hostile in [
            "/..%2f..%2fetc/passwd",
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/articles/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        ] {
            assert_eq!(answer(d, hostile), Answer::BadRequest, "{hostile}");
        }
        assert_eq!(answer(d, "/a%00b"), Answer::BadRequest);
        assert_eq!(answer(d, "/%ff"), Answer::BadRequest);
        // Only two hex digits make an escape: "%+1" is three characters, not byte 1.
        assert_eq!(normalise("/a%+1"), Some("/a%+1".into()));
        // Inside dist/ after resolving: fine, as in nginx.
        assert_eq!(
            answer(d, "/articles/../index.html"),
            Answer::File("/index.html".into())
        );
        assert_eq!(
            answer(d, &format!("/{}", "a".repeat(10_000))),
            Answer::TooLong
        );
    }

    #[test]
    fn hashed_assets_are_immutable_and_the_rest_revalidates() {
        assert_eq!(
            cache_control("/bantin-0123456789abcdef_bg.wasm"),
            CACHE_IMMUTABLE
        );
        assert_eq!(
            cache_control("/bantin-0123456789abcdef.js"),
            CACHE_IMMUTABLE
        );
        assert_eq!(cache_control("/main-0123456789abcdef.css"), CACHE_IMMUTABLE);
        assert_eq!(
            cache_control("/bantin-7de1143b0378fb8_bg.wasm"),
            CACHE_IMMUTABLE,
            "a hash that began with a zero (Trunk writes no leading zeros)"
        );
        for path in [
            "/index.html",
            "/sw.js",
            "/manifest.webmanifest",
            "/articles/bai-mot.json",
            "/articles/bai-mot-2020-08-21.json",
            "/bantin-0123456789ABCDEF.js",
            "/-0123456789abcdef.js",
            "/search-1.js",
            "/bantin-0123456789abcdef0.js",
        ] {
            assert_eq!(cache_control(path), CACHE_REVALIDATE, "{path}");
        }
    }

    #[test]
    fn the_photos_copies_are_immutable_and_no_other_picture_is() {
        for path in [
            "/anh/cho-phien-800-3f9a0c1d2e4b5a6c.avif",
            "/anh/cho-phien-1600-3f9a0c1d2e4b5a6c.jpg",
            "/anh/a-480-0000000000000000.jpg",
        ] {
            assert!(is_photo_copy(path), "{path}");
            assert_eq!(cache_control(path), CACHE_IMMUTABLE, "{path}");
            assert_eq!(
                content_type(path),
                if path.ends_with(".avif") {
                    "image/avif"
                } else {
                    "image/jpeg"
                }
            );
        }
        for path in [
            "/share.png",
            "/img/cho-phien-800-3f9a0c1d2e4b5a6c.jpg",
            "/anh/cho-phien-3f9a0c1d2e4b5a6c.jpg",
            "/anh/cho-phien-800-3f9a0c1d2e4b5a6.jpg",
            "/anh/cho-phien-800-3F9A0C1D2E4B5A6C.jpg",
            "/anh/cho-phien-800-3f9a0c1d2e4b5a6c.png",
            "/anh/-800-3f9a0c1d2e4b5a6c.jpg",
            "/anh/sub/cho-800-3f9a0c1d2e4b5a6c.jpg",
        ] {
            assert!(!is_photo_copy(path), "{path}");
            assert_eq!(cache_control(path), CACHE_REVALIDATE, "{path}");
        }
    }

    /// deploy/nginx.conf must send exactly these headers, cache rules and
    /// file kinds; a change to one side without the other fails here.
    #[test]
    fn nginx_conf_says_the_same() {
        let conf = include_str!("../../../deploy/nginx.conf");
        for (name, value) in security_headers() {
            let line = format!("add_header {name} \"{value}\" always;");
            assert!(conf.contains(&line), "deploy/nginx.conf lacks: {line}");
        }
        let redirect = format!("location ~ ^/({})/([^/]+)\\.html$", PAGE_FOLDERS.join("|"));
        assert!(
            conf.contains(&redirect),
            "deploy/nginx.conf lacks: {redirect}"
        );
        assert!(conf.contains("try_files $uri $uri.html =404;"));
        assert!(conf.contains(&format!("error_page 404 {SHELL_PAGE};")));
        for route in SHELL_ROUTES {
            let line = format!("location = {route} {{ try_files {route}.html {SHELL_PAGE}; }}");
            assert!(conf.contains(&line), "deploy/nginx.conf lacks: {line}");
        }
        assert!(
            !conf.contains("return 301 /;"),
            "/trang/1 is a page of its own"
        );
        assert!(conf.contains(&format!("try_files /index.html {SHELL_PAGE};")));
        assert!(conf.contains(&format!("\"{CACHE_IMMUTABLE}\"")));
        for pattern in [hashed_asset_pattern(), photo_copy_pattern()] {
            assert!(
                conf.contains(&pattern),
                "deploy/nginx.conf lacks: {pattern}"
            );
        }
        assert!(conf.contains(&format!("default \"{CACHE_REVALIDATE}\"")));
        for ext in COMPRESSIBLE {
            let kind = content_type(&format!("x.{ext}"));
            let essence = kind.split(';').next().unwrap_or(kind);
            assert!(
                conf.contains(essence) || ext == "html" || ext == "wasm" || ext == "txt",
                "deploy/nginx.conf does not name {essence} (for .{ext})"
            );
        }
    }
}
