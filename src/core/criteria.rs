//! Add / Reduce / Refine criteria: the filter sections, the options, how they are matched
//! against the contacts, and the steps recorded on a segment.
//!
//! The matching rules are those of reference-bc.md §2.2, widened by product.md §3:
//!
//! * The **contact** section filters the contact's own fields, any of them, custom attributes
//!   included, as a condition tree with AND / OR / NOT (a flat list of field filters is an AND).
//! * Every other section is an "exists" test: at least one related record must pass all of the
//!   section's filters. Mailing groups, job responsibilities and profile answers link on the
//!   contact itself. Industry groups and business relations link on the contact's company, so a
//!   person inherits them and a person without a company never matches. Interaction log entries
//!   link on both the contact and its company (Contact No. AND Contact Company No.), so a company
//!   matches only on entries logged against the company record itself.
//! * Sections are ANDed; a section without filters is ignored.
//!
//! Criteria hold parsed [`Filter`]s, never raw text, so a stored criterion is always well formed
//! (a [`Filter`] is stored as its source and parsed again when read back). Filters for code-like
//! fields are built through [`ContactField::parse_filter`] and the `*_filter` helpers here, which
//! put the expression in the case the stored values use, as Business Central does for Code fields.
//!
//! Speed (product.md §7: a filter preview over 100,000 contacts is interactive): the sections
//! other than the contact's own fields are answered from the classification indexes of
//! [`Db::indexes`]. A section costs one pass over its (few) codes and a union of their member
//! sets; the candidates are then taken from the smallest of those sets, and only the candidates
//! are tested against the contact fields and interaction log entries.

use crate::core::condition::Condition;
use crate::core::db::{Column, Db, NONE};
use crate::core::filter::{self, FieldKind, Filter, FilterError, Value};
use crate::core::ids::{ContactId, LoggedSegmentId};
use crate::core::model::{
    AttrValue, Contact, ContactKind, CorrespondenceType, Evaluation, InformationFlow, InitiatedBy,
    InteractionLogEntry, SegmentLine,
};
use crate::core::problem::{Place, Problem, Problems};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Fields

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
    /// is matched against attributes of that type (see [`Db::attribute_kind`]).
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
    /// [`Db::attribute_kind`] tells the kind its stored values actually have.
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
    /// attribute, `kind` chooses the kind (see [`Db::attribute_kind`]); for a built-in field it
    /// is ignored and the field's own kind is used.
    pub fn parse_filter(&self, expr: &str, kind: FieldKind) -> Result<Filter, FilterError> {
        let kind = match self {
            ContactField::Attribute(_) => kind,
            _ => self.kind(),
        };
        parse_in_case(expr, kind, self.case())
    }

    /// The field's value on one contact, as a filter sees it.
    pub fn value<'a>(&self, view: &ContactView<'a>) -> Value<'a> {
        let c = view.contact;
        match self {
            ContactField::Kind => Value::Text(match c.kind {
                ContactKind::Company => "company",
                ContactKind::Person => "person",
            }),
            ContactField::No => Value::Text(view.no),
            ContactField::Name => Value::Text(&c.name),
            ContactField::FirstName => Value::Text(&c.first_name),
            ContactField::MiddleName => Value::Text(&c.middle_name),
            ContactField::Surname => Value::Text(&c.surname),
            ContactField::JobTitle => Value::Text(&c.job_title),
            ContactField::OrganizationalLevel => Value::Text(&c.organizational_level),
            ContactField::Address => Value::Text(&c.address),
            ContactField::Address2 => Value::Text(&c.address_2),
            ContactField::PostCode => Value::Text(&c.post_code),
            ContactField::City => Value::Text(&c.city),
            ContactField::County => Value::Text(&c.county),
            ContactField::Country => Value::Text(&c.country),
            ContactField::Phone => Value::Text(&c.phone),
            ContactField::Mobile => Value::Text(&c.mobile),
            ContactField::Email => Value::Text(&c.email),
            ContactField::Email2 => Value::Text(&c.email_2),
            ContactField::Website => Value::Text(&c.website),
            ContactField::Language => Value::Text(&c.language),
            ContactField::SalutationCode => Value::Text(c.salutation_code.as_str()),
            ContactField::CorrespondenceType => {
                Value::Text(correspondence_type_value(c.correspondence_type))
            }
            ContactField::ExcludeFromSegments => Value::Bool(c.exclude_from_segments),
            ContactField::PrivacyBlocked => Value::Bool(c.privacy_blocked),
            ContactField::Salesperson => {
                Value::Text(c.salesperson.as_ref().map_or("", |code| code.as_str()))
            }
            ContactField::Territory => Value::Text(&c.territory),
            ContactField::CompanyNo => Value::Text(view.company_no),
            ContactField::CompanyName => Value::Text(view.company_name),
            ContactField::Notes => Value::Text(&c.notes),
            ContactField::Created => Value::Date(c.stamps.created.date()),
            ContactField::Modified => Value::Date(c.stamps.modified.date()),
            ContactField::Attribute(name) => match c.attributes.get(name) {
                Some(AttrValue::Text(text)) => Value::Text(text),
                Some(AttrValue::Number(number)) => Value::Number(*number),
                Some(AttrValue::Date(date)) => Value::Date(*date),
                None => Value::Empty,
            },
        }
    }

    /// Whether the field is one of the contact's own text values (not derived, not an
    /// attribute), which [`Db`] can keep as a dictionary-encoded column.
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

    /// Whether reading this field needs the derived values of a [`ContactView`] (numbers and
    /// the company name), which cost an allocation or a lookup per contact.
    fn needs_derived(&self) -> bool {
        matches!(
            self,
            ContactField::No | ContactField::CompanyNo | ContactField::CompanyName
        )
    }
}

