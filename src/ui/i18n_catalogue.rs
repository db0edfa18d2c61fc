//! The translation catalogue: every text the interface shows, in English and Finnish.
//!
//! This file is plain Rust with no dependency but serde and chrono, so that `tests/it/i18n_catalogue.rs` can
//! compile it natively (through `#[path]`) and check its content without a browser. The UI reaches it
//! through [`crate::ui::i18n`].
//!
//! Completeness is structural: the `catalogue!` macro takes every key with both its English and its
//! Finnish text, so a key without a Finnish entry (or an English one) does not compile, and a key
//! that does not exist cannot be looked up. The native test checks what the compiler cannot: no empty
//! or untranslated text, the same `{placeholders}` in both languages, and no unused key.
//!
//! The texts are split by area so that several people can add texts at once: the shell's texts
//! are in the table at the end of this file (`Key`), each area has its own table and `Key` enum in
//! `src/ui/catalogue/<area>.rs` (e.g. `catalogue::contacts::Key`), and the messages of the core's
//! problem codes are in `catalogue/problems.rs`. Every table goes through the same `catalogue!`
//! macro, and every `Key` implements [`Text`]. Words that several areas show (Save, Salesperson,
//! Date) are defined once, in `catalogue/terms.rs`; a function that names keys of several tables
//! returns an [`AnyKey`].
//!
//! To add a text: add a line to the area's table, then use `Key::YourKey` in the UI.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

/// English month names, short and long, for writing and reading dates such as `4 Dec 2026`.
const MONTHS_EN: [(&str, &str); 12] = [
    ("Jan", "January"),
    ("Feb", "February"),
    ("Mar", "March"),
    ("Apr", "April"),
    ("May", "May"),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Aug", "August"),
    ("Sep", "September"),
    ("Oct", "October"),
    ("Nov", "November"),
    ("Dec", "December"),
];

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fi,
}

impl Lang {
    /// Every interface language, in the order the language switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fi];

    /// The BCP 47 code, as used by `<html lang>` and in stored preferences.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fi => "fi",
        }
    }

    /// Reads a code such as `fi`, `fi-FI` or `en-GB`; `None` for languages the interface lacks.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// A size in bytes as megabytes with one decimal, as this language writes it: `10,742.2 MB`
    /// in English, `10 742,2 Mt` in Finnish (a no-break space groups the thousands).
    pub fn megabytes(self, bytes: u64) -> String {
        let tenths = (bytes as f64 / 100_000.0).round() as u64;
        let (whole, tenth) = (tenths / 10, tenths % 10);
        let (decimal, unit) = match self {
            Lang::En => (".", "MB"),
            Lang::Fi => (",", "Mt"),
        };
        format!("{}{decimal}{tenth}\u{a0}{unit}", self.count(whole as usize))
    }

    /// A count as this language writes it: `12,345` in English, `12 345` in Finnish.
    pub fn count(self, n: usize) -> String {
        // A no-break space groups Finnish thousands, so a number never breaks across lines.
        let digits = n.to_string();
        let group = match self {
            Lang::En => ",",
            Lang::Fi => "\u{a0}",
        };
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// A date as this language writes it: `4 Dec 2026` in English (the month's name, so that
    /// nobody has to guess whether 4/12 is April or December), `4.12.2026` in Finnish. Every page
    /// shows dates through this one function.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::En => {
                let month = MONTHS_EN[date.month0() as usize].0;
                format!("{} {month} {}", date.day(), date.year())
            }
            Lang::Fi => format!("{}.{}.{}", date.day(), date.month(), date.year()),
        }
    }

    /// A date and time as this language writes it: `4 Dec 2026, 14:05` in English,
    /// `4.12.2026 klo 14.05` in Finnish (Finnish separates hours and minutes with a full stop).
    pub fn date_time(self, at: NaiveDateTime) -> String {
        let (hour, minute) = (at.hour(), at.minute());
        match self {
            Lang::En => format!("{}, {hour:02}:{minute:02}", self.date(at.date())),
            Lang::Fi => format!("{} klo {hour}.{minute:02}", self.date(at.date())),
        }
    }

    /// Reads a date typed in a date field: the form [`Lang::date`] writes in this language, a
    /// few close variants people type, and ISO `2026-12-04` in every language (what other
    /// programs write, and what the field showed before it followed the language).
    ///
    /// English takes `4 Dec 2026`, `4 December 2026`, `Dec 4, 2026` and `December 4 2026`
    /// (any letter case); Finnish takes `4.12.2026`, `04.12.2026` and `4.12.2026.`. A year must
    /// have four digits: `4.12.26` could be 1926 or 2026, so it is refused rather than guessed.
    /// `None` when the text is not a date, or names a day that does not exist (31.2.2026).
    pub fn parse_date(self, text: &str) -> Option<NaiveDate> {
        let text = text.trim();
        let number = |part: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
            (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
        // ISO 8601, in every language.
        let iso: Vec<&str> = text.split('-').collect();
        if let [y, m, d] = iso[..] {
            return ymd(number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?);
        }
        match self {
            Lang::Fi => {
                let text = text.strip_suffix('.').unwrap_or(text);
                let parts: Vec<&str> = text.split('.').map(str::trim).collect();
                let [d, m, y] = parts[..] else { return None };
                ymd(number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?)
            }
            Lang::En => {
                let words: Vec<&str> = text
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                    .collect();
                let month = |word: &str| {
                    MONTHS_EN.iter().position(|(short, long)| {
                        word.eq_ignore_ascii_case(short) || word.eq_ignore_ascii_case(long)
                    })
                };
                let (d, m, y) = match words[..] {
                    [d, m, y] if month(m).is_some() => (d, month(m)?, y),
                    [m, d, y] if month(m).is_some() => (d, month(m)?, y),
                    _ => return None,
                };
                ymd(number(y, 4..=4)?, m as u32 + 1, number(d, 1..=2)?)
            }
        }
    }

    /// The language's own name for itself, shown the same whatever the interface language is.
    pub fn native_name(self) -> Key {
        match self {
            Lang::En => Key::LangEnglish,
            Lang::Fi => Key::LangFinnish,
        }
    }
}

