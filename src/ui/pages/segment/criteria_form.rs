//! The state of a criteria dialog (Add / Reduce / Refine) and how it becomes the core's
//! [`Criteria`].
//!
//! The contact section is shown as groups of condition rows: the rows of a group must all match
//! (AND), a contact matches when any group matches (OR), and each row may be negated (NOT). That
//! covers AND / OR / NOT trees (product.md §3) in a shape people can read without nesting.
//!
//! Every expression is parsed as it is typed, by the same parsers the core uses, so an error is
//! shown at its field with its position and nothing is ever read as "match everything".

use leptos::prelude::*;

use crate::core::condition::Condition;
use crate::core::criteria::{code_filter, ContactField, Criteria, EntryField, ProfileField};
use crate::core::filter::{self, FieldKind, Filter, FilterError};
use crate::core::problem::Problem;
use crate::ui::components::problem_text;
use crate::ui::i18n::{swap_words, use_i18n, AnyKey, I18n, Lang};
use crate::ui::i18n_catalogue::filter_code_words;
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;

/// One condition row of the contact section.
#[derive(Clone, Copy)]
pub struct Row {
    /// Tells rows apart in a keyed list.
    pub key: u32,
    /// The field's identifier: a built-in name (`city`) or `attr.NAME`.
    pub field: RwSignal<String>,
    pub expr: RwSignal<String>,
    /// Whether the row matches the contacts that do *not* pass the filter.
    pub not: RwSignal<bool>,
}

impl Row {
    /// A row with no filter yet, on the name field.
    pub fn blank() -> Self {
        Row {
            key: crate::ui::components::dialog::next_id(),
            field: RwSignal::new(ContactField::Name.name().to_string()),
            expr: RwSignal::new(String::new()),
            not: RwSignal::new(false),
        }
    }
}

/// A group of rows that must all match.
#[derive(Clone, Copy)]
pub struct Group {
    pub key: u32,
    pub rows: RwSignal<Vec<Row>>,
}

impl Group {
    /// A group with one blank row.
    pub fn blank() -> Self {
        Group {
            key: crate::ui::components::dialog::next_id(),
            rows: RwSignal::new(vec![Row::blank()]),
        }
    }
}

/// Everything the user has entered in a criteria dialog.
#[derive(Clone, Copy)]
pub struct CriteriaForm {
    pub groups: RwSignal<Vec<Group>>,
    pub mailing_group: RwSignal<String>,
    pub industry_group: RwSignal<String>,
    pub business_relation: RwSignal<String>,
    pub job_responsibility: RwSignal<String>,
    /// The chosen questionnaire's code; empty for none.
    pub questionnaire: RwSignal<String>,
    /// The chosen answer's line number; empty for any answer.
    pub answer: RwSignal<String>,
    pub entry_date: RwSignal<String>,
    pub entry_template: RwSignal<String>,
    pub entry_segment: RwSignal<String>,
    pub entry_evaluation: RwSignal<String>,
    pub entry_salesperson: RwSignal<String>,
    /// `""` (either), `yes` or `no`.
    pub entry_canceled: RwSignal<String>,
    /// The custom attributes that exist, with the kind of filter each takes.
    pub attributes: Memo<Vec<(String, FieldKind)>>,
    /// The interface language, in which coded values (a contact's type) are typed.
    pub lang: RwSignal<Lang>,
}

/// Some field holds an expression that does not parse; the field itself shows why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidFilter;

/// The result of parsing one field: nothing typed, a filter, or an error.
pub type Parsed<T> = Option<Result<T, FilterError>>;

/// Parses `expr` with `parse` unless it is blank (a blank field is no filter).
fn parse_with<T>(expr: &str, parse: impl FnOnce(&str) -> Result<T, FilterError>) -> Parsed<T> {
    (!expr.trim().is_empty()).then(|| parse(expr))
}

impl CriteriaForm {
    pub fn new(attributes: Memo<Vec<(String, FieldKind)>>) -> Self {
        let text = || RwSignal::new(String::new());
        CriteriaForm {
            groups: RwSignal::new(vec![Group::blank()]),
            mailing_group: text(),
            industry_group: text(),
            business_relation: text(),
            job_responsibility: text(),
            questionnaire: text(),
            answer: text(),
            entry_date: text(),
            entry_template: text(),
            entry_segment: text(),
            entry_evaluation: text(),
            entry_salesperson: text(),
            entry_canceled: text(),
            attributes,
            lang: use_i18n().lang,
        }
    }

    /// The field a row names, and the kind its filter is parsed as.
    fn field_of(&self, name: &str) -> (ContactField, FieldKind) {
        let field = ContactField::from_name(name).unwrap_or(ContactField::Name);
        let kind = match &field {
            ContactField::Attribute(attr) => self.attributes.with(|all| {
                all.iter()
                    .find(|(n, _)| n == attr)
                    .map_or(FieldKind::Text, |(_, kind)| *kind)
            }),
            other => other.kind(),
        };
        (field, kind)
    }

