//! `site`: bantin's host program.
//!
//!   SITE_URL=<origin> [CONTENT=public/articles] [STRICT=1] [SEARCH_SHARD=10000]
//!   [PHOTO_CACHE=target/photo-cache] [COMPRESS_CACHE=target/compress-cache]
//!   [SEARCH_CACHE=target/search-cache] [PAGE_CACHE=target/page-cache] [FRESH=1]
//!   site build <dist>
//!                                                       the build steps after Trunk, in order
//!   site stage <trunk> <next> [<previous>]              the folder a build runs in: Trunk's output,
//!                                                       in the previous build's tree when given
//!   site serve [--dir dist] [--host 127.0.0.1] [--port 8080]   dist/ as production serves it
//!   site static <article.json> <stylesheet-href> [--inline <dist>]
//!                                                       a script-free page on stdout (make bench);
//!                                                       --inline: one request, the stylesheet from dist
//!   site import <file or folder> [--content public/articles]   the portal's exports as articles
//!   site generate <folder> <count> [--photos <n> [--photo-width 4000]]
//!                                                       a made-up archive (tests, make bench),
//!                                                       the first n articles with a photo
//!   site photo <file> <folder>                          one photo's copies into folder, and what
//!                                                       they cost, as JSON (operators, make bench)
//!   [CONTENT=public/articles] site data <dist>          the steps content and search alone (make dev)
//!   site names <dist>                                   the app's names, keys and limits and the build's
//!                                                       files, as JSON (the Python tests, the bench)

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: site build <dist> | site serve [--dir dist] [--host 127.0.0.1] [--port 8080] | site static <article.json> <stylesheet-href> [--inline <dist>] | site import <file or folder> [--content public/articles] | site generate <folder> <count> [--photos <n> [--photo-width <px>]] | site photo <file> <folder> | site data <dist> | site names <dist> | site stage <trunk> <next> [<previous>] | site publish <built> <dist>";

/// Imports; `Ok(false)` when a file was refused (the exit status says so).
fn import(from: &str, content: &str) -> Result<bool, String> {
    let report = bantin_site::import::run(Path::new(from), Path::new(content))?;
    Ok(report.refused == 0)
}

/// Where made photos are kept between builds: `PHOTO_CACHE`, else
/// target/photo-cache (of the folder the build runs in).
fn photo_cache_env() -> PathBuf {
    std::env::var_os("PHOTO_CACHE")
        .map_or_else(|| PathBuf::from("target/photo-cache"), PathBuf::from)
}

/// The build's caches: `PHOTO_CACHE`, `COMPRESS_CACHE` (else
/// target/compress-cache), `SEARCH_CACHE` (else target/search-cache) and
/// `PAGE_CACHE` (else target/page-cache), or none with `FRESH=1`.
fn caches_env() -> bantin_site::steps::Caches {
    if std::env::var("FRESH").is_ok_and(|v| v == "1") {
        return bantin_site::steps::Caches::default();
    }
    bantin_site::steps::Caches {
        photos: Some(photo_cache_env()),
        compressed: Some(
            std::env::var_os("COMPRESS_CACHE")
                .map_or_else(|| PathBuf::from("target/compress-cache"), PathBuf::from),
        ),
        search: Some(
            std::env::var_os("SEARCH_CACHE")
                .map_or_else(|| PathBuf::from("target/search-cache"), PathBuf::from),
        ),
        pages: Some(
            std::env::var_os("PAGE_CACHE")
                .map_or_else(|| PathBuf::from("target/page-cache"), PathBuf::from),
        ),
    }
}

/// The content folder: `CONTENT`, else public/articles.
fn content_env() -> String {
    std::env::var("CONTENT").unwrap_or_else(|_| "public/articles".into())
}

