//! The core's vocabularies as the interface words them: each value of a choice (an information
//! flow, who initiated, a correspondence type, an evaluation) has one word in the catalogue's terms,
//! the same on every page, and is read back from its stable name (`core::model`).
//!
//! Only the absence of a value is said per place ("(none)" in a form, "Not set" on a template, "No
//! evaluation" in the log), so that word is the caller's. This module is plain Rust with no Leptos
//! or browser use, so that `tests/it/main.rs` compiles it natively (as it does the catalogue and
//! [`super::format`]) and `tests/it/ui_vocabulary.rs` checks every word in both languages.

use crate::core::model::{CorrespondenceType, Evaluation, InformationFlow, InitiatedBy};

use super::i18n_catalogue::terms::Key as Term;
use super::i18n_catalogue::{AnyKey, Lang, Text};

/// A value of one of the core's vocabularies, with its word.
pub trait Worded: Copy + PartialEq + 'static {
    /// Every value, in the order pages offer them (the core's order).
    const ALL: &'static [Self];
    /// The value's stable name, as a select holds it and a conflict names it.
    fn name(self) -> &'static str;
    /// The value that means "not set".
    fn none() -> Self;
    /// The word for the value; for none, the general "(none)".
    fn word(self) -> Term;
    /// The value of a stable name; `None` for a text that is none of them.
    fn parse(name: &str) -> Option<Self>;
}

macro_rules! worded {
    ($type:ident { $($variant:ident => $term:path),+ $(,)? }) => {
        impl Worded for $type {
            const ALL: &'static [Self] = $type::ALL;
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn none() -> Self {
                $type::None
            }
            fn word(self) -> Term {
                match self {
                    $type::None => Term::NoneChoice,
                    $($type::$variant => $term),+
                }
            }
            fn parse(name: &str) -> Option<Self> {
                $type::parse(name)
            }
        }
    };
}

worded!(InformationFlow {
    Outbound => Term::Outbound,
    Inbound => Term::Inbound,
});
worded!(InitiatedBy {
    Us => Term::Us,
    Them => Term::Them,
});
worded!(CorrespondenceType {
    HardCopy => Term::HardCopy,
    Email => Term::Email,
});
worded!(Evaluation {
    VeryPositive => Term::VeryPositive,
    Positive => Term::Positive,
    Neutral => Term::Neutral,
    Negative => Term::Negative,
    VeryNegative => Term::VeryNegative,
});

/// A value's word, with `none` for the value that means "not set".
pub fn word_of<T: Worded>(value: T, none: impl Into<AnyKey>) -> AnyKey {
    if value == T::none() {
        none.into()
    } else {
        value.word().into()
    }
}

/// Every value of a vocabulary as `(value, label)` choices in `lang`, in the core's order: the
/// value is what `value` makes of it (the stable name, or a filter's blank for none) and the label
/// its word, with `none` for the value that means "not set".
pub fn options<T: Worded>(
    lang: Lang,
    value: impl Fn(T) -> &'static str,
    none: impl Into<AnyKey>,
) -> Vec<(String, String)> {
    let none = none.into();
    T::ALL
        .iter()
        .map(|v| {
            (
                value(*v).to_string(),
                word_of(*v, none).text(lang).to_string(),
            )
        })
        .collect()
}

/// A value that a message names by its stable name (a conflict names both sides so), in `lang`:
/// the word of the vocabulary that `field` holds, or the name as it is for a field that holds
/// none, or for a text that is no name of it.
pub fn named_value(lang: Lang, field: &str, name: &str) -> String {
    fn word<T: Worded>(lang: Lang, name: &str) -> Option<String> {
        T::parse(name).map(|value| value.word().text(lang).to_string())
    }
    let worded = match field {
        "information_flow" => word::<InformationFlow>(lang, name),
        "initiated_by" => word::<InitiatedBy>(lang, name),
        "correspondence_type" | "correspondence_type_default" => {
            word::<CorrespondenceType>(lang, name)
        }
        "evaluation" => word::<Evaluation>(lang, name),
        _ => None,
    };
    worded.unwrap_or_else(|| name.to_string())
}
