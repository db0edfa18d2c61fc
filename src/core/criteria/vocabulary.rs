//! The words criteria are written in: the fields each section filters, how a typed filter is
//! put in the case its field's values are stored in, the sections of one action ([`Criteria`])
//! and the options of Add Contacts.
//!
//! This is plain data that the model stores inside a segment's history and saved criteria, so it
//! needs nothing but filters and conditions: reading a field's value from a record is in
//! `view.rs`, and matching contacts in `matcher.rs`.

use crate::core::condition::Condition;
use crate::core::filter::{self, FieldKind, Filter, FilterError};
use crate::core::problem::ProblemCode;
use crate::core::problem::{Place, Problem, Problems};
use serde::{Deserialize, Serialize};

/// How a field's stored values are cased, so that a filter typed in any case finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Free text: the filter is taken as written (`@` asks for case-insensitive matching).
    AsIs,
    /// Codes and numbers (`GIFT`, `CT000123`) are stored upper-case.
    Upper,
    /// Language codes and the stable identifiers of choice fields (`fi`, `hard_copy`).
    Lower,
}

/// Parses `expr` for a field of `kind`, first putting it in the case the field's values use.
fn parse_in_case(expr: &str, kind: FieldKind, case: Case) -> Result<Filter, FilterError> {
    match case {
        Case::AsIs => filter::parse(expr, kind),
        Case::Upper => filter::parse(&expr.to_uppercase(), kind),
        Case::Lower => filter::parse(&expr.to_lowercase(), kind),
    }
}

/// A filter on a classification code (mailing group, industry group, business relation, job
/// responsibility). Codes are stored upper-case, so `gift|news` finds `GIFT` and `NEWS`.
pub fn code_filter(expr: &str) -> Result<Filter, FilterError> {
    parse_in_case(expr, FieldKind::Text, Case::Upper)
}

/// Every field of a contact that the contact section can filter (product.md §3: "any field,
/// including custom attributes").
///
/// Choice fields are matched by their stable English identifiers, e.g. `kind` is `company` or
/// `person`, `correspondence_type` is empty, `hard_copy` or `email`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ContactField {
    Kind,
    /// The user-visible number, e.g. `CT000123`.
    No,
    Name,
    FirstName,
    MiddleName,
    Surname,
    JobTitle,
    OrganizationalLevel,
    Address,
    Address2,
    PostCode,
    City,
    County,
    Country,
    Phone,
    Mobile,
    Email,
    Email2,
    Website,
    Language,
    SalutationCode,
    CorrespondenceType,
    ExcludeFromSegments,
    PrivacyBlocked,
    Salesperson,
    Territory,
    /// The company's number (a company's own), empty for a person without a company.
    CompanyNo,
    /// The company's name (a company's own), empty for a person without a company.
    CompanyName,
    Notes,
    /// The date the contact was created.
    Created,
    /// The date the contact was last changed.
    Modified,
    /// A custom attribute by name. Its filter may be of any kind: a text, number or date filter
    /// is matched against attributes of that type (see [`Db::attribute_kind`](crate::core::db::Db::attribute_kind)).
    Attribute(String),
}

impl ContactField {
    /// Every built-in field, in the order a field picker shows them.
    pub const BUILT_IN: [ContactField; 31] = [
        ContactField::Kind,
        ContactField::No,
        ContactField::Name,
        ContactField::FirstName,
        ContactField::MiddleName,
        ContactField::Surname,
        ContactField::JobTitle,
        ContactField::OrganizationalLevel,
        ContactField::Address,
        ContactField::Address2,
        ContactField::PostCode,
        ContactField::City,
        ContactField::County,
        ContactField::Country,
        ContactField::Phone,
        ContactField::Mobile,
        ContactField::Email,
        ContactField::Email2,
        ContactField::Website,
        ContactField::Language,
        ContactField::SalutationCode,
        ContactField::CorrespondenceType,
        ContactField::ExcludeFromSegments,
        ContactField::PrivacyBlocked,
        ContactField::Salesperson,
        ContactField::Territory,
        ContactField::CompanyNo,
        ContactField::CompanyName,
        ContactField::Notes,
        ContactField::Created,
        ContactField::Modified,
    ];