fn serve(args: &[String]) -> Result<(), String> {
    let (mut dir, mut host, mut port) = ("dist".to_string(), "127.0.0.1".to_string(), 8080u16);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--dir" => dir = value.clone(),
            "--host" => host = value.clone(),
            "--port" => port = value.parse().map_err(|_| format!("not a port: {value}"))?,
            _ => return Err(USAGE.into()),
        }
    }
    let ip: IpAddr = host
        .parse()
        .map_err(|_| format!("not an IP address: {host}"))?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(bantin_site::serve::run(
        PathBuf::from(dir),
        SocketAddr::new(ip, port),
    ))
}

/// A run that refused a file fails (its reasons are already printed).
fn all_in(ok: bool) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err("some files were refused".into())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["build", dist] => match std::env::var("SITE_URL") {
            Ok(site_url) => bantin_site::steps::run(
                Path::new(dist),
                &site_url,
                Path::new(&content_env()),
                std::env::var("STRICT").is_ok_and(|v| v == "1"),
                caches_env(),
            ),
            Err(_) => Err("SITE_URL is not set: the site's public origin, e.g. SITE_URL=https://baobackan.vn site build dist (make build sets a local one)".into()),
        },
        ["serve", ..] => serve(&args[1..]),
        ["static", file, stylesheet] => {
            bantin_site::steps::pages::static_page(Path::new(file), stylesheet, None)
                .map(|html| print!("{html}"))
        }
        ["static", file, stylesheet, "--inline", dist] => {
            bantin_site::steps::pages::static_page(Path::new(file), stylesheet, Some(Path::new(dist)))
                .map(|html| print!("{html}"))
        }
        ["import", from] => import(from, "public/articles").and_then(all_in),
        ["import", from, "--content", content] => import(from, content).and_then(all_in),
        ["publish", built, dist] => bantin_site::publish::publish(Path::new(built), Path::new(dist))
            .map(|(kept, changed)| {
                println!("site: {built} published as {dist} ({kept} file(s) of the previous build kept for pages still open); {changed} address(es) changed, listed in {} for a CDN to purge", bantin_site::publish::sibling(Path::new(dist), "purge.txt").display())
            }),
        ["stage", trunk, next, rest @ ..] if rest.len() <= 1 => {
            bantin_site::publish::stage(Path::new(trunk), Path::new(next), rest.first().map(Path::new))
                .map(|recycled| {
                    let from = if recycled { "the previous build's tree" } else { "a new folder" };
                    println!("site: {next} staged from {trunk} in {from}");
                })
        }
        ["photo", file, folder] => bantin_site::steps::photos::one(Path::new(file), Path::new(folder))
            .map(|report| println!("{report:#}")),
        ["names", dist] => bantin_site::names::names(Path::new(dist)).map(|names| println!("{names:#}")),
        ["data", dist] => bantin_site::steps::data_only(Path::new(dist), Path::new(&content_env()), Some(&photo_cache_env())),
        ["generate", folder, count] => count
            .parse()
            .map_err(|_| format!("not a count: {count}"))
            .and_then(|n| bantin_site::generate::run(Path::new(folder), n))
            .map(|n| println!("site: {n} article(s) in {folder}")),
        ["generate", folder, count, "--photos", photos, rest @ ..] => {
            let width = match rest {
                [] => Ok(4000),
                ["--photo-width", w] => w.parse().map_err(|_| format!("not a width: {w}")),
                _ => Err(USAGE.to_string()),
            };
            match (count.parse::<usize>(), photos.parse::<usize>(), width) {
                (Ok(count), Ok(photos), Ok(width)) => bantin_site::generate::run_with_photos(
                    Path::new(folder),
                    count,
                    bantin_site::generate::Photos { count: photos, width },
                )
                .map(|n| println!("site: {n} article(s), {} with a photo, in {folder}", photos.min(n))),
                (_, _, Err(e)) => Err(e),
                _ => Err(format!("not a count: {count} or {photos}")),
            }
        }
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("site: {e}");
            ExitCode::FAILURE
        }
    }
}
