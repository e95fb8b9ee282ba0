//! Why a file was refused, naming the field.

/// Why a file was refused. `Display` is for developers; [`DataError::message_vi`]
/// is what the reader sees.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("file is {0} bytes, over the limit")]
    TooLarge(usize),
    #[error("top level is not a JSON object")]
    NotAnObject,
    #[error("schema version {0} is newer than this app understands")]
    UnsupportedSchema(String),
    #[error("missing field `{0}`")]
    Missing(String),
    #[error("field `{field}` should be {expected}")]
    WrongType {
        field: String,
        expected: &'static str,
    },
    #[error("field `{0}` is empty")]
    Empty(String),
    #[error("field `{field}` is not valid: {reason}")]
    Invalid { field: String, reason: &'static str },
    #[error("article has neither a lead nor any body block")]
    NoContent,
    #[error("file is for article `{found}`, expected `{expected}`")]
    SlugMismatch { expected: String, found: String },
}

impl DataError {
    /// What the reader is told, in Vietnamese, naming the faulty field.
    pub fn message_vi(&self) -> String {
        match self {
            DataError::NotJson(_) => "tệp không phải JSON hợp lệ".into(),
            DataError::TooLarge(n) => format!("tệp quá lớn ({} MB)", n / (1024 * 1024)),
            DataError::NotAnObject => "tệp không phải một đối tượng JSON".into(),
            DataError::UnsupportedSchema(v) => {
                format!("định dạng phiên bản {v} chưa được ứng dụng này hỗ trợ")
            }
            DataError::Missing(f) => format!("thiếu trường “{f}”"),
            DataError::WrongType { field, expected } => {
                format!("trường “{field}” sai kiểu (cần {})", expected_vi(expected))
            }
            DataError::Empty(f) => format!("trường “{f}” đang trống"),
            DataError::Invalid { field, reason } => {
                format!("trường “{field}” không hợp lệ ({})", reason_vi(reason))
            }
            DataError::NoContent => "bài viết không có nội dung".into(),
            DataError::SlugMismatch { .. } => "tệp thuộc về một bài viết khác".into(),
        }
    }
}

pub(crate) fn expected_vi(expected: &str) -> &'static str {
    match expected {
        "a string" => "chuỗi ký tự",
        "an array" => "mảng",
        "an object" => "đối tượng",
        "a boolean" => "true/false",
        "a whole number" => "số nguyên",
        _ => "kiểu khác",
    }
}

pub(crate) fn reason_vi(reason: &str) -> &'static str {
    match reason {
        REASON_SLUG => "chỉ gồm a-z, 0-9 và dấu gạch ngang",
        REASON_DATE => "cần ngày dạng YYYY-MM-DD",
        REASON_LANG => "mã ngôn ngữ",
        REASON_SRC => "chỉ nhận đường dẫn trong trang hoặc https",
        REASON_RANGE => "số nằm ngoài khoảng cho phép",
        REASON_COPIES => "bản sao ảnh do bản dựng ghi không đúng dạng",
        _ => "giá trị không dùng được",
    }
}

pub(crate) const REASON_SLUG: &str = "only a-z, 0-9 and hyphens";
pub(crate) const REASON_DATE: &str = "expected YYYY-MM-DD";
pub(crate) const REASON_LANG: &str = "expected a language tag";
pub(crate) const REASON_SRC: &str = "expected a same-site path or an https URL";
pub(crate) const REASON_RANGE: &str = "number out of range";
pub(crate) const REASON_COPIES: &str = "not the copies a build writes";