    /// The kind of filter the field takes. For an attribute this is only the default (text);
    /// [`Db::attribute_kind`](crate::core::db::Db::attribute_kind) tells the kind its stored values actually have.
    pub fn kind(&self) -> FieldKind {
        match self {
            ContactField::ExcludeFromSegments | ContactField::PrivacyBlocked => FieldKind::Bool,
            ContactField::Created | ContactField::Modified => FieldKind::Date,
            _ => FieldKind::Text,
        }
    }

    /// The stable English identifier of the field, as the UI and saved criteria name it.
    pub fn name(&self) -> &str {
        match self {
            ContactField::Kind => "kind",
            ContactField::No => "no",
            ContactField::Name => "name",
            ContactField::FirstName => "first_name",
            ContactField::MiddleName => "middle_name",
            ContactField::Surname => "surname",
            ContactField::JobTitle => "job_title",
            ContactField::OrganizationalLevel => "organizational_level",
            ContactField::Address => "address",
            ContactField::Address2 => "address_2",
            ContactField::PostCode => "post_code",
            ContactField::City => "city",
            ContactField::County => "county",
            ContactField::Country => "country",
            ContactField::Phone => "phone",
            ContactField::Mobile => "mobile",
            ContactField::Email => "email",
            ContactField::Email2 => "email_2",
            ContactField::Website => "website",
            ContactField::Language => "language",
            ContactField::SalutationCode => "salutation_code",
            ContactField::CorrespondenceType => "correspondence_type",
            ContactField::ExcludeFromSegments => "exclude_from_segments",
            ContactField::PrivacyBlocked => "privacy_blocked",
            ContactField::Salesperson => "salesperson",
            ContactField::Territory => "territory",
            ContactField::CompanyNo => "company_no",
            ContactField::CompanyName => "company_name",
            ContactField::Notes => "notes",
            ContactField::Created => "created",
            ContactField::Modified => "modified",
            ContactField::Attribute(name) => name,
        }
    }

    /// The field with this identifier; `attr.NAME` names a custom attribute.
    pub fn from_name(name: &str) -> Option<ContactField> {
        if let Some(attribute) = name.strip_prefix("attr.") {
            return Some(ContactField::Attribute(attribute.to_string()));
        }
        ContactField::BUILT_IN
            .iter()
            .find(|field| field.name() == name)
            .cloned()
    }

    fn case(&self) -> Case {
        match self {
            ContactField::No
            | ContactField::CompanyNo
            | ContactField::SalutationCode
            | ContactField::Salesperson => Case::Upper,
            ContactField::Kind | ContactField::Language | ContactField::CorrespondenceType => {
                Case::Lower
            }
            _ => Case::AsIs,
        }
    }

    /// Parses a filter for this field, in the case the field's values are stored in. For an
    /// attribute, `kind` chooses the kind (see [`Db::attribute_kind`](crate::core::db::Db::attribute_kind)); for a built-in field it
    /// is ignored and the field's own kind is used.
    pub fn parse_filter(&self, expr: &str, kind: FieldKind) -> Result<Filter, FilterError> {
        let kind = match self {
            ContactField::Attribute(_) => kind,
            _ => self.kind(),
        };
        parse_in_case(expr, kind, self.case())
    }

    /// Whether the field is one of the contact's own text values (not derived, not an
    /// attribute), which [`Db`](crate::core::db::Db) can keep as a dictionary-encoded column.
    pub(crate) fn is_plain_text(&self) -> bool {
        !self.needs_derived()
            && !matches!(
                self,
                ContactField::Kind
                    | ContactField::CorrespondenceType
                    | ContactField::ExcludeFromSegments
                    | ContactField::PrivacyBlocked
                    | ContactField::Created
                    | ContactField::Modified
                    | ContactField::Attribute(_)
            )
    }

    /// Whether reading this field needs the derived values of a [`ContactView`](super::ContactView) (numbers and
    /// the company name), which cost an allocation or a lookup per contact.
    pub(crate) fn needs_derived(&self) -> bool {
        matches!(
            self,
            ContactField::No | ContactField::CompanyNo | ContactField::CompanyName
        )
    }
}

/// The contact section: a condition tree over the contact's own fields.
pub type ContactFilter = Condition<ContactField>;

