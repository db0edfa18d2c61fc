//! The core's vocabularies as the interface words them (`src/ui/vocabulary.rs`), checked natively
//! in both languages: every value has its own word, choices come in the core's order with its
//! stable names as their values, and a conflict's values reach the reader as words, not names.

use crate::catalogue::terms::Key as Term;
use crate::catalogue::{Lang, Text};
use crate::ui::vocabulary::{named_value, options, word_of, Worded};
use segmentti::core::model::{CorrespondenceType, Evaluation, InformationFlow, InitiatedBy};

/// Every value of `T` has a word of its own in each language, other than the words of its
/// siblings and other than the stable name a select holds.
fn each_value_has_its_own_word<T: Worded + std::fmt::Debug>() {
    for lang in Lang::ALL {
        let words: Vec<&str> = T::ALL.iter().map(|v| v.word().text(lang)).collect();
        let mut distinct = words.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), words.len(), "{lang:?}: {words:?}");
        for value in T::ALL {
            assert_eq!(T::parse(value.name()), Some(*value), "a name reads back");
            assert_ne!(value.word().text(lang), value.name());
        }
    }
}

#[test]
fn every_value_of_every_vocabulary_has_its_own_word() {
    each_value_has_its_own_word::<InformationFlow>();
    each_value_has_its_own_word::<InitiatedBy>();
    each_value_has_its_own_word::<CorrespondenceType>();
    each_value_has_its_own_word::<Evaluation>();
}

#[test]
fn choices_hold_stable_names_and_say_none_as_the_place_does() {
    let not_set = Term::NoneChoice;
    assert_eq!(
        options::<InformationFlow>(Lang::Fi, InformationFlow::as_str, not_set),
        [
            ("none".to_string(), "(ei mitään)".to_string()),
            ("outbound".to_string(), "Lähtevä".to_string()),
            ("inbound".to_string(), "Saapuva".to_string()),
        ]
    );
    // A filter's value for none is blank, and the place chooses its own word for it.
    let filter = options::<Evaluation>(Lang::En, Evaluation::field_value, Term::Any);
    assert_eq!(filter.first(), Some(&(String::new(), "Any".to_string())));
    assert_eq!(filter.len(), Evaluation::ALL.len());
    assert_eq!(
        word_of(CorrespondenceType::Email, Term::Any).text(Lang::En),
        "E-mail"
    );
}

#[test]
fn a_conflict_names_the_values_of_a_choice_in_the_readers_language() {
    assert_eq!(
        named_value(Lang::Fi, "information_flow", "inbound"),
        "Saapuva"
    );
    assert_eq!(named_value(Lang::En, "initiated_by", "them"), "Them");
    assert_eq!(
        named_value(Lang::Fi, "correspondence_type_default", "hard_copy"),
        Term::HardCopy.text(Lang::Fi)
    );
    assert_eq!(
        named_value(Lang::En, "evaluation", "very_positive"),
        "Very positive"
    );
    assert_eq!(named_value(Lang::En, "evaluation", "none"), "(none)");
    // A field of free text shows the user's value as it is, even when it looks like a name.
    assert_eq!(named_value(Lang::Fi, "description", "inbound"), "inbound");
    // A text that is no name of the field's vocabulary is shown as it is.
    assert_eq!(
        named_value(Lang::Fi, "information_flow", "sideways"),
        "sideways"
    );
}
