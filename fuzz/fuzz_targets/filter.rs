//! The filter language (product.md §3) as a user types it into a field of any kind. A filter
//! that parses is also shown again and tried on values, since the live preview does both on
//! every keystroke: a wildcard that backtracks without end would hang the page.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use segmentti::core::filter::{parse, FieldKind, Value};

fuzz_target!(|expr: &str| {
    let day = NaiveDate::from_ymd_opt(2026, 1, 31).expect("a real date");
    for kind in [
        FieldKind::Text,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::Bool,
    ] {
        if let Ok(filter) = parse(expr, kind) {
            let _ = filter.to_string();
            for value in [
                Value::Text(expr),
                Value::Text("Oy Acme Ab"),
                Value::Number(1000.5),
                Value::Date(day),
                Value::Bool(true),
                Value::Empty,
            ] {
                filter.matches(&value);
            }
        }
    }
});
