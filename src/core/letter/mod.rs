//! The letter language of product.md §5: plain text with `{{field}}` tags and
//! `{{#if field}}…{{else}}…{{/if}}` blocks, plus the small helpers letters need (salutations,
//! dates per language, the formatted mail address).
//!
//! The module owns the syntax and the meaning of the tags. The .docx filler (`core::docx`) reuses
//! the same tag scanner on the text of each Word paragraph, so a tag means the same thing in a
//! plain-text letter and in an uploaded Word document.
//!
//! Parsing never fails: [`parse`] returns a best-effort [`Template`] together with every problem it
//! found, each with its position, so the editor can underline all of them at once. Rendering never
//! fails either: a field without a value renders as empty text and yields a [`Warning`] for that
//! contact (product.md §5: "never a crash of the batch and never the text `undefined`").

mod address;
mod date;
pub mod fields;
mod salutation;
mod syntax;

use crate::core::problem::ProblemCode;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use address::{mail_address, AddressLines};
pub use date::format_date;
pub use fields::{merge_data, merge_data_for_contact};
pub use salutation::salutation;
pub use syntax::{
    parse, render, Diagnostic, DiagnosticKind, Node, Position, Template, MAX_NESTING,
};

pub(crate) use syntax::{scan_tags, TagKind};

/// Every field a letter may use, besides the open-ended `attr.NAME` family (product.md §5).
///
/// The names are stable English identifiers whatever the interface language, because they are
/// written into letters that outlive a change of language.
pub const KNOWN_FIELDS: &[&str] = &[
    "first_name",
    "middle_name",
    "surname",
    "name",
    "company_name",
    "job_title",
    "mail_address",
    "address",
    "address_2",
    "post_code",
    "city",
    "county",
    "country",
    "email",
    "phone",
    "formal_salutation",
    "informal_salutation",
    "salesperson.name",
    "salesperson.job_title",
    "salesperson.email",
    "salesperson.phone",
    "our_company.name",
    "our_company.address",
    "our_company.phone",
    "our_company.email",
    "our_company.vat_no",
    "our_company.bank_account",
    "document.date",
    "document.subject",
    "document.description",
    "segment.no",
    "comment",
    "contact.no",
];

/// The prefix of custom contact attributes: `{{attr.Customer since}}`.
pub const ATTR_PREFIX: &str = "attr.";

/// Whether a letter may use this field name: one of [`KNOWN_FIELDS`] or `attr.` followed by a name.
pub fn is_known_field(name: &str) -> bool {
    KNOWN_FIELDS.contains(&name)
        || name
            .strip_prefix(ATTR_PREFIX)
            .is_some_and(|rest| !rest.trim().is_empty())
}

/// The values one contact's letter is merged from: field name → text.
///
/// A missing value and an empty (or whitespace-only) value mean the same thing, "no value", so
/// that a contact with an empty company name gets the same warning and the same `{{#if}}` result
/// as one whose company name was never set. The map is kept with the interaction log entry, so it
/// is serialisable.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MergeData {
    pub values: BTreeMap<String, String>,
}

impl MergeData {
    pub fn new() -> Self {
        MergeData::default()
    }

    /// Sets a field's value, replacing an earlier one.
    pub fn set(&mut self, field: impl Into<String>, value: impl Into<String>) {
        self.values.insert(field.into(), value.into());
    }

    /// The same as [`MergeData::set`], for building data in one expression.
    pub fn with(mut self, field: impl Into<String>, value: impl Into<String>) -> Self {
        self.set(field, value);
        self
    }

    /// The field's value, or `None` when it is missing or blank.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.values
            .get(field)
            .map(String::as_str)
            .filter(|value| !value.trim().is_empty())
    }

    /// Whether the field has a non-blank value: the truth of `{{#if field}}`.
    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
}

impl From<BTreeMap<String, String>> for MergeData {
    fn from(values: BTreeMap<String, String>) -> Self {
        MergeData { values }
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for MergeData {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        MergeData {
            values: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

/// Something worth telling the user about one contact's letter; the letter was still produced.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Warning {
    /// The letter uses a field that has no value for this contact; it was left empty.
    MissingValue { field: String },
    /// A Word merge field whose name matches none of ours; it was left empty.
    UnknownMergeField { name: String },
}

impl Warning {
    /// Stable identifier for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            Warning::MissingValue { .. } => ProblemCode::LetterMissingValue,
            Warning::UnknownMergeField { .. } => ProblemCode::LetterUnknownMergeField,
        }
    }

    /// The field (or Word merge field name) the warning is about.
    pub fn field(&self) -> &str {
        match self {
            Warning::MissingValue { field } => field,
            Warning::UnknownMergeField { name } => name,
        }
    }
}

/// Collects warnings once each, in the order they first happened, so that a field used three
/// times in a letter gives one warning rather than three.
#[derive(Debug, Clone, Default)]
pub(crate) struct Warnings(Vec<Warning>);

impl Warnings {
    pub(crate) fn push(&mut self, warning: Warning) {
        if !self.0.contains(&warning) {
            self.0.push(warning);
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Warning> {
        self.0
    }
}

/// The known field closest to a mistyped name, offered as "did you mean …?".
pub(crate) fn suggest_field(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let budget = (lower.chars().count() / 3).clamp(1, 3);
    KNOWN_FIELDS
        .iter()
        .map(|known| (edit_distance(&lower, known), *known))
        .filter(|(distance, _)| *distance <= budget)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known.to_string())
}

/// Levenshtein distance over chars; names are short, so the quadratic table is fine.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fields_include_attributes_with_a_name() {
        assert!(is_known_field("first_name"));
        assert!(is_known_field("salesperson.email"));
        assert!(is_known_field("attr.Customer since"));
        assert!(!is_known_field("attr."));
        assert!(!is_known_field("frist_name"));
    }

    #[test]
    fn blank_values_count_as_absent() {
        let data = MergeData::new().with("city", "  ").with("name", "Aino");
        assert_eq!(data.get("city"), None);
        assert_eq!(data.get("name"), Some("Aino"));
        assert!(!data.has("surname"));
    }

    #[test]
    fn a_mistyped_field_gets_a_suggestion() {
        assert_eq!(suggest_field("frist_name").as_deref(), Some("first_name"));
        assert_eq!(
            suggest_field("Company_Name").as_deref(),
            Some("company_name")
        );
        assert_eq!(suggest_field("xyz"), None);
    }

    #[test]
    fn warnings_are_collected_once_each() {
        let mut warnings = Warnings::default();
        warnings.push(Warning::MissingValue {
            field: "city".into(),
        });
        warnings.push(Warning::MissingValue {
            field: "city".into(),
        });
        assert_eq!(warnings.into_vec().len(), 1);
    }
}
