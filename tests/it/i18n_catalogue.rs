//! The translation catalogue, checked natively (the UI itself compiles only for wasm32).
//!
//! `src/ui/i18n_catalogue.rs` depends on nothing but serde, so it is compiled here as a module of
//! this test. That every key has both an English and a Finnish text is enforced by its `catalogue!`
//! macro at compile time; these tests check what the compiler cannot.

use crate::catalogue;

use std::collections::HashSet;

use chrono::NaiveDate;
use std::fs;
use std::path::Path;

use catalogue::{check, fill, placeholders, plurals, Key, Lang, Text};

/// Texts that are rightly the same in both languages: names, and a pure layout of placeholders.
const SAME_IN_BOTH: &[Key] = &[
    Key::AppName,
    Key::LangEnglish,
    Key::LangFinnish,
    Key::DocumentTitle,
];

/// Every table of the catalogue, as (area name, every key's id, the text of key i in a language).
/// One key of a table: its id and its English and Finnish texts.
type Row = (&'static str, [&'static str; 2]);

fn tables() -> Vec<(&'static str, Vec<Row>)> {
    fn rows<K: Text>(all: &[K]) -> Vec<Row> {
        all.iter()
            .map(|k| (k.id(), [k.text(Lang::En), k.text(Lang::Fi)]))
            .collect()
    }
    vec![
        ("shell", rows(Key::ALL)),
        ("contacts", rows(catalogue::contacts::Key::ALL)),
        ("letters", rows(catalogue::letters::Key::ALL)),
        ("logs", rows(catalogue::logs::Key::ALL)),
        ("opportunities", rows(catalogue::opportunities::Key::ALL)),
        ("package", rows(catalogue::package::Key::ALL)),
        ("problems", rows(catalogue::problems::Key::ALL)),
        ("segments", rows(catalogue::segments::Key::ALL)),
        ("settings", rows(catalogue::settings::Key::ALL)),
        ("team", rows(catalogue::team::Key::ALL)),
        ("terms", rows(catalogue::terms::Key::ALL)),
        ("sync", rows(catalogue::sync::Key::ALL)),
        ("setup", rows(catalogue::setup::Key::ALL)),
    ]
}