/// The fields of a profile answer (reference-bc.md §2.2 "Profile").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProfileField {
    /// The questionnaire's code.
    Questionnaire,
    /// The answer's line number in the questionnaire.
    Answer,
}

impl ProfileField {
    pub fn kind(self) -> FieldKind {
        match self {
            ProfileField::Questionnaire => FieldKind::Text,
            ProfileField::Answer => FieldKind::Number,
        }
    }

    pub fn parse_filter(self, expr: &str) -> Result<Filter, FilterError> {
        match self {
            ProfileField::Questionnaire => code_filter(expr),
            ProfileField::Answer => filter::parse(expr, FieldKind::Number),
        }
    }
}

/// The fields of an interaction log entry that the entries section can filter (product.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntryField {
    Date,
    Template,
    Group,
    /// The number of the segment the entry was logged from, e.g. `SEG000042`.
    SegmentNo,
    /// `very_positive`, `positive`, `neutral`, `negative`, `very_negative`, or empty.
    Evaluation,
    Salesperson,
    Canceled,
    AttemptFailed,
    /// `hard_copy`, `email`, or empty.
    CorrespondenceType,
    /// `outbound`, `inbound`, or empty.
    InformationFlow,
    /// `us`, `them`, or empty.
    InitiatedBy,
    Description,
    Subject,
    Cost,
    Duration,
}

impl EntryField {
    pub const ALL: [EntryField; 15] = [
        EntryField::Date,
        EntryField::Template,
        EntryField::Group,
        EntryField::SegmentNo,
        EntryField::Evaluation,
        EntryField::Salesperson,
        EntryField::Canceled,
        EntryField::AttemptFailed,
        EntryField::CorrespondenceType,
        EntryField::InformationFlow,
        EntryField::InitiatedBy,
        EntryField::Description,
        EntryField::Subject,
        EntryField::Cost,
        EntryField::Duration,
    ];

    pub fn kind(self) -> FieldKind {
        match self {
            EntryField::Date => FieldKind::Date,
            EntryField::Canceled | EntryField::AttemptFailed => FieldKind::Bool,
            EntryField::Cost | EntryField::Duration => FieldKind::Number,
            _ => FieldKind::Text,
        }
    }

    fn case(self) -> Case {
        match self {
            EntryField::Template
            | EntryField::Group
            | EntryField::SegmentNo
            | EntryField::Salesperson => Case::Upper,
            EntryField::Evaluation
            | EntryField::CorrespondenceType
            | EntryField::InformationFlow
            | EntryField::InitiatedBy => Case::Lower,
            _ => Case::AsIs,
        }
    }

    pub fn parse_filter(self, expr: &str) -> Result<Filter, FilterError> {
        parse_in_case(expr, self.kind(), self.case())
    }
}

// ---------------------------------------------------------------------------------------------
// Criteria and actions

/// The filter sections of one Add / Reduce / Refine action (reference-bc.md §2.2). `None` means
/// the section has no filters and is ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Criteria {
    /// The contact's own fields.
    pub contact: Option<ContactFilter>,
    /// Mailing group code; at least one of the contact's mailing groups must pass.
    pub mailing_group: Option<Filter>,
    /// Industry group code, checked on the contact's company.
    pub industry_group: Option<Filter>,
    /// Business relation code, checked on the contact's company.
    pub business_relation: Option<Filter>,
    /// Job responsibility code.
    pub job_responsibility: Option<Filter>,
    /// Profile answers: one answer must pass the whole condition.
    pub profile: Option<Condition<ProfileField>>,
    /// Interaction log entries: one entry of the contact (and its company) must pass the whole
    /// condition.
    pub entries: Option<Condition<EntryField>>,
}

impl Criteria {
    /// Whether no section has a filter (such criteria match every contact, as in BC).
    pub fn is_empty(&self) -> bool {
        self.contact.is_none()
            && self.mailing_group.is_none()
            && self.industry_group.is_none()
            && self.business_relation.is_none()
            && self.job_responsibility.is_none()
            && self.profile.is_none()
            && self.entries.is_none()
    }

