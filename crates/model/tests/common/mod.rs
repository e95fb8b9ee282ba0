//! Helpers and fixtures shared by the model's test files.
#![allow(dead_code)]

pub use bantin_model::*;
pub use serde_json::{json, Value};

pub const SEED_SLUG: &str = "thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc";
pub const SEED_FILE: &str = include_str!(
    "../../../../public/articles/thanh-pho-bac-kan-day-manh-thuc-hien-phong-trao-thi-dua-yeu-nuoc.json"
);
pub const SEED_INDEX: &str = include_str!("../../../../public/articles/index.json");

pub fn slug(s: &str) -> Slug {
    Slug::parse(s).expect("test slug is valid")
}

pub fn minimal() -> Value {
    json!({
        "slug": "a",
        "title": "Tiêu đề",
        "published": "2020-08-21",
        "body": [{ "type": "paragraph", "text": "Đoạn một." }]
    })
}

pub fn decode(v: &Value) -> Result<Article, DataError> {
    Article::from_json(&v.to_string(), &slug("a"))
}

pub fn with(field: &str, value: Value) -> Value {
    let mut v = minimal();
    v[field] = value;
    v
}

pub fn without(field: &str) -> Value {
    let mut v = minimal();
    v.as_object_mut().unwrap().remove(field);
    v
}
