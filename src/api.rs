//! Loading the article list and articles over HTTP. Every failure is a typed
//! [`ApiError`]; nothing here panics.
//!
//! Each request carries an `AbortController`: it is aborted when the view that
//! asked for it is torn down (the reader navigated away) and after
//! [`TIMEOUT`] (a response that never finishes).

use crate::model::{Article, DataError, ListPage, Slug};
use crate::offline::{SavedAt, SAVED_AT_HEADER};
use gloo_net::http::Request;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// How long a request may take, headers and body together.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Why something could not be loaded. `Display` is for developers (the
/// console); [`ApiError::message_vi`] is for the reader.
/// What a request was for, so "not found" can say which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Article,
    List,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("not found (HTTP {0})")]
    NotFound(u16, Resource),
    #[error("network failure: {0}")]
    Network(String),
    #[error("no complete answer within {0} s")]
    Timeout(u64),
    #[error("server error (HTTP {0})")]
    Server(u16),
    #[error("bad data: {0}")]
    BadData(#[from] DataError),
    #[error("request aborted")]
    Aborted,
}

impl ApiError {
    /// A short heading for the error view.
    pub fn title_vi(&self) -> &'static str {
        match self {
            ApiError::NotFound(_, Resource::Article) => "Không tìm thấy bài viết",
            ApiError::NotFound(_, Resource::List) => "Không tìm thấy danh sách bài viết",
            ApiError::Network(_) | ApiError::Timeout(_) | ApiError::Aborted => "Không kết nối được",
            ApiError::Server(_) => "Máy chủ đang gặp sự cố",
            ApiError::BadData(_) => "Dữ liệu bị lỗi",
        }
    }

    /// What happened and what the reader can do, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            ApiError::NotFound(_, Resource::Article) => {
                "Bài viết này không có hoặc đã bị gỡ. Hãy kiểm tra lại đường dẫn.".into()
            }
            ApiError::NotFound(_, Resource::List) => {
                "Máy chủ chưa có danh sách bài viết, có thể trang đang được cập nhật. Vui lòng thử lại sau ít phút.".into()
            }
            ApiError::Network(_) => {
                "Không tải được nội dung. Vui lòng kiểm tra kết nối mạng rồi thử lại.".into()
            }
            ApiError::Timeout(s) => {
                format!("Máy chủ không trả lời sau {s} giây. Vui lòng thử lại.")
            }
            ApiError::Aborted => "Yêu cầu đã bị huỷ. Vui lòng thử lại.".into(),
            ApiError::Server(code) => {
                format!("Máy chủ trả về lỗi (mã {code}). Vui lòng thử lại sau ít phút.")
            }
            ApiError::BadData(e) => {
                format!(
                    "Không thể hiển thị vì dữ liệu không hợp lệ: {}.",
                    e.message_vi()
                )
            }
        }
    }

    /// Whether trying again can help (a retry button is offered).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout(_)
                | ApiError::Server(_)
                | ApiError::Aborted
                // A site being deployed: the list comes back.
                | ApiError::NotFound(_, Resource::List)
        )
    }
}

/// Something loaded, and whether it is a copy saved for offline reading
/// (the network failed and the service worker answered).
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched<T> {
    pub value: T,
    pub saved: Option<SavedAt>,
}

/// Maps an HTTP status for `what` to success or the error it means.
pub fn check_status(status: u16, what: Resource) -> Result<(), ApiError> {
    match status {
        200..=299 => Ok(()),
        404 | 410 => Err(ApiError::NotFound(status, what)),
        _ => Err(ApiError::Server(status)),
    }
}

