//! `site`: bantin's host program.
//!
//!   site compress <dir>                             `.br` and `.gz` beside every text and WASM file
//!   site serve [--dir dist] [--host 127.0.0.1] [--port 8080]   dist/ as production serves it

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: site compress <dir> | site serve [--dir dist] [--host 127.0.0.1] [--port 8080]";

fn compress(dir: &str) -> Result<(), String> {
    let totals = bantin_site::compress::precompress(&PathBuf::from(dir))?;
    let kb = |bytes: u64| bytes as f64 / 1024.0;
    println!(
        "compress: {} files in {dir}/, {:.1} KB -> {:.1} KB brotli, {:.1} KB gzip",
        totals.files,
        kb(totals.bytes),
        kb(totals.brotli),
        kb(totals.gzip)
    );
    Ok(())
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("compress") if args.len() == 2 => compress(&args[1]),
        Some("serve") => serve(&args[1..]),
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
