//! How the interface writes and reads dates, numbers and codes (`src/ui/format.rs`), in both
//! languages, checked natively: the UI itself compiles only for wasm32, but this module is plain
//! Rust, so a plain `cargo test` catches a Finnish decimal comma that no longer reads back.

use chrono::NaiveDate;

use crate::catalogue::Lang;
use crate::ui::format::{
    code_label, date_input_value, date_of_input, format_date, format_number, parse_number,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn dates_are_written_in_the_interface_language_and_none_is_blank() {
    assert_eq!(format_date(Lang::En, Some(day(2026, 12, 4))), "4 Dec 2026");
    assert_eq!(format_date(Lang::Fi, Some(day(2026, 12, 4))), "4.12.2026");
    for lang in Lang::ALL {
        assert_eq!(format_date(lang, None), "");
    }
}

#[test]
fn numbers_take_the_decimal_mark_of_the_language() {
    assert_eq!(format_number(Lang::En, 12.5), "12.5");
    assert_eq!(format_number(Lang::Fi, 12.5), "12,5");
    // A whole number is written without decimals in either language.
    assert_eq!(format_number(Lang::En, 3.0), "3");
    assert_eq!(format_number(Lang::Fi, 3.0), "3");
}

#[test]
fn a_typed_number_is_read_with_either_decimal_mark() {
    assert_eq!(parse_number("12,5"), Some(12.5));
    assert_eq!(parse_number(" 12.5 "), Some(12.5));
    // An empty field is zero; words and what is not a finite number are not numbers.
    assert_eq!(parse_number(""), Some(0.0));
    for text in ["abc", "1,2,3", "inf", "NaN"] {
        assert_eq!(parse_number(text), None, "{text:?}");
    }
}

#[test]
fn a_number_written_in_either_language_reads_back_as_itself() {
    for lang in Lang::ALL {
        for n in [0.0, 3.0, 12.5, -0.25, 1_234.75, 1_000_000.0] {
            assert_eq!(
                parse_number(&format_number(lang, n)),
                Some(n),
                "{lang:?} {n}"
            );
        }
    }
}

#[test]
fn a_date_field_value_reads_back_as_its_date_and_blank_is_no_date() {
    for date in [Some(day(2026, 12, 4)), Some(day(2024, 2, 29)), None] {
        assert_eq!(date_of_input(&date_input_value(date)), Some(date));
    }
    assert_eq!(date_input_value(Some(day(2027, 1, 5))), "2027-01-05");
    assert_eq!(date_of_input("  "), Some(None));
    // Text that is not a date is refused, not read as no date.
    for text in ["4.12.2026", "2026-02-30", "huomenna"] {
        assert_eq!(date_of_input(text), None, "{text:?}");
    }
}

#[test]
fn a_code_is_shown_with_its_description_when_it_has_one() {
    assert_eq!(
        code_label("GIFT", "Christmas gift"),
        "GIFT – Christmas gift"
    );
    assert_eq!(code_label("GIFT", "  "), "GIFT");
    // A description with letters beyond ASCII is isolated, as every value in a text is.
    assert_eq!(code_label("JOULU", "Joululahja"), "JOULU – Joululahja");
    assert_eq!(
        code_label("LAHJA", "Joululahja ä"),
        "LAHJA – \u{2068}Joululahja ä\u{2069}"
    );
}