/// The identifier a correspondence type is filtered by: empty for none, so `''` finds it.
fn correspondence_type_value(kind: CorrespondenceType) -> &'static str {
    match kind {
        CorrespondenceType::None => "",
        other => other.as_str(),
    }
}

fn evaluation_value(evaluation: Evaluation) -> &'static str {
    match evaluation {
        Evaluation::None => "",
        Evaluation::VeryPositive => "very_positive",
        Evaluation::Positive => "positive",
        Evaluation::Neutral => "neutral",
        Evaluation::Negative => "negative",
        Evaluation::VeryNegative => "very_negative",
    }
}

fn information_flow_value(flow: InformationFlow) -> &'static str {
    match flow {
        InformationFlow::None => "",
        InformationFlow::Outbound => "outbound",
        InformationFlow::Inbound => "inbound",
    }
}

fn initiated_by_value(initiated_by: InitiatedBy) -> &'static str {
    match initiated_by {
        InitiatedBy::None => "",
        InitiatedBy::Us => "us",
        InitiatedBy::Them => "them",
    }
}

/// A contact as the contact filter sees it: the record plus the values that come from elsewhere
/// (its number and its company's number and name). Build it with [`ContactView::new`].
pub struct ContactView<'a> {
    pub contact: &'a Contact,
    pub no: &'a str,
    pub company_no: &'a str,
    pub company_name: &'a str,
}

/// The owned strings a [`ContactView`] borrows, so that a view can be built without leaking.
#[derive(Default)]
pub struct ContactViewBuffers {
    no: String,
    company_no: String,
}

impl<'a> ContactView<'a> {
    /// A view of `contact`, filling the derived values from `db` into `buffers`.
    pub fn new(db: &'a Db, contact: &'a Contact, buffers: &'a mut ContactViewBuffers) -> Self {
        buffers.no = db.no(contact.id);
        buffers.company_no = contact.company_no().map(|id| db.no(id)).unwrap_or_default();
        ContactView {
            contact,
            no: &buffers.no,
            company_no: &buffers.company_no,
            company_name: company_name(db, contact),
        }
    }

    /// A view without the derived values, for conditions that do not read them.
    pub(crate) fn plain(contact: &'a Contact) -> Self {
        ContactView {
            contact,
            no: "",
            company_no: "",
            company_name: "",
        }
    }
}