    /// One row as a condition (negated when asked), or its error; `None` when it is blank.
    pub fn row(&self, row: Row) -> Parsed<Condition<ContactField>> {
        let (field, kind) = self.field_of(&row.field.get());
        let not = row.not.get();
        let expr = typed_codes(self.lang.get(), &field, &row.expr.get());
        parse_with(&expr, |expr| field.parse_filter(expr, kind)).map(|parsed| {
            parsed.map(|filter| {
                let leaf = Condition::field(field, filter);
                if not {
                    Condition::Not(Box::new(leaf))
                } else {
                    leaf
                }
            })
        })
    }

    /// The contact section: the groups ORed, each group's rows ANDed, blank rows left out.
    fn contact(&self) -> Result<Option<Condition<ContactField>>, InvalidFilter> {
        let mut groups = Vec::new();
        for group in self.groups.get() {
            let mut rows = Vec::new();
            for row in group.rows.get() {
                match self.row(row) {
                    Some(Ok(condition)) => rows.push(condition),
                    Some(Err(_)) => return Err(InvalidFilter),
                    None => {}
                }
            }
            match rows.len() {
                0 => {}
                1 => groups.extend(rows),
                _ => groups.push(Condition::And(rows)),
            }
        }
        Ok(match groups.len() {
            0 => None,
            1 => groups.pop(),
            _ => Some(Condition::Or(groups)),
        })
    }

    pub fn code(signal: RwSignal<String>) -> Parsed<Filter> {
        parse_with(&signal.get(), code_filter)
    }

    pub fn entry(field: EntryField, signal: RwSignal<String>) -> Parsed<Filter> {
        parse_with(&signal.get(), |expr| field.parse_filter(expr))
    }

    /// The profile section: the chosen questionnaire, and the chosen answer of it if any.
    fn profile(&self) -> Option<Condition<ProfileField>> {
        let questionnaire = self.questionnaire.get();
        if questionnaire.is_empty() {
            return None;
        }
        let mut leaves = Vec::new();
        if let Ok(filter) = ProfileField::Questionnaire.parse_filter(&filter::quote(&questionnaire))
        {
            leaves.push(Condition::field(ProfileField::Questionnaire, filter));
        }
        let answer = self.answer.get();
        if let Some(Ok(filter)) = parse_with(&answer, |a| ProfileField::Answer.parse_filter(a)) {
            leaves.push(Condition::field(ProfileField::Answer, filter));
        }
        Some(Condition::And(leaves))
    }

    /// The interaction-log section: every filled field must pass on the same entry.
    fn entries(&self) -> Result<Option<Condition<EntryField>>, InvalidFilter> {
        let canceled = match self.entry_canceled.get().as_str() {
            "yes" => Some("Yes"),
            "no" => Some("No"),
            _ => None,
        };
        let fields = [
            (
                EntryField::Date,
                Self::entry(EntryField::Date, self.entry_date),
            ),
            (
                EntryField::Template,
                Self::entry(EntryField::Template, self.entry_template),
            ),
            (
                EntryField::SegmentNo,
                Self::entry(EntryField::SegmentNo, self.entry_segment),
            ),
            (
                EntryField::Evaluation,
                Self::entry(EntryField::Evaluation, self.entry_evaluation),
            ),
            (
                EntryField::Salesperson,
                Self::entry(EntryField::Salesperson, self.entry_salesperson),
            ),
            (
                EntryField::Canceled,
                canceled.map(|c| EntryField::Canceled.parse_filter(c)),
            ),
        ];
        let mut leaves = Vec::new();
        for (field, parsed) in fields {
            match parsed {
                Some(Ok(filter)) => leaves.push(Condition::field(field, filter)),
                Some(Err(_)) => return Err(InvalidFilter),
                None => {}
            }
        }
        Ok((!leaves.is_empty()).then_some(Condition::And(leaves)))
    }

    /// The criteria, or `Err` while any field has an error. Reading it inside a memo tracks
    /// every field, so a preview built on it follows the typing.
    pub fn criteria(&self) -> Result<Criteria, InvalidFilter> {
        let code = |signal| Self::code(signal).transpose().map_err(|_| InvalidFilter);
        Ok(Criteria {
            contact: self.contact()?,
            mailing_group: code(self.mailing_group)?,
            industry_group: code(self.industry_group)?,
            business_relation: code(self.business_relation)?,
            job_responsibility: code(self.job_responsibility)?,
            profile: self.profile(),
            entries: self.entries()?,
        })
    }
}

