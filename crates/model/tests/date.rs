//! Dates: real days only, Vietnamese format, chronological order.

mod common;
use common::*;

#[test]
fn dates_format_the_vietnamese_way() {
    let d = Date::parse_iso("2020-08-21").unwrap();
    assert_eq!(d.vi(), "21/08/2020");
    assert_eq!(d.iso(), "2020-08-21");
}

#[test]
fn dates_must_be_real_days() {
    assert!(Date::parse_iso("2020-02-29").is_some(), "leap day");
    assert!(Date::parse_iso("2000-02-29").is_some(), "400-year leap day");
    for bad in [
        "2019-02-29",
        "1900-02-29",
        "2020-13-01",
        "2020-00-10",
        "2020-04-31",
        "2020-01-00",
        "2020-8-21",
        "21/08/2020",
        "2020-08-21T00:00:00Z",
        "",
        "hôm qua",
        "+020-08-21",
        "0999-01-01",
        "２０２０-08-21",
        "2020-08-2a",
        "2020_08_21",
    ] {
        assert_eq!(Date::parse_iso(bad), None, "{bad:?} must be refused");
    }
}

#[test]
fn dates_order_chronologically() {
    let a = Date::parse_iso("2019-12-31").unwrap();
    let b = Date::parse_iso("2020-01-01").unwrap();
    assert!(a < b);
}