#[test]
fn every_text_is_present_in_every_language() {
    let mut problems = Vec::new();
    for (area, rows) in tables() {
        for (id, texts) in rows {
            for (lang, text) in Lang::ALL.iter().zip(texts) {
                if text.trim().is_empty() {
                    problems.push(format!("{area}::{id}: empty in {}", lang.code()));
                } else if text.trim() != text {
                    problems.push(format!("{area}::{id}: stray spaces in {}", lang.code()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn finnish_texts_are_translated() {
    let same: Vec<&str> = SAME_IN_BOTH.iter().map(|k| k.id()).collect();
    let mut untranslated = Vec::new();
    for (area, rows) in tables() {
        for (id, [en, fi]) in rows {
            let allowed =
                (area == "shell" && same.contains(&id)) || SAME_IN_BOTH_AREAS.contains(&(area, id));
            if en == fi && !allowed {
                untranslated.push(format!("{area}::{id}"));
            }
        }
    }
    assert!(
        untranslated.is_empty(),
        "the same text in English and Finnish (add to SAME_IN_BOTH_AREAS if that is right): {untranslated:?}"
    );
}

#[test]
fn both_languages_use_the_same_placeholders() {
    let mut problems = Vec::new();
    for (area, rows) in tables() {
        for (id, [en, fi]) in rows {
            let mut en = placeholders(en);
            let mut fi = placeholders(fi);
            en.sort_unstable();
            fi.sort_unstable();
            if en != fi {
                problems.push(format!("{area}::{id}: en {en:?}, fi {fi:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn key_ids_are_unique_within_each_table() {
    for (area, rows) in tables() {
        let ids: HashSet<&str> = rows.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.len(), rows.len(), "duplicate key in {area}");
    }
}

/// A key that no UI code uses is dead weight for translators; remove it or use it. Problem
/// messages are used through `problems::key_of`, so they count as used when that maps to them.
/// The static shell of index.html (shown before the .wasm has loaded) is UI too: its
/// `data-key="…"` attributes name the keys it shows (tests/it/shell.rs checks their texts).
#[test]
fn every_key_is_used_by_the_ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = String::new();
    collect_sources(&root.join("src/ui"), &mut sources);
    let index = std::fs::read_to_string(root.join("index.html")).expect("index.html is readable");
    for key in index.split("data-key=\"").skip(1) {
        let id = key.split('"').next().unwrap_or_default();
        sources.push_str(&format!(" Key::{id} "));
    }
    let mut unused = Vec::new();
    for (area, rows) in tables() {
        for (id, _) in rows {
            if !mentions(&sources, id) {
                unused.push(format!("{area}::{id}"));
            }
        }
    }
    assert!(unused.is_empty(), "keys no UI code uses: {unused:?}");
}

/// Whether the sources name the key as a path ending, `Key::Name` or through an alias such as
/// `C::Name` (the areas' tables are imported under short names).
fn mentions(sources: &str, id: &str) -> bool {
    let needle = format!("::{id}");
    sources.match_indices(&needle).any(|(at, _)| {
        let next = sources[at + needle.len()..].chars().next();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn collect_sources(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).expect("src/ui is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = fs::read_to_string(&path).expect("readable source");
            // In a catalogue table only the code outside the table counts as a use.
            let used = match source.find("\ncatalogue! {") {
                Some(table) => {
                    let after = source[table..]
                        .find("\n}\n")
                        .map_or(source.len(), |end| table + end);
                    format!("{}{}", &source[..table], &source[after..])
                }
                None => source,
            };
            out.push_str(&used);
        }
    }
}

/// Texts of the areas that are rightly the same in both languages, as (area, key id).
const SAME_IN_BOTH_AREAS: &[(&str, &str)] = &[
    // A language in a picker, "suomi (fi)": the words are the name's own, translated there.
    ("letters", "LanguageOption"),
];

#[test]
fn language_codes_round_trip_and_accept_regions() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("fi-FI"), Some(Lang::Fi));
    assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
    assert_eq!(Lang::from_code("sv"), None);
    assert_eq!(Lang::from_code(""), None);
}

#[test]
fn fill_replaces_named_placeholders_and_leaves_unknown_ones() {
    assert_eq!(
        fill(
            "{page} – {app}",
            &[("app", "Segmentti"), ("page", "Mallit")]
        ),
        "Mallit – Segmentti"
    );
    assert_eq!(fill("issue #{issue}", &[]), "issue #{issue}");
    assert_eq!(placeholders("a {x} b {y} {"), ["x", "y"]);
}

#[test]
fn sizes_are_written_the_way_each_language_writes_them() {
    assert_eq!(Lang::En.megabytes(4_800_000), "4.8\u{a0}MB");
    assert_eq!(Lang::Fi.megabytes(4_800_000), "4,8\u{a0}Mt");
    assert_eq!(Lang::En.megabytes(10_742_200_000), "10,742.2\u{a0}MB");
    assert_eq!(Lang::Fi.megabytes(10_742_200_000), "10\u{a0}742,2\u{a0}Mt");
    assert_eq!(Lang::En.megabytes(0), "0.0\u{a0}MB");
    assert_eq!(Lang::Fi.megabytes(999_999_999), "1\u{a0}000,0\u{a0}Mt");
}

#[test]
fn counts_are_grouped_the_way_each_language_groups_them() {
    assert_eq!(Lang::En.count(600_000), "600,000");
    assert_eq!(Lang::Fi.count(600_000), "600\u{a0}000");
    assert_eq!(Lang::Fi.count(999), "999");
    assert_eq!(Lang::En.count(0), "0");
}

#[test]
fn a_value_with_right_to_left_text_cannot_reorder_the_words_around_it() {
    let attack = "Invoice\u{202E}stirehni nosrep";
    let text = fill(
        "From the company {company}, which this person inherits:",
        &[("company", attack)],
    );
    assert_eq!(
        text,
        "From the company \u{2068}Invoice\u{202E}stirehni nosrep\u{2069}, which this person inherits:"
    );
    assert_eq!(
        fill("{name} Oy", &[("name", "عربي")]),
        "\u{2068}عربي\u{2069} Oy"
    );
    // Plain ASCII stays as typed, so it can be searched and compared as it is.
    assert_eq!(
        fill("Batch {n} of {name}", &[("n", "3"), ("name", "Acme")]),
        "Batch 3 of Acme"
    );
}

#[test]
fn every_text_reads_as_placeholders_and_well_formed_plural_blocks() {
    let mut problems = Vec::new();
    for (area, rows) in tables() {
        for (id, texts) in rows {
            for (lang, text) in Lang::ALL.iter().zip(texts) {
                if let Err(problem) = check(text) {
                    problems.push(format!("{area}::{id} ({}): {problem}", lang.code()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A count with plural forms in one language needs them in the other: Finnish "1 yhteyshenkilöä"
/// is as wrong as English "1 contacts".
#[test]
fn both_languages_have_plural_forms_for_the_same_counts() {
    let mut problems = Vec::new();
    for (area, rows) in tables() {
        for (id, [en, fi]) in rows {
            let mut en = plurals(en);
            let mut fi = plurals(fi);
            en.sort_unstable();
            fi.sort_unstable();
            if en != fi {
                problems.push(format!("{area}::{id}: plural counts en {en:?}, fi {fi:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Nouns that change with the count before them. A placeholder written straight before one of
/// them, outside a plural block, is a text that says "1 contacts" or "1 yhteyshenkilöä".
const COUNTED_NOUNS: &[&str] = &[
    // English plurals ("1 more" is right, so "more" is not here)
    "contacts",
    "lines",
    "entries",
    "records",
    "rows",
    "letters",
    "warnings",
    "opportunities",
    "criteria",
    "steps",
    "notes",
    "problems",
    "fields",
    "segments",
    "comments",
    "errors",
    "values",
    "columns",
    "canceled",
    "good",
    // Finnish partitives (the form after a number other than one)
    "yhteyshenkilöä",
    "riviä",
    "tietuetta",
    "tapahtumaa",
    "kirjettä",
    "varoitusta",
    "myyntimahdollisuutta",
    "huomiota",
    "kenttää",
    "segmenttiä",
    "kommenttia",
    "virhettä",
    "arvoa",
    "saraketta",
    "muuta",
    "vaihetta",
    "kelvollista",
    "ehtoa",
];

#[test]
fn no_count_is_written_straight_before_a_counted_noun_outside_a_plural_block() {
    let mut problems = Vec::new();
    for (area, rows) in tables() {
        for (id, texts) in rows {
            for (lang, text) in Lang::ALL.iter().zip(texts) {
                // Plural blocks are filled with a stand-in, so only the words outside them remain.
                let mut outside = text.to_string();
                for name in plurals(text) {
                    outside = fill(&outside, &[(name, "1")]);
                }
                for name in placeholders(&outside) {
                    // Placeholders that hold a name or a number of a record, not a count.
                    if ["no", "segment", "name", "code", "batch", "file"].contains(&name) {
                        continue;
                    }
                    let after = format!("{{{name}}} ");
                    for (at, _) in outside.match_indices(&after) {
                        let word: String = outside[at + after.len()..]
                            .chars()
                            .take_while(|c| c.is_alphabetic())
                            .collect();
                        if COUNTED_NOUNS.contains(&word.as_str()) {
                            problems
                                .push(format!("{area}::{id} ({}): {{{name}}} {word}", lang.code()));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn plural_blocks_choose_the_form_for_one_and_for_every_other_count() {
    let en = "{count, plural, one {# contact would join.} other {# contacts would join.}}";
    let fi = "{count, plural, one {Mukaan tulisi # yhteyshenkilö.} other {Mukaan tulisi # yhteyshenkilöä.}}";
    let cases = [
        (1, "1 contact would join.", "Mukaan tulisi 1 yhteyshenkilö."),
        (
            0,
            "0 contacts would join.",
            "Mukaan tulisi 0 yhteyshenkilöä.",
        ),
        (
            2,
            "2 contacts would join.",
            "Mukaan tulisi 2 yhteyshenkilöä.",
        ),
        (
            1000,
            "1,000 contacts would join.",
            "Mukaan tulisi \u{2068}1\u{a0}000\u{2069} yhteyshenkilöä.",
        ),
    ];
    for (n, want_en, want_fi) in cases {
        assert_eq!(fill(en, &[("count", &Lang::En.count(n))]), want_en);
        assert_eq!(fill(fi, &[("count", &Lang::Fi.count(n))]), want_fi);
    }
}

#[test]
fn plural_forms_keep_their_other_placeholders_and_text_around_them() {
    let text = "Mark {no} canceled? {count, plural, one {Its entry is} other {Its # entries are}} canceled with it.";
    assert_eq!(
        fill(text, &[("no", "SEG1"), ("count", "1")]),
        "Mark SEG1 canceled? Its entry is canceled with it."
    );
    assert_eq!(
        fill(text, &[("no", "SEG1"), ("count", "3")]),
        "Mark SEG1 canceled? Its 3 entries are canceled with it."
    );
    // Two counts in one text, each with its own block.
    let two = "{a, plural, one {# line added} other {# lines added}}, {b} removed";
    assert_eq!(
        fill(two, &[("a", "1"), ("b", "2")]),
        "1 line added, 2 removed"
    );
    assert_eq!(placeholders(text), ["no", "count"]);
    assert_eq!(plurals(two), ["a"]);
    // Without its count the block stays as written, so the omission shows.
    assert_eq!(
        fill("x {n, plural, one {#} other {#s}}", &[]),
        "x {n, plural, one {#} other {#s}}"
    );
    // A value is never read as a placeholder, even when it looks like one.
    assert_eq!(
        fill("{name} and {count}", &[("name", "{count}"), ("count", "2")]),
        "{count} and 2"
    );
}

#[test]
fn malformed_plural_blocks_are_reported() {
    assert!(check("{n, plural, one {# x}}").is_err(), "no other form");
    assert!(check("{n, plural, other {# x}}").is_err(), "no one form");
    assert!(check("{n, plural, one {# x} few {# y} other {# z}}").is_err());
    assert!(
        check("{n, plural, one {{a} x} other {# y}}").is_err(),
        "forms differ"
    );
    assert!(
        check("{n, plural, one {x} other {y}").is_err(),
        "not closed"
    );
    assert!(check("{n x}").is_err());
    assert!(check("{n, plural, one {# x} other {# {a} y}} {a}").is_err());
    assert!(check("plain {n} and {m, plural, one {# x} other {# xs}}").is_ok());
}

#[test]
fn dates_are_written_the_way_each_language_writes_them() {
    let date = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    assert_eq!(Lang::En.date(date), "4 Dec 2026");
    assert_eq!(Lang::Fi.date(date), "4.12.2026");
    let jan = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    assert_eq!(Lang::En.date(jan), "31 Jan 2027");
    assert_eq!(Lang::Fi.date(jan), "31.1.2027");
    let at = date.and_hms_opt(9, 5, 0).unwrap();
    assert_eq!(Lang::En.date_time(at), "4 Dec 2026, 09:05");
    assert_eq!(Lang::Fi.date_time(at), "4.12.2026 klo 9.05");
}

#[test]
fn a_typed_date_is_read_in_the_language_form_and_in_iso() {
    let date = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    for text in [
        "4.12.2026",
        "04.12.2026",
        " 4.12.2026. ",
        "2026-12-04",
        "2026-12-4",
    ] {
        assert_eq!(Lang::Fi.parse_date(text), Some(date), "fi {text:?}");
    }
    for text in [
        "4 Dec 2026",
        "4 december 2026",
        "Dec 4, 2026",
        "December 4 2026",
        "2026-12-04",
    ] {
        assert_eq!(Lang::En.parse_date(text), Some(date), "en {text:?}");
    }
    // What each language writes, it reads back.
    for lang in Lang::ALL {
        for day in [date, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()] {
            assert_eq!(lang.parse_date(&lang.date(day)), Some(day));
        }
    }
    // Not dates: no such day, a two-digit year, the other language's form, words.
    for text in [
        "31.2.2026",
        "4.12.26",
        "4.12",
        "",
        "huomenna",
        "2026-13-01",
        "4/12/2026",
    ] {
        assert_eq!(Lang::Fi.parse_date(text), None, "fi {text:?}");
    }
    for text in [
        "4.12.2026",
        "4 Dex 2026",
        "Dec 2026",
        "31 Feb 2026",
        "4 Dec 26",
    ] {
        assert_eq!(Lang::En.parse_date(text), None, "en {text:?}");
    }
}

#[test]
fn codes_are_swapped_for_words_only_where_a_whole_word_is_one() {
    use catalogue::swap_words;
    let to_codes = [("yritys", "company"), ("henkilö", "person")];
    assert_eq!(swap_words("yritys", &to_codes), "company");
    assert_eq!(swap_words("<>Henkilö", &to_codes), "<>person");
    assert_eq!(swap_words("yritys|henkilö", &to_codes), "company|person");
    // English codes typed in Finnish still work; other words and wildcards stay as typed.
    assert_eq!(
        swap_words("company|yritykset", &to_codes),
        "company|yritykset"
    );
    assert_eq!(swap_words("yri*", &to_codes), "yri*");
    let to_words = [("company", "yritys"), ("person", "henkilö")];
    assert_eq!(swap_words("company|person", &to_words), "yritys|henkilö");
}

/// A filter typed in the interface language becomes the codes the core compares, for every
/// field whose values are codes: the contact's type and its correspondence type ("paperi" is
/// `hard_copy`), and the history shows the codes as the same words again.
#[test]
fn coded_filter_fields_take_the_words_of_the_interface_language() {
    use catalogue::{filter_code_words, swap_words};
    use segmentti::core::criteria::ContactField;
    let typed = |lang: Lang, field: &str, expr: &str| {
        let pairs: Vec<(&str, &str)> = filter_code_words(lang, field)
            .into_iter()
            .map(|(code, word)| (word, code))
            .collect();
        swap_words(expr, &pairs)
    };
    let cases = [
        (
            Lang::Fi,
            "correspondence_type",
            "paperi|Sähköposti",
            "hard_copy|email",
        ),
        (
            Lang::En,
            "correspondence_type",
            "paper|email",
            "hard_copy|email",
        ),
        (Lang::Fi, "correspondence_type", "<>paperi", "<>hard_copy"),
        (Lang::Fi, "kind", "yritys", "company"),
        (Lang::En, "kind", "<>person", "<>person"),
        // The codes themselves keep working in either language.
        (Lang::Fi, "correspondence_type", "hard_copy", "hard_copy"),
    ];
    for (lang, field, expr, codes) in cases {
        assert_eq!(typed(lang, field, expr), codes, "{lang:?} {field} {expr:?}");
    }
    for lang in Lang::ALL {
        for field in ["kind", "correspondence_type"] {
            // The names are the core's, so a renamed field cannot silently lose its words.
            assert!(
                ContactField::from_name(field).is_some(),
                "{field} is a contact field"
            );
            let pairs = filter_code_words(lang, field);
            assert!(!pairs.is_empty(), "{lang:?} {field} has words");
            for (code, word) in &pairs {
                // A word must be one word, or `swap_words` could never match it.
                assert!(
                    word.chars().all(|c| c.is_alphanumeric() || c == '_'),
                    "{lang:?} {word:?} is one word"
                );
                let shown = swap_words(code, &pairs);
                assert_eq!(&shown, word, "{lang:?} the history shows {code} as {word}");
            }
        }
    }
    // A field that holds free text keeps what was typed.
    assert!(filter_code_words(Lang::Fi, "city").is_empty());
}

/// In Finnish, interaction log entries are "vuorovaikutuslokin tapahtumat"; "rivit" are the
/// lines of a segment, so the log's texts saying "rivi" would name the wrong thing.
#[test]
fn finnish_log_texts_call_entries_tapahtumat_not_rivit() {
    let wrong: Vec<&str> = catalogue::logs::Key::ALL
        .iter()
        .filter(|key| key.text(Lang::Fi).to_lowercase().contains("rivi"))
        .map(|key| key.id())
        .collect();
    assert!(wrong.is_empty(), "log texts that say rivi: {wrong:?}");
}

/// One product term, one translation: where the same English text stands in several places of
/// the catalogue (a column heading and a field label, say), its Finnish must be the same too, or
/// a Finnish user meets two words for one thing ("Työtehtävät" and "Vastuualueet").
#[test]
fn one_english_text_has_one_finnish_text() {
    let mut finnish_of: std::collections::BTreeMap<&str, Vec<(String, &str)>> =
        std::collections::BTreeMap::new();
    // The language names that stand in each language's own spelling (the language switch) are
    // another word than the same names as a letter's language.
    let own_spelling: Vec<&str> = SAME_IN_BOTH.iter().map(|k| k.id()).collect();
    for (area, rows) in tables() {
        for (id, [en, fi]) in rows {
            if area == "shell" && own_spelling.contains(&id) {
                continue;
            }
            finnish_of
                .entry(en)
                .or_default()
                .push((format!("{area}::{id}"), fi));
        }
    }
    let mut problems = Vec::new();
    for (en, places) in &finnish_of {
        // A soft hyphen only says where a narrow column may break the word.
        let mut distinct: Vec<String> = places
            .iter()
            .map(|(_, fi)| fi.replace('\u{ad}', ""))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() > 1 {
            let list: Vec<String> = places
                .iter()
                .map(|(place, fi)| format!("    {place}: {fi:?}"))
                .collect();
            problems.push(format!(
                "{en:?} is translated {} ways:\n{}",
                distinct.len(),
                list.join("\n")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Keys that share their English text on purpose, each list with its reason. Every other English
/// text is defined once: a word that several areas show is a key of `catalogue/terms.rs`.
const SAME_ENGLISH_ON_PURPOSE: &[&[&str]] = &[
    // The column holds when the contact was made, the status says that it was: one English word,
    // which Finnish may want to say as two ("Yhteydenottopäivä", "Yhteys otettu").
    &[
        "opportunities::ColContacted",
        "opportunities::StatusContacted",
    ],
    // The narrow Date column of a segment's lines breaks the long Finnish word with a soft hyphen,
    // which the word as a label must not carry.
    &["segments::ColDate", "terms::Date"],
    // The language switch names each language in its own spelling ("English" in Finnish too); a
    // letter's language is named in the interface language ("englanti").
    &["shell::LangEnglish", "letters::LangEn"],
];

/// One product term, one key: the same English text under several keys is a word translated (and
/// changed) in several places. A word several areas show belongs in `catalogue/terms.rs`.
#[test]
fn an_english_text_is_defined_once() {
    let mut keys_of: std::collections::BTreeMap<&str, Vec<String>> =
        std::collections::BTreeMap::new();
    for (area, rows) in tables() {
        for (id, [en, _]) in rows {
            keys_of.entry(en).or_default().push(format!("{area}::{id}"));
        }
    }
    let allowed = |keys: &[String]| {
        SAME_ENGLISH_ON_PURPOSE.iter().any(|list| {
            list.len() == keys.len() && list.iter().all(|key| keys.iter().any(|k| k == key))
        })
    };
    let mut problems = Vec::new();
    for (en, keys) in &keys_of {
        if keys.len() > 1 && !allowed(keys) {
            problems.push(format!("{en:?} is defined by {}", keys.join(", ")));
        }
    }
    // An entry of the list that no longer names a repeated text is stale.
    for list in SAME_ENGLISH_ON_PURPOSE {
        if !keys_of
            .values()
            .any(|keys| keys.len() == list.len() && allowed(keys))
        {
            problems.push(format!("{list:?} no longer share one English text"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