/// Fills `{name}` placeholders in a catalogue text, and chooses the form of each plural block.
///
/// A placeholder without a value stays as it is (a plural block too, whole), so that a missing
/// argument shows up on screen instead of vanishing. The text is read once from left to right, so
/// a value that itself contains `{name}` (a company called "{count}") is never filled again.
///
/// Each value is isolated for direction ([`isolate`]): values are often what people typed (a
/// company's name), and one with right-to-left letters or a bidi control character must not
/// reorder the interface's own words around it.
///
/// # Plural forms
///
/// A text that shows a count writes the words that depend on it as a plural block, a small
/// subset of ICU MessageFormat:
///
/// ```text
/// {count, plural, one {# contact would join.} other {# contacts would join.}}
/// {count, plural, one {Mukaan tulisi # yhteyshenkilö.} other {Mukaan tulisi # yhteyshenkilöä.}}
/// ```
///
/// Both forms are required in every language (`tests/it/i18n_catalogue.rs` checks it through
/// [`check`]). Inside a form, `#` stands for the count as given and `{other}` placeholders work as
/// anywhere else. The value as shown chooses the form: `one` when it is exactly `1`, else
/// `other`. That is the CLDR rule of both English and Finnish (the integer 1 with no fraction
/// digits), and it lets every caller pass counts already grouped by [`Lang::count`] ("1,000"
/// is `other`). A language with more forms would need the number itself here, not its text.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let value = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Arg { name, raw } => match value(name) {
                Some(v) => out.push_str(&isolate(v)),
                None => out.push_str(raw),
            },
            Piece::Plural {
                name,
                one,
                other,
                raw,
            } => match value(name) {
                Some(v) => {
                    let form = if v == "1" { one } else { other };
                    // `#` is the count; the form's own placeholders are filled like the text's.
                    let form = form.replace('#', &format!("{{{name}}}"));
                    out.push_str(&fill(&form, args));
                }
                None => out.push_str(raw),
            },
        }
    }
    out
}

/// One piece of a catalogue text, as [`fill`] reads it.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Words shown as they are (including a stray brace that opens no placeholder).
    Text(&'a str),
    /// `{name}`; `raw` is the placeholder as written.
    Arg { name: &'a str, raw: &'a str },
    /// `{name, plural, one {…} other {…}}`; `raw` is the whole block as written.
    Plural {
        name: &'a str,
        one: &'a str,
        other: &'a str,
        raw: &'a str,
    },
}

