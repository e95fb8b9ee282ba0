//! `make serve`: dist/ served the way deploy/nginx.conf serves it (the routing,
//! headers and precompressed files of [`crate::rules`]), on one port.
//!
//! tower-http's ServeDir does the file work (precompressed `.br`/`.gz` chosen
//! by `Accept-Encoding`, `Range`, `HEAD`, `If-Modified-Since`); this module
//! only decides which file a path means and adds the headers.

use crate::rules::{self, Answer};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Response, StatusCode};
use axum::serve::ListenerExt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeDir;

#[derive(Clone)]
struct Site {
    dist: Arc<PathBuf>,
    files: ServeDir,
    /// [`rules::security_headers`], parsed once.
    security: Arc<Vec<(HeaderName, HeaderValue)>>,
}

/// Bytes written as `%XX` when a normalised path goes back into a URI: all but
/// the unreserved set and `/`.
const PATH_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// True if `make build` wrote a `.br` or `.gz` beside this file of dist/.
fn has_variant(dist: &std::path::Path, path: &str) -> bool {
    let file = dist.join(path.trim_start_matches('/'));
    rules::is_compressible(path)
        && [".br", ".gz"].iter().any(|suffix| {
            let mut name = file.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name).is_file()
        })
}

/// True if the client takes brotli or gzip (what ServeDir then sends).
fn accepts_compression(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            (name.eq_ignore_ascii_case("br") || name.eq_ignore_ascii_case("gzip")) && !refused
        })
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

async fn handle(State(site): State<Site>, mut request: Request) -> Response<Body> {
    let target = request.uri().path_and_query().map_or("", |pq| pq.as_str());
    let answer = if target.len() > rules::MAX_TARGET_BYTES {
        Answer::TooLong
    } else {
        rules::answer(&site.dist, request.uri().path())
    };
    // A missing page is the shell, whole and with a 404, as nginx's
    // `error_page` sends it: no range, no 304.
    let missing = answer == Answer::Missing;
    if missing {
        let headers = request.headers_mut();
        for name in [
            header::RANGE,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
        ] {
            headers.remove(name);
        }
    }
    let (mut response, served) = match answer {
        Answer::File(_) | Answer::Missing => {
            let path = match answer {
                Answer::File(path) => path,
                _ => rules::SHELL_PAGE.to_string(),
            };
            let encoded = percent_encoding::utf8_percent_encode(&path, PATH_ESCAPES).to_string();
            *request.uri_mut() = encoded.parse().unwrap_or_default();
            let compressed = has_variant(&site.dist, &path);
            // As nginx: a compressed answer is sent whole; a byte range of a
            // brotli stream is of no use to a client.
            if compressed && accepts_compression(&request) {
                request.headers_mut().remove(header::RANGE);
            }
            let mut response = match site.files.clone().oneshot(request).await {
                Ok(response) => response.map(Body::new),
                Err(never) => match never {},
            };
            if missing && response.status() == StatusCode::OK {
                *response.status_mut() = StatusCode::NOT_FOUND;
            }
            (response, Some((path, compressed)))
        }
        Answer::Redirect(to) => {
            let mut response = plain(StatusCode::MOVED_PERMANENTLY, "Moved Permanently\n");
            if let Ok(location) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            (response, None)
        }
        Answer::NotFound => (plain(StatusCode::NOT_FOUND, "404 Not Found\n"), None),
        Answer::BadRequest => (plain(StatusCode::BAD_REQUEST, "400 Bad Request\n"), None),
        Answer::TooLong => (
            plain(StatusCode::URI_TOO_LONG, "414 Request-URI Too Large\n"),
            None,
        ),
    };
    let headers = response.headers_mut();
    for (name, value) in site.security.iter() {
        headers.insert(name.clone(), value.clone());
    }
    let path = served.as_ref().map_or("", |(path, _)| path.as_str());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(rules::cache_control(path)),
    );
    if let Some((path, compressed)) = served {
        if response.status().is_success() || missing {
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(rules::content_type(&path)),
            );
        }
        // As nginx's gzip_static: the answer varies when a variant exists.
        if compressed {
            response
                .headers_mut()
                .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        }
    }
    response
}

pub fn router(dist: PathBuf) -> axum::Router {
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let security = rules::security_headers()
        .into_iter()
        .filter_map(|(name, value)| {
            Some((
                HeaderName::from_bytes(name.as_bytes()).ok()?,
                HeaderValue::from_str(&value).ok()?,
            ))
        })
        .collect();
    let site = Site {
        dist: Arc::new(dist),
        files,
        security: Arc::new(security),
    };
    axum::Router::new().fallback(handle).with_state(site)
}

/// Serves `dist` on `addr` until Ctrl-C.
pub async fn run(dist: PathBuf, addr: SocketAddr) -> Result<(), String> {
    for page in ["/index.html", crate::rules::SHELL_PAGE] {
        if !dist.join(page.trim_start_matches('/')).is_file() {
            return Err(format!(
                "{}{page} is missing: run `make build` first",
                dist.display()
            ));
        }
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!(
        "bantin: serving {}/ on http://{local}/ (Ctrl+C stops)",
        dist.display()
    );
    // Without TCP_NODELAY every answer waits ~40 ms for a delayed ACK (the
    // headers and the body go out as two writes): measured 443 req/s, p50 44 ms.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(dist))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