/// GETs `url` as text, with an abort signal tied to the current reactive
/// owner and a time limit.
async fn get_text(url: &str, what: Resource) -> Result<Fetched<String>, ApiError> {
    let controller =
        web_sys::AbortController::new().map_err(|e| ApiError::Network(format!("{e:?}")))?;
    let signal = controller.signal();

    // The view that asked is gone: stop the download.
    let on_leave = SendWrapper::new(controller.clone());
    on_cleanup(move || {
        if on_leave.valid() {
            on_leave.abort();
        }
    });

    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = Rc::clone(&timed_out);
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            TIMEOUT,
        )
    };
    let timer = match timer {
        Ok(timer) => Some(timer),
        Err(e) => {
            // Without a timer the request still works; it just has no limit.
            web_sys::console::warn_2(&"bantin: no request time limit:".into(), &e);
            None
        }
    };

    let result = async {
        let response = Request::get(url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        check_status(response.status(), what)?;
        let saved = response
            .headers()
            .get(SAVED_AT_HEADER)
            .as_deref()
            .and_then(SavedAt::from_header);
        let value = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(Fetched { value, saved })
    }
    .await;

    if let Some(timer) = timer {
        timer.clear();
    }
    result.map_err(|e| match e {
        ApiError::Network(_) if timed_out.get() => ApiError::Timeout(TIMEOUT.as_secs()),
        ApiError::Network(_) if signal.aborted() => ApiError::Aborted,
        other => other,
    })
}

/// Loads and validates one article. (A pre-rendered page's own article is
/// already in the page: [`crate::prerender::embedded_article`].)
pub async fn fetch_article(slug: Slug) -> Result<Fetched<Article>, ApiError> {
    let text = get_text(&slug.data_url(), Resource::Article).await?;
    Ok(Fetched {
        value: Article::from_json(&text.value, &slug)?,
        saved: text.saved,
    })
}

/// Loads and validates page `number` of the article list.
pub async fn fetch_list(number: usize) -> Result<Fetched<ListPage>, ApiError> {
    let text = get_text(&ListPage::data_url(number), Resource::List).await?;
    Ok(Fetched {
        value: ListPage::from_json(&text.value, number)?,
        saved: text.saved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_distinct_errors() {
        let article = |status| check_status(status, Resource::Article);
        assert_eq!(article(200), Ok(()));
        assert_eq!(article(204), Ok(()));
        assert_eq!(
            article(404),
            Err(ApiError::NotFound(404, Resource::Article))
        );
        assert_eq!(
            article(410),
            Err(ApiError::NotFound(410, Resource::Article))
        );
        assert_eq!(
            check_status(404, Resource::List),
            Err(ApiError::NotFound(404, Resource::List))
        );
        assert_eq!(article(500), Err(ApiError::Server(500)));
        assert_eq!(article(503), Err(ApiError::Server(503)));
        assert_eq!(article(403), Err(ApiError::Server(403)));
    }

    #[test]
    fn only_transient_failures_offer_a_retry() {
        assert!(ApiError::Network("x".into()).retryable());
        assert!(ApiError::Timeout(15).retryable());
        assert!(ApiError::Server(503).retryable());
        assert!(!ApiError::NotFound(404, Resource::Article).retryable());
        assert!(ApiError::NotFound(404, Resource::List).retryable());
        assert!(!ApiError::BadData(DataError::NotAnObject).retryable());
    }

    #[test]
    fn each_error_has_its_own_vietnamese_message() {
        let errors = [
            ApiError::NotFound(404, Resource::Article),
            ApiError::NotFound(404, Resource::List),
            ApiError::Network("x".into()),
            ApiError::Timeout(15),
            ApiError::Server(503),
            ApiError::BadData(DataError::Missing("title".into())),
        ];
        let messages: Vec<String> = errors.iter().map(ApiError::message_vi).collect();
        for (i, m) in messages.iter().enumerate() {
            assert!(!messages[..i].contains(m), "{m} repeats");
        }
        assert!(messages[4].contains("503"));
        assert!(messages[5].contains("thiếu trường “title”"));
        let titles: Vec<&str> = errors.iter().map(ApiError::title_vi).collect();
        assert_eq!(titles[0], "Không tìm thấy bài viết");
        assert_eq!(titles[1], "Không tìm thấy danh sách bài viết");
    }
}
