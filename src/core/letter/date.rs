//! Dates as a letter prints them, per language (product.md §5: `{{document.date}}` is formatted
//! for the letter's language).

use chrono::{Datelike, NaiveDate};

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SWEDISH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Formats a date for a letter in the given language: ISO codes (`fi`, `fi-FI`) and Business
/// Central's three-letter codes (`FIN`, `SVE`, `DEU`) are both understood; anything else gets
/// English.
///
/// `fi` → `26.11.2026`, `sv` → `26 november 2026`, `de` → `26. November 2026`,
/// default → `26 November 2026`.
pub fn format_date(date: NaiveDate, lang: &str) -> String {
    let (day, month, year) = (date.day(), date.month0() as usize, date.year());
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "fi" | "fin" => format!("{day}.{}.{year}", month + 1),
        "sv" | "sve" | "swe" => format!("{day} {} {year}", SWEDISH_MONTHS[month]),
        "de" | "deu" | "ger" | "dea" | "des" => format!("{day}. {} {year}", GERMAN_MONTHS[month]),
        _ => format!("{day} {} {year}", ENGLISH_MONTHS[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_follow_the_letter_language() {
        assert_eq!(format_date(date(2026, 11, 26), "fi"), "26.11.2026");
        assert_eq!(format_date(date(2025, 3, 3), "FIN"), "3.3.2025");
        assert_eq!(format_date(date(2026, 11, 26), "en"), "26 November 2026");
        assert_eq!(format_date(date(2026, 11, 26), ""), "26 November 2026");
        assert_eq!(format_date(date(2026, 5, 1), "sv-SE"), "1 maj 2026");
        assert_eq!(format_date(date(2026, 3, 9), "DEU"), "9. März 2026");
        assert_eq!(format_date(date(2026, 3, 9), "fil"), "9 March 2026");
    }
}