/// Splits a text into its pieces. Whatever does not read as a placeholder or a well-formed plural
/// block is kept as words; [`check`] is what reports it.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = block_len(&rest[open..]) else {
            break;
        };
        let raw = &rest[open..open + len];
        let inner = &raw[1..raw.len() - 1];
        let piece = if let Some((name, forms)) = inner.split_once(", plural,") {
            match plural_forms(forms) {
                Ok((one, other)) => Piece::Plural {
                    name: name.trim(),
                    one,
                    other,
                    raw,
                },
                Err(_) => Piece::Text(raw),
            }
        } else if is_name(inner) {
            Piece::Arg { name: inner, raw }
        } else {
            Piece::Text(raw)
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(piece);
        rest = &rest[open + len..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The length of the brace block that `text` starts with, nested braces included; `None` when it
/// is not closed.
fn block_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Reads ` one {…} other {…}` (in either order) into the two forms.
fn plural_forms(mut text: &str) -> Result<(&str, &str), String> {
    let (mut one, mut other) = (None, None);
    loop {
        text = text.trim_start();
        if text.is_empty() {
            break;
        }
        let Some(open) = text.find('{') else {
            return Err(format!("words outside a form: {text:?}"));
        };
        let selector = text[..open].trim();
        let len = block_len(&text[open..]).ok_or("a form is not closed")?;
        let form = &text[open + 1..open + len - 1];
        let slot = match selector {
            "one" => &mut one,
            "other" => &mut other,
            _ => {
                return Err(format!(
                    "unknown plural form {selector:?} (only one and other)"
                ))
            }
        };
        if slot.replace(form).is_some() {
            return Err(format!("the form {selector:?} twice"));
        }
        text = &text[open + len..];
    }
    match (one, other) {
        (Some(one), Some(other)) => Ok((one, other)),
        _ => Err("a plural block needs both a one and an other form".to_owned()),
    }
}

/// What is wrong with a catalogue text's placeholders and plural blocks, if anything: a brace
/// that is never closed, a block that is neither `{name}` nor a well-formed plural, a plural
/// block without both forms, or forms that use different placeholders.
pub fn check(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let len = block_len(&rest[open..]).ok_or_else(|| "a brace is not closed".to_owned())?;
        let inner = &rest[open + 1..open + len - 1];
        if let Some((name, forms)) = inner.split_once(", plural,") {
            if !is_name(name.trim()) {
                return Err(format!("a plural block without a name: {inner:?}"));
            }
            let (one, other) = plural_forms(forms)?;
            for form in [one, other] {
                if form.trim().is_empty() {
                    return Err(format!("an empty plural form in {inner:?}"));
                }
                check(form)?;
                if form.contains(", plural,") {
                    return Err("a plural block inside a plural block".to_owned());
                }
            }
            let (mut a, mut b) = (placeholders(one), placeholders(other));
            a.sort_unstable();
            b.sort_unstable();
            if a != b {
                return Err(format!("the forms of {inner:?} use different placeholders"));
            }
        } else if !(is_name(inner) || inner.starts_with('{') && inner.ends_with('}')) {
            // `{{field}}` is a field of the letter language, shown as it is in hints.
            return Err(format!(
                "{{{inner}}} is neither a placeholder nor a plural block"
            ));
        }
        rest = &rest[open + len..];
    }
    Ok(())
}

/// Wraps text in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068, U+2069), the plain-text
/// form of `<bdi>`: inside, the text takes its direction from its own first strong letter, and
/// nothing in it (right-to-left letters, an unbalanced U+202E override) reaches the text around
/// it. Plain ASCII is left as it is: it holds no right-to-left letter and no bidi control, so it
/// cannot reorder what surrounds it in a left-to-right interface, and it stays easy to search.
pub fn isolate(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(format!("\u{2068}{text}\u{2069}"))
    }
}