    /// Problems that make the criteria unusable: a filter whose kind does not fit its field.
    /// Criteria built through the `parse_filter` helpers never have any; hand-built or foreign
    /// criteria might, and matching them would silently find nothing.
    pub fn check(&self) -> Problems {
        let mut problems = Vec::new();
        let mut mismatch = |section: &str, field: &str| {
            problems.push(
                Problem::error(
                    Place::Field(format!("{section}.{field}")),
                    ProblemCode::CriteriaFilterKindMismatch,
                )
                .with(field),
            );
        };
        if let Some(contact) = &self.contact {
            walk(contact, &mut |field, filter| {
                let fits =
                    matches!(field, ContactField::Attribute(_)) || filter.kind() == field.kind();
                if !fits {
                    mismatch("contact", field.name());
                }
            });
        }
        for (section, code) in [
            ("mailing_group", &self.mailing_group),
            ("industry_group", &self.industry_group),
            ("business_relation", &self.business_relation),
            ("job_responsibility", &self.job_responsibility),
        ] {
            if code.as_ref().is_some_and(|f| f.kind() != FieldKind::Text) {
                mismatch(section, "code");
            }
        }
        if let Some(profile) = &self.profile {
            walk(profile, &mut |field, filter| {
                if filter.kind() != field.kind() {
                    mismatch("profile", &format!("{field:?}").to_lowercase());
                }
            });
        }
        if let Some(entries) = &self.entries {
            walk(entries, &mut |field, filter| {
                if filter.kind() != field.kind() {
                    mismatch("entries", &format!("{field:?}").to_lowercase());
                }
            });
        }
        problems
    }
}

/// Calls `visit` for every field filter of a condition tree.
pub(super) fn walk<F>(condition: &Condition<F>, visit: &mut impl FnMut(&F, &Filter)) {
    match condition {
        Condition::Field { field, filter } => visit(field, filter),
        Condition::And(items) | Condition::Or(items) => {
            for item in items {
                walk(item, visit);
            }
        }
        Condition::Not(inner) => walk(inner, visit),
    }
}

/// The options of Add Contacts (reference-bc.md §2.2), applied in the reference's order:
/// expand companies, add related companies, drop excluded contacts (after expansion, so expanded
/// contacts are dropped too), then drop contacts already on the segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AddOptions {
    /// Add a contact even if it already has a line (a second line is created).
    pub allow_existing: bool,
    /// For every matched contact with a company, add the company and all of its persons.
    pub expand_companies: bool,
    /// For every matched person, add its company too.
    pub add_related_companies: bool,
    /// Keep contacts marked "exclude from segments".
    pub ignore_exclusion: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::filter::Value;

    #[test]
    fn field_names_read_back() {
        for field in ContactField::BUILT_IN.iter() {
            assert_eq!(ContactField::from_name(field.name()).as_ref(), Some(field));
        }
        assert_eq!(
            ContactField::from_name("attr.revenue"),
            Some(ContactField::Attribute("revenue".into()))
        );
        assert_eq!(ContactField::from_name("nope"), None);
    }

    #[test]
    fn code_like_fields_take_filters_in_any_case() {
        let gift = code_filter("gift|news").unwrap();
        assert!(gift.matches(&Value::Text("GIFT")));
        let kind = ContactField::Kind
            .parse_filter("Company", FieldKind::Number)
            .unwrap();
        // A built-in field ignores the kind it is given and uses its own.
        assert_eq!(kind.kind(), FieldKind::Text);
        assert!(kind.matches(&Value::Text("company")));
        let evaluation = EntryField::Evaluation
            .parse_filter("Very_Positive")
            .unwrap();
        assert!(evaluation.matches(&Value::Text("very_positive")));
    }

    #[test]
    fn criteria_check_names_the_field_whose_filter_has_the_wrong_kind() {
        let criteria = Criteria {
            contact: Some(Condition::field(
                ContactField::PrivacyBlocked,
                filter::parse("x", FieldKind::Text).unwrap(),
            )),
            entries: Some(Condition::field(
                EntryField::Cost,
                filter::parse("5", FieldKind::Number).unwrap(),
            )),
            ..Default::default()
        };
        let problems = criteria.check();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].place,
            Place::Field("contact.privacy_blocked".into())
        );
    }
}