/// The message for a filter error, naming the character where it is (counted from 1).
pub fn filter_error_text(i18n: &I18n, error: &FilterError) -> String {
    let mut problem = Problem::field("filter", error.kind.code());
    if let Some(detail) = error.kind.detail() {
        problem = problem.with(detail);
    }
    i18n.tf(
        Key::FilterErrorAt,
        &[
            ("position", &i18n.count(error.position + 1)),
            ("message", &problem_text(i18n, &problem)),
        ],
    )
}

/// The error message of a parsed field, for a form control.
pub fn parsed_error<T>(i18n: &I18n, parsed: &Parsed<T>) -> Option<String> {
    match parsed {
        Some(Err(error)) => Some(filter_error_text(i18n, error)),
        _ => None,
    }
}

/// The label of a built-in contact field (an attribute is labelled by its name).
pub fn contact_field_key(field: &ContactField) -> AnyKey {
    use ContactField as F;
    match field {
        F::Kind => Key::CfKind.any(),
        F::No => Term::Number.any(),
        F::Name => Term::Name.any(),
        F::FirstName => Term::FirstName.any(),
        F::MiddleName => Term::MiddleName.any(),
        F::Surname => Term::Surname.any(),
        F::JobTitle => Term::JobTitle.any(),
        F::OrganizationalLevel => Term::OrganizationalLevel.any(),
        F::Address => Term::Address.any(),
        F::Address2 => Key::CfAddress2.any(),
        F::PostCode => Term::PostCode.any(),
        F::City => Term::City.any(),
        F::County => Key::CfCounty.any(),
        F::Country => Term::Country.any(),
        F::Phone => Term::Phone.any(),
        F::Mobile => Key::CfMobile.any(),
        F::Email => Term::Email.any(),
        F::Email2 => Term::Email2.any(),
        F::Website => Term::Website.any(),
        F::Language => Term::Language.any(),
        F::SalutationCode => Term::SalutationCode.any(),
        F::CorrespondenceType => Key::CfCorrespondenceType.any(),
        F::ExcludeFromSegments => Term::ExcludeFromSegments.any(),
        F::PrivacyBlocked => Term::PrivacyBlocked.any(),
        F::Salesperson => Term::Salesperson.any(),
        F::Territory => Term::Territory.any(),
        F::CompanyNo => Key::CfCompanyNo.any(),
        F::CompanyName => Term::CompanyName.any(),
        F::Notes => Term::Notes.any(),
        F::Created => Term::Created.any(),
        F::Modified => Key::CfModified.any(),
        F::Attribute(_) => Key::CfAttribute.any(),
    }
}

/// The stored codes of a field's values and their words in `lang`, for the fields whose values
/// are codes (a contact's type, its correspondence type); the catalogue keeps the pairs so that
/// they are tested natively.
fn code_words(lang: Lang, field: &ContactField) -> Vec<(&'static str, &'static str)> {
    filter_code_words(lang, field.name())
}

/// A filter as the user typed it, with the words of coded values (`yritys`) turned into the
/// codes the core compares (`company`).
fn typed_codes(lang: Lang, field: &ContactField, expr: &str) -> String {
    let pairs: Vec<(&str, &str)> = code_words(lang, field)
        .into_iter()
        .map(|(code, word)| (word, code))
        .collect();
    swap_words(expr, &pairs)
}

/// A stored filter of `field` as the user reads it: codes (`company`) in the words of the
/// interface language (`yritys`).
pub fn shown_codes(lang: Lang, field: &ContactField, source: &str) -> String {
    swap_words(source, &code_words(lang, field))
}

/// A contact field's label in the current language.
pub fn contact_field_label(i18n: &I18n, field: &ContactField) -> String {
    match field {
        ContactField::Attribute(name) => i18n.tf(Key::CfAttribute, &[("name", name)]),
        other => i18n.t(contact_field_key(other)).to_string(),
    }
}

pub fn entry_field_key(field: EntryField) -> AnyKey {
    use EntryField as E;
    match field {
        E::Date => Term::Date.any(),
        E::Template => Term::InteractionTemplate.any(),
        E::Group => Term::InteractionGroup.any(),
        E::SegmentNo => Term::SegmentNo.any(),
        E::Evaluation => Term::Evaluation.any(),
        E::Salesperson => Term::Salesperson.any(),
        E::Canceled => Term::Canceled.any(),
        E::AttemptFailed => Term::AttemptFailed.any(),
        E::CorrespondenceType => Term::CorrespondenceType.any(),
        E::InformationFlow => Term::InformationFlow.any(),
        E::InitiatedBy => Term::InitiatedBy.any(),
        E::Description => Term::Description.any(),
        E::Subject => Term::Subject.any(),
        E::Cost => Term::Cost.any(),
        E::Duration => Key::EfDuration.any(),
    }
}