/// The `{placeholder}` names a text uses, each once, in order of first appearance: a plural
/// block's count and the placeholders inside its forms count too.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut add = |name| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    for piece in pieces(text) {
        match piece {
            Piece::Text(_) => {}
            Piece::Arg { name, .. } => add(name),
            Piece::Plural {
                name, one, other, ..
            } => {
                add(name);
                for form in [one, other] {
                    for inner in placeholders(form) {
                        add(inner);
                    }
                }
            }
        }
    }
    names
}

/// Replaces whole words of a filter expression, case-insensitively, by `(from, to)` pairs and
/// leaves everything else as typed: operators (`|`, `<>`, `..`, `*`), spaces and other words.
///
/// Stored codes such as a contact's type (`company`, `person`) are English identifiers, while
/// a Finnish user reads and types `yritys` and `henkilö`: the criteria form turns the words into
/// codes before the core parses the filter, and the step history turns codes back into words.
/// A word is a run of letters, digits and `_`; a word with a wildcard (`yri*`) is left as it is.
pub fn swap_words(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let to = pairs
            .iter()
            .find(|(from, _)| from.to_lowercase() == word.to_lowercase())
            .map(|(_, to)| *to);
        out.push_str(to.unwrap_or(word));
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The stored codes of a contact filter field's values and the words a user of `lang` types
/// and reads for them, as `(code, word)` pairs; empty for fields whose values are not codes.
/// `field` is the field's stable name (`ContactField::name`).
///
/// A contact's type is stored as `company` or `person` and its correspondence type as
/// `hard_copy` or `email` whatever the language, while a person types what the interface calls
/// them: `yritys`, `paperi`, `sähköposti`. The criteria form swaps these words for the codes
/// (with [`swap_words`]) before the core parses a filter, and the step history swaps the codes
/// back, so the codes themselves keep working too.
pub fn filter_code_words(lang: Lang, field: &str) -> Vec<(&'static str, &'static str)> {
    use segments::Key as S;
    match field {
        "kind" => vec![
            ("company", S::KindCodeCompany.text(lang)),
            ("person", S::KindCodePerson.text(lang)),
        ],
        "correspondence_type" => vec![
            ("hard_copy", S::CorrespondenceCodePaper.text(lang)),
            ("email", S::CorrespondenceCodeEmail.text(lang)),
        ],
        _ => Vec::new(),
    }
}

/// The names of the counts a text has plural blocks for, in order of appearance.
pub fn plurals(text: &str) -> Vec<&str> {
    pieces(text)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Plural { name, .. } => Some(name),
            _ => None,
        })
        .collect()
}

/// A text of the interface in every language: what each area's `Key` enum implements.
pub trait Text: Copy + 'static {
    /// The text in the given language.
    fn text(self, lang: Lang) -> &'static str;
    /// The key's name as written in the source, e.g. `"NavContacts"`.
    fn id(self) -> &'static str;
}

/// A key of any table, for a function that names texts of several tables: a contact field's
/// label is a product term (`terms::Key::City`) for most fields and a text of the criteria form's
/// own (`segments::Key::CfAttribute`) for some. Every table's `Key` becomes one with `any()` (a
/// `const fn`, for constant lists) or `into()` (what a component's `#[prop(into)]` calls).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AnyKey {
    id: &'static str,
    en: &'static str,
    fi: &'static str,
}

impl Text for AnyKey {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fi => self.fi,
        }
    }

    fn id(self) -> &'static str {
        self.id
    }
}

/// Builds one table of texts: an enum `Key` with every key, `Key::ALL`, and its [`Text`] impl.
macro_rules! catalogue {
    ($($key:ident { en: $en:literal, fi: $fi:literal $(,)? })*) => {
        /// A text of the interface. Look it up with [`Text::text`] (or `I18n::t` in components).
        // Keys are named after their text, which may well end in "Key" (e.g. a column "Key").
        #[allow(clippy::enum_variant_names)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($key,)*
        }

        impl Key {
            /// Every key, in catalogue order.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            /// The key's name as written in the source, e.g. `"NavContacts"`.
            pub fn id(self) -> &'static str {
                <Key as Text>::id(self)
            }

            /// The text in the given language.
            pub fn text(self, lang: Lang) -> &'static str {
                <Key as Text>::text(self, lang)
            }

            /// The key as a key of any table, for a function or a list that names keys of
            /// several tables. A `const fn`, so that constant lists can hold it.
            pub const fn any(self) -> AnyKey {
                match self {
                    $(Key::$key => AnyKey { id: stringify!($key), en: $en, fi: $fi },)*
                }
            }
        }

        impl From<Key> for AnyKey {
            fn from(key: Key) -> AnyKey {
                key.any()
            }
        }

        impl Text for Key {
            fn id(self) -> &'static str {
                match self {
                    $(Key::$key => stringify!($key),)*
                }
            }

            fn text(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self {
                        $(Key::$key => $en,)*
                    },
                    Lang::Fi => match self {
                        $(Key::$key => $fi,)*
                    },
                }
            }
        }
    };
}