/// The company name of a contact, borrowed: its own for a company, its company's for a person.
pub(crate) fn company_name<'a>(db: &'a Db, contact: &'a Contact) -> &'a str {
    match contact.company_no() {
        Some(company) if company == contact.id => &contact.name,
        Some(company) => db.contact(company).map_or("", |c| c.name.as_str()),
        None => "",
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

    pub fn value(self, entry: &InteractionLogEntry) -> Value<'_> {
        match self {
            EntryField::Date => entry.date.map_or(Value::Empty, Value::Date),
            EntryField::Template => Value::Text(entry.template.as_ref().map_or("", |c| c.as_str())),
            EntryField::Group => Value::Text(entry.group.as_ref().map_or("", |c| c.as_str())),
            EntryField::SegmentNo => Value::Text(&entry.segment_no),
            EntryField::Evaluation => Value::Text(evaluation_value(entry.evaluation)),
            EntryField::Salesperson => {
                Value::Text(entry.salesperson.as_ref().map_or("", |c| c.as_str()))
            }
            EntryField::Canceled => Value::Bool(entry.canceled),
            EntryField::AttemptFailed => Value::Bool(entry.attempt_failed),
            EntryField::CorrespondenceType => {
                Value::Text(correspondence_type_value(entry.correspondence_type))
            }
            EntryField::InformationFlow => {
                Value::Text(information_flow_value(entry.information_flow))
            }
            EntryField::InitiatedBy => Value::Text(initiated_by_value(entry.initiated_by)),
            EntryField::Description => Value::Text(&entry.description),
            EntryField::Subject => Value::Text(&entry.subject),
            EntryField::Cost => Value::Number(entry.cost),
            EntryField::Duration => Value::Number(entry.duration_min),
        }
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
                    "criteria.filter_kind_mismatch",
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
fn walk<F>(condition: &Condition<F>, visit: &mut impl FnMut(&F, &Filter)) {
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

/// One replayable criteria action, as a segment's history and saved criteria keep it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CriteriaAction {
    /// Add the contacts that match (reference-bc.md §2.2).
    Add {
        criteria: Criteria,
        options: AddOptions,
    },
    /// Remove the members that match (§2.3 "remove these").
    Reduce {
        criteria: Criteria,
        entire_companies: bool,
    },
    /// Keep only the members that match (§2.3 "keep only these").
    Refine {
        criteria: Criteria,
        entire_companies: bool,
    },
    /// A contact added by hand (§2.1: a manual line is a criteria action too).
    AddContact(ContactId),
    /// A contact removed by hand: all of its lines go.
    RemoveContact(ContactId),
    /// Add the contacts of a logged segment's entries (§2.6); contacts already on the segment
    /// are skipped unless `allow_existing` (product.md §3 "Reuse segment").
    ReuseLogged {
        logged: LoggedSegmentId,
        allow_existing: bool,
    },
}

/// One applied step on a segment: the action plus exactly what it did, so that Go Back can undo
/// it exactly (product.md §3: removed lines come back as they were, overrides included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaStep {
    pub action: CriteriaAction,
    /// Line numbers of the lines this step inserted.
    pub inserted: Vec<u32>,
    /// Exact copies of the lines this step removed, in line order.
    pub removed: Vec<SegmentLine>,
}

// ---------------------------------------------------------------------------------------------
// Contact sets

/// A set of contacts. Contact ids come from a counter and are dense, so a bitmap indexed by id
/// is both the smallest and the fastest form; ids far beyond the number of contacts (a hand-made
/// or foreign backup) fall back to a hash set, so that no input can demand a huge allocation.
#[derive(Debug, Clone)]
pub(crate) struct ContactSet {
    repr: Repr,
    len: usize,
}

#[derive(Debug, Clone)]
enum Repr {
    Bits { words: Vec<u64>, cap_words: usize },
    Sparse(HashSet<ContactId>),
}

impl ContactSet {
    /// An empty set sized for the contacts of `db`.
    pub(crate) fn for_db(db: &Db) -> Self {
        let count = db.contacts.len();
        let max = db.contacts.max_id().map_or(0, |id| id.0 as usize);
        // A bitmap costs max/8 bytes. Counter-made ids stay close to the number of contacts;
        // only ids far beyond it (a foreign or hand-made file) make the hash set worth it.
        if max >= count * 64 + (1 << 20) {
            return ContactSet {
                repr: Repr::Sparse(HashSet::new()),
                len: 0,
            };
        }
        // Ids a little beyond the largest (a contact being added) still fit the bitmap.
        let cap_bits = (max + 1).max(count * 4).max(1 << 16);
        ContactSet {
            repr: Repr::Bits {
                words: vec![0; max / 64 + 1],
                cap_words: cap_bits / 64 + 1,
            },
            len: 0,
        }
    }

    pub(crate) fn insert(&mut self, id: ContactId) -> bool {
        let index = id.0 as usize;
        let added = match &mut self.repr {
            Repr::Bits { words, cap_words } => {
                let word = index / 64;
                if word >= words.len() {
                    if word < *cap_words {
                        words.resize(word + 1, 0);
                    } else {
                        self.make_sparse();
                        return self.insert(id);
                    }
                }
                let bit = 1u64 << (index % 64);
                let added = words[word] & bit == 0;
                words[word] |= bit;
                added
            }
            Repr::Sparse(set) => set.insert(id),
        };
        if added {
            self.len += 1;
        }
        added
    }

    fn make_sparse(&mut self) {
        let ids: HashSet<ContactId> = self.iter().collect();
        self.repr = Repr::Sparse(ids);
    }

    pub(crate) fn contains(&self, id: ContactId) -> bool {
        match &self.repr {
            Repr::Bits { words, .. } => {
                let index = id.0 as usize;
                words
                    .get(index / 64)
                    .is_some_and(|word| word & (1u64 << (index % 64)) != 0)
            }
            Repr::Sparse(set) => set.contains(&id),
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The members, in ascending id order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = ContactId> + '_> {
        match &self.repr {
            Repr::Bits { words, .. } => Box::new(words.iter().enumerate().flat_map(|(i, &w)| {
                let mut word = w;
                std::iter::from_fn(move || {
                    if word == 0 {
                        return None;
                    }
                    let bit = word.trailing_zeros();
                    word &= word - 1;
                    Some(ContactId((i * 64) as u32 + bit))
                })
            })),
            Repr::Sparse(set) => {
                let mut ids: Vec<ContactId> = set.iter().copied().collect();
                ids.sort_unstable();
                Box::new(ids.into_iter())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Matching

/// Criteria made ready to test contacts: the index-backed sections are turned into contact sets
/// once, so each contact then costs a few bit tests plus its own field and entry filters.
pub(crate) struct Matcher<'a> {
    db: &'a Db,
    contact: Option<&'a ContactFilter>,
    /// The contact condition over the table's text columns, for tests by row (see
    /// [`Matcher::scanning`]).
    compiled: Option<Compiled<'a>>,
    /// Whether the contact condition reads derived values (numbers, company name).
    derived: bool,
    /// Sets the contact itself must belong to (mailing groups, job responsibilities, profile).
    own: Vec<ContactSet>,
    /// Sets the contact's company must belong to (industry groups, business relations).
    company: Vec<ContactSet>,
    entries: Option<&'a Condition<EntryField>>,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(db: &'a Db, criteria: &'a Criteria) -> Self {
        let ix = db.indexes();
        let code_set = |index: &crate::core::db::CodeIndex, filter: &Filter| {
            let mut set = ContactSet::for_db(db);
            for (code, members) in index {
                if filter.matches(&Value::Text(code.as_str())) {
                    for id in members {
                        set.insert(*id);
                    }
                }
            }
            set
        };
        let mut own = Vec::new();
        let mut company = Vec::new();
        if let Some(filter) = &criteria.mailing_group {
            own.push(code_set(&ix.mailing_group, filter));
        }
        if let Some(filter) = &criteria.job_responsibility {
            own.push(code_set(&ix.job_responsibility, filter));
        }
        if let Some(condition) = &criteria.profile {
            let mut set = ContactSet::for_db(db);
            for (answer, members) in &ix.profile_answer {
                let passes = condition.matches(&|field: &ProfileField| match field {
                    ProfileField::Questionnaire => Value::Text(answer.questionnaire.as_str()),
                    ProfileField::Answer => Value::Number(f64::from(answer.answer)),
                });
                if passes {
                    for id in members {
                        set.insert(*id);
                    }
                }
            }
            own.push(set);
        }
        if let Some(filter) = &criteria.industry_group {
            company.push(code_set(&ix.industry_group, filter));
        }
        if let Some(filter) = &criteria.business_relation {
            company.push(code_set(&ix.business_relation, filter));
        }
        let mut derived = false;
        if let Some(contact) = &criteria.contact {
            walk(contact, &mut |field, _| derived |= field.needs_derived());
        }
        Matcher {
            db,
            contact: criteria.contact.as_ref(),
            compiled: None,
            derived,
            own,
            company,
            entries: criteria.entries.as_ref(),
        }
    }

    /// A matcher for testing many stored contacts: the contact condition's filters on text
    /// fields are matched once per distinct value of the field's column ([`Db::column`]), so a
    /// contact's test is an array lookup. Worth it for scans; for one contact use [`Self::new`].
    pub(crate) fn scanning(db: &'a Db, criteria: &'a Criteria) -> Self {
        let mut matcher = Matcher::new(db, criteria);
        matcher.compiled = criteria
            .contact
            .as_ref()
            .map(|condition| Compiled::of(db, condition));
        matcher
    }

    /// Whether the stored contact with this id passes every section. The sets that need only
    /// the id are tested before the contact is looked up.
    pub(crate) fn matches_id(&self, id: ContactId) -> bool {
        if !self.own.iter().all(|set| set.contains(id)) {
            return false;
        }
        let table = &self.db.contacts;
        let Some(row) = table.row_of(id) else {
            return false;
        };
        let Some(contact) = table.rows()[row].as_ref() else {
            return false;
        };
        self.matches_company(contact) && self.matches_fields_at(contact, Some(row))
    }

    /// Whether a company passes the sections that are checked on the company (industry groups,
    /// business relations). When it does not, none of its contacts can match.
    pub(crate) fn company_passes(&self, company: ContactId) -> bool {
        self.company.iter().all(|set| set.contains(company))
    }

    /// Whether one contact passes every section. The contact need not be stored, so its own
    /// values are read, never the columns.
    pub(crate) fn matches(&self, contact: &Contact) -> bool {
        self.own.iter().all(|set| set.contains(contact.id))
            && self.matches_company(contact)
            && self.matches_fields_at(contact, None)
    }

    /// The company-level sections: reference-bc.md §2.2, linked on Company No.; a person
    /// without one never matches.
    fn matches_company(&self, contact: &Contact) -> bool {
        if self.company.is_empty() {
            return true;
        }
        contact
            .company_no()
            .is_some_and(|company| self.company.iter().all(|set| set.contains(company)))
    }

    /// [`Self::matches_fields_at`] for the stored contact in `row`. When the contact condition
    /// is answered by the text columns alone and there is no entries section, the contact
    /// record is not read at all, so a scan touches only the columns.
    fn matches_row(&self, row: usize) -> bool {
        let rows = self.db.contacts.rows();
        match &self.compiled {
            Some(compiled) if !self.derived && self.entries.is_none() => {
                let value_of = |field: &ContactField| {
                    rows[row]
                        .as_ref()
                        .map_or(Value::Empty, |c| field.value(&ContactView::plain(c)))
                };
                compiled.matches(row, &value_of)
            }
            _ => rows[row]
                .as_ref()
                .is_some_and(|contact| self.matches_fields_at(contact, Some(row))),
        }
    }

    /// Whether a contact passes the contact section and the entries section; the
    /// index-backed sections are the caller's to check. `row` is the contact's row in the
    /// table when it is the stored contact, so the text columns may answer for it.
    fn matches_fields_at(&self, contact: &Contact, row: Option<usize>) -> bool {
        if let Some(condition) = self.contact {
            let compiled = self.compiled.as_ref().zip(row);
            let passes = if self.derived {
                let mut buffers = ContactViewBuffers::default();
                let view = ContactView::new(self.db, contact, &mut buffers);
                let value_of = |field: &ContactField| field.value(&view);
                match compiled {
                    Some((compiled, row)) => compiled.matches(row, &value_of),
                    None => condition.matches(&value_of),
                }
            } else {
                let view = ContactView::plain(contact);
                let value_of = |field: &ContactField| field.value(&view);
                match compiled {
                    Some((compiled, row)) => compiled.matches(row, &value_of),
                    None => condition.matches(&value_of),
                }
            };
            if !passes {
                return false;
            }
        }
        if let Some(condition) = self.entries {
            // Linked on Contact No. AND Contact Company No. (§2.2), so a company matches only
            // on entries logged against the company itself.
            let company = contact.company_no();
            let any = self.db.entries_of(contact.id).any(|entry| {
                entry.company == company
                    && condition.matches(&|field: &EntryField| field.value(entry))
            });
            if !any {
                return false;
            }
        }
        true
    }

    /// Every contact that passes, in id order.
    ///
    /// With index-backed sections, one pass over the table's [`crate::core::db::Hot`] column (8 bytes per
    /// contact) tests each contact's id against the sets of its own and its Company No. against
    /// the company-level sets, which expands companies to their persons without any lookup; only
    /// the contacts left are read, and only when the contact fields or the entries still need
    /// testing. Without any index-backed section the candidates are the contacts that have
    /// entries (when the entries section is used) or, for the contact section alone, all.
    pub(crate) fn matching(&self) -> Vec<ContactId> {
        let db = self.db;
        let table = &db.contacts;
        let needs_record = self.contact.is_some() || self.entries.is_some();
        if !self.own.is_empty() || !self.company.is_empty() {
            let mut out = Vec::new();
            for (row, hot) in table.hot().iter().enumerate() {
                if hot.id == NONE {
                    continue;
                }
                if !self.company.is_empty()
                    && (hot.company_no == NONE
                        || !self
                            .company
                            .iter()
                            .all(|set| set.contains(ContactId(hot.company_no))))
                {
                    continue;
                }
                if !self.own.iter().all(|set| set.contains(ContactId(hot.id))) {
                    continue;
                }
                if needs_record && !self.matches_row(row) {
                    continue;
                }
                out.push(ContactId(hot.id));
            }
            return out;
        }
        if self.entries.is_some() {
            let mut ids: Vec<ContactId> = db.indexes().entries_of.keys().copied().collect();
            ids.sort_unstable();
            return ids
                .into_iter()
                .filter(|id| {
                    table.row_of(*id).is_some_and(|row| {
                        table.rows()[row]
                            .as_ref()
                            .is_some_and(|c| self.matches_fields_at(c, Some(row)))
                    })
                })
                .collect();
        }
        table
            .hot()
            .iter()
            .enumerate()
            .filter(|(row, hot)| hot.id != NONE && self.matches_row(*row))
            .map(|(_, hot)| ContactId(hot.id))
            .collect()
    }
}

/// A contact condition prepared for tests by table row: a filter on a text field with a
/// column is matched once per distinct value, and a row's test reads its value's number.
/// Groups keep the short-circuit rules of [`Condition::matches`].
enum Compiled<'a> {
    Column {
        column: Arc<Column>,
        pass: Vec<bool>,
    },
    Field(&'a ContactField, &'a Filter),
    And(Vec<Compiled<'a>>),
    Or(Vec<Compiled<'a>>),
    Not(Box<Compiled<'a>>),
}

impl<'a> Compiled<'a> {
    fn of(db: &Db, condition: &'a ContactFilter) -> Self {
        match condition {
            Condition::Field { field, filter } => match db.column(field) {
                Some(column) => {
                    let pass = column
                        .values
                        .iter()
                        .map(|value| filter.matches(&Value::Text(value)))
                        .collect();
                    Compiled::Column { column, pass }
                }
                None => Compiled::Field(field, filter),
            },
            Condition::And(items) => {
                Compiled::And(items.iter().map(|item| Compiled::of(db, item)).collect())
            }
            Condition::Or(items) => {
                Compiled::Or(items.iter().map(|item| Compiled::of(db, item)).collect())
            }
            Condition::Not(inner) => Compiled::Not(Box::new(Compiled::of(db, inner))),
        }
    }

    /// Whether the contact in `row`, whose other fields `value_of` reads, passes.
    fn matches<'v>(&self, row: usize, value_of: &impl Fn(&ContactField) -> Value<'v>) -> bool {
        match self {
            Compiled::Column { column, pass } => column
                .codes
                .get(row)
                .and_then(|code| pass.get(*code as usize))
                .copied()
                .unwrap_or(false),
            Compiled::Field(field, filter) => filter.matches(&value_of(field)),
            Compiled::And(items) => items.iter().all(|item| item.matches(row, value_of)),
            Compiled::Or(items) => items.iter().any(|item| item.matches(row, value_of)),
            Compiled::Not(inner) => !inner.matches(row, value_of),
        }
    }
}

impl Db {
    /// The contacts that pass all sections of `criteria`, in id order (reference-bc.md §2.2,
    /// without the Add options).
    pub fn matching_contacts(&self, criteria: &Criteria) -> Vec<ContactId> {
        Matcher::scanning(self, criteria).matching()
    }

    /// Whether one contact passes all sections of `criteria`.
    pub fn contact_matches(&self, criteria: &Criteria, contact: &Contact) -> bool {
        Matcher::new(self, criteria).matches(contact)
    }

    /// The kind of filter an attribute takes: the type of the first stored value of that name,
    /// text when no contact has it. A UI parses an attribute's filter with this kind.
    pub fn attribute_kind(&self, name: &str) -> FieldKind {
        self.contacts
            .values()
            .find_map(|contact| contact.attributes.get(name))
            .map_or(FieldKind::Text, |value| match value {
                AttrValue::Text(_) => FieldKind::Text,
                AttrValue::Number(_) => FieldKind::Number,
                AttrValue::Date(_) => FieldKind::Date,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::changes::{Changes, Record};

    fn db_with(ids: &[u32]) -> Db {
        let mut changes = Changes::new();
        for id in ids {
            changes.put(Record::Contact(Contact {
                id: ContactId(*id),
                ..Default::default()
            }));
        }
        Db::from_records(changes.puts)
    }

    #[test]
    fn contact_sets_keep_ids_in_order_and_count_them_once() {
        let db = db_with(&[1, 2, 3, 200]);
        let mut set = ContactSet::for_db(&db);
        for id in [200, 3, 1, 3, 70] {
            set.insert(ContactId(id));
        }
        assert_eq!(set.len(), 4);
        assert!(set.contains(ContactId(70)) && !set.contains(ContactId(2)));
        let ids: Vec<u32> = set.iter().map(|id| id.0).collect();
        assert_eq!(ids, [1, 3, 70, 200]);
    }

    #[test]
    fn contact_sets_fall_back_to_hashing_for_far_away_ids() {
        // A huge id must not make the bitmap allocate hundreds of megabytes.
        let db = db_with(&[1, 2]);
        let mut set = ContactSet::for_db(&db);
        set.insert(ContactId(2));
        set.insert(ContactId(u32::MAX));
        assert!(matches!(set.repr, Repr::Sparse(_)));
        assert!(set.contains(ContactId(u32::MAX)) && set.contains(ContactId(2)));
        let ids: Vec<u32> = set.iter().map(|id| id.0).collect();
        assert_eq!(ids, [2, u32::MAX]);
        let far = db_with(&[1, 4_000_000_000]);
        assert!(matches!(ContactSet::for_db(&far).repr, Repr::Sparse(_)));
    }

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