// The areas' tables. Declared after the macro so that its textual scope reaches them.
#[path = "catalogue/contacts.rs"]
pub mod contacts;
#[path = "catalogue/letters.rs"]
pub mod letters;
#[path = "catalogue/logs.rs"]
pub mod logs;
#[path = "catalogue/opportunities.rs"]
pub mod opportunities;
#[path = "catalogue/package.rs"]
pub mod package;
#[path = "catalogue/problems.rs"]
pub mod problems;
#[path = "catalogue/segments.rs"]
pub mod segments;
#[path = "catalogue/settings.rs"]
pub mod settings;
#[path = "catalogue/setup.rs"]
pub mod setup;
#[path = "catalogue/sync.rs"]
pub mod sync;
#[path = "catalogue/team.rs"]
pub mod team;
#[path = "catalogue/terms.rs"]
pub mod terms;

catalogue! {
    // Shell
    AppName { en: "Segmentti", fi: "Segmentti" }
    AppTagline {
        en: "Contacts, segments and letters, offline",
        fi: "Yhteyshenkilöt, segmentit ja kirjeet ilman verkkoa",
    }
    SkipToContent { en: "Skip to content", fi: "Siirry sisältöön" }
    // Shown by the static shell of index.html while the .wasm loads (tests/it/shell.rs keeps them equal).
    AppLoading { en: "Opening Segmentti…", fi: "Avataan Segmenttiä…" }
    NavLabel { en: "Main", fi: "Päävalikko" }
    DocumentTitle { en: "{page} – {app}", fi: "{page} – {app}" }
    FooterPrivacy {
        en: "Everything stays in this browser. Segmentti works without a network once it has loaded.",
        fi: "Kaikki tiedot pysyvät tässä selaimessa. Segmentti toimii ilman verkkoyhteyttä, kun se on kerran ladattu.",
    }
    ComingWithIssue {
        en: "Coming with issue #{issue}.",
        fi: "Tulossa tehtävässä #{issue}.",
    }

    // Opening the database
    StorageTooNew {
        en: "This browser's data was saved by a newer version of Segmentti. Reload the newest version; this one will not touch the data.",
        fi: "Tämän selaimen tiedot on tallentanut Segmentin uudempi versio. Lataa uusin versio; tämä versio ei koske tietoihin.",
    }
    StorageBlocked {
        en: "Another Segmentti tab is holding the database open with an older version. Close the other tabs and reload.",
        fi: "Toinen Segmentti-välilehti pitää tietokantaa auki vanhemmalla versiolla. Sulje muut välilehdet ja lataa sivu uudelleen.",
    }
    StorageFull {
        en: "The browser's storage is full. Nothing was saved; free some space and try again.",
        fi: "Selaimen tallennustila on täynnä. Mitään ei tallennettu; vapauta tilaa ja yritä uudelleen.",
    }
    StorageFailed {
        en: "The data could not be opened: {reason}",
        fi: "Tietoja ei voitu avata: {reason}",
    }

    // Pages: names (navigation and headings) and what each one is for
    PageContacts { en: "Contacts", fi: "Yhteyshenkilöt" }
    PageSegments { en: "Segments", fi: "Segmentit" }
    PageLoggedSegments { en: "Logged segments", fi: "Kirjatut segmentit" }
    PageInteractionLog { en: "Interaction log", fi: "Vuorovaikutusloki" }
    PageTemplates { en: "Templates", fi: "Mallit" }
    PageSetup { en: "Set-up", fi: "Perustiedot" }
    PageSettings { en: "Settings", fi: "Asetukset" }
    PageConflicts { en: "Conflicts", fi: "Ristiriidat" }
    PageOpportunities { en: "Opportunities", fi: "Myyntimahdollisuudet" }
    ContactsIntro {
        en: "The people and companies you keep in touch with: their details, classifications and interaction history. Import them from Google, Outlook or vCard files.",
        fi: "Henkilöt ja yritykset, joihin pidät yhteyttä: niiden tiedot, luokitukset ja vuorovaikutushistoria. Tuo ne Googlen tai Outlookin tiedostoista tai vCard-tiedostoista.",
    }
    SegmentsIntro {
        en: "Build a group of contacts step by step with Add, Reduce and Refine, check the live preview, then log an interaction for all of them at once.",
        fi: "Kokoa joukko yhteyshenkilöitä vaihe vaiheelta toiminnoilla Lisää, Vähennä ja Tarkenna, tarkista esikatselu ja kirjaa sitten vuorovaikutus kaikille kerralla.",
    }
    LoggedSegmentsIntro {
        en: "Segments that have been logged: open their entries, create a follow-up segment, cancel a batch or download its letters again.",
        fi: "Kirjatut segmentit: avaa niiden tapahtumat, luo jatkosegmentti, peruuta erä tai lataa sen kirjeet uudelleen.",
    }
    OpportunitiesIntro {
        en: "The opportunities created from segments: filter them by segment, contact and status, open the contact, and record how each one went.",
        fi: "Segmenteistä luodut myyntimahdollisuudet: suodata niitä segmentin, yhteyshenkilön ja tilan mukaan, avaa yhteyshenkilö ja kirjaa, miten kukin eteni.",
    }
    InteractionLogIntro {
        en: "Every interaction with every contact: who was contacted, when and how, and how it went.",
        fi: "Jokainen vuorovaikutus jokaisen yhteyshenkilön kanssa: kehen otettiin yhteyttä, milloin ja miten, ja miten se sujui.",
    }
    TemplatesIntro {
        en: "Interaction templates and their letters in each language, written here or uploaded as a Word document.",
        fi: "Vuorovaikutusmallit ja niiden kirjeet kullakin kielellä, kirjoitettuina tässä tai ladattuina Word-asiakirjoina.",
    }
    SetupIntro {
        en: "The tables everything else refers to: salespeople, interaction groups, classifications, profile questionnaires, salutation formulas and your own company.",
        fi: "Taulukot, joihin kaikki muu viittaa: myyjät, vuorovaikutusryhmät, luokitukset, profiilikyselyt, tervehdyskaavat ja oma yrityksesi.",
    }
    SettingsIntro {
        en: "Choices for this browser. They are saved as soon as you change them.",
        fi: "Tämän selaimen valinnat. Ne tallentuvat heti, kun muutat niitä.",
    }

    // Settings
    SettingsLanguageHint {
        en: "The language of the interface. Letters are written in each contact's own language.",
        fi: "Käyttöliittymän kieli. Kirjeet kirjoitetaan kunkin yhteyshenkilön omalla kielellä.",
    }
    LangEnglish { en: "English", fi: "English" }
    LangFinnish { en: "Suomi", fi: "Suomi" }
    SettingsDensity { en: "Density", fi: "Tiiviys" }
    SettingsDensityHint {
        en: "Compact fits more rows on the screen.",
        fi: "Tiivis näkymä mahduttaa näytölle enemmän rivejä.",
    }
    DensityComfortable { en: "Comfortable", fi: "Väljä" }
    DensityCompact { en: "Compact", fi: "Tiivis" }

    // Date fields (components/field.rs): the form each language writes dates in
    DatePlaceholder { en: "e.g. 4 Dec 2026", fi: "esim. 4.12.2026" }
    DateInvalid {
        en: "This is not a date. Write it like 4 Dec 2026 or 2026-12-04.",
        fi: "Tämä ei ole päivämäärä. Kirjoita se muodossa 4.12.2026 tai 2026-12-04.",
    }

    // A path that is no page
    NotFoundTitle { en: "Page not found", fi: "Sivua ei löydy" }
    NotFoundText {
        en: "There is no page at {path}.",
        fi: "Osoitteessa {path} ei ole sivua.",
    }
    NotFoundBack { en: "Go to contacts", fi: "Siirry yhteyshenkilöihin" }
}
