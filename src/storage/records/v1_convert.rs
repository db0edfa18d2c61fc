//! Format 1's records to and from the core types.
//!
//! Since format 2 these are the conversions of the types format 2 shares with format 1
//! (`v2.rs` re-exports them), so they are used for writing as well as reading. Format 1's own
//! `Record`, `RecordKey`, `Changes` and `Backup` have no conversion any more: only format 2 is
//! written, and reading format-1 data upgrades them to format 2 first (`upgrade.rs`) and
//! converts that (`v2_convert.rs`).
//!
//! Every conversion names every field of both sides and matches every variant, with no `..`
//! and no wildcard arm: adding, removing or renaming a field or variant of a stored core type is
//! a compile error here until someone decides what it means on disk (usually: a new format
//! version, see `records/mod.rs`). That is the point of this file; do not shorten it.

use super::v1;
use super::Stored;
use crate::core::changes as ch;
use crate::core::condition as cond;
use crate::core::criteria as cr;
use crate::core::filter as fi;
use crate::core::ids;
use crate::core::model as m;

macro_rules! ids {
    ($($name:ident),* $(,)?) => {$(
        impl Stored for v1::$name {
            type Core = ids::$name;
            fn from_core(core: &ids::$name) -> Self {
                let ids::$name(number) = *core;
                v1::$name(number)
            }
            fn into_core(self) -> Result<ids::$name, String> {
                let v1::$name(number) = self;
                Ok(ids::$name(number))
            }
        }
    )*};
}

ids!(
    ContactId,
    SegmentId,
    LoggedSegmentId,
    EntryId,
    OpportunityId,
    ImportBatchId
);

impl Stored for v1::Code {
    type Core = ids::Code;
    fn from_core(core: &ids::Code) -> Self {
        v1::Code(core.as_str().to_owned())
    }
    fn into_core(self) -> Result<ids::Code, String> {
        Ok(ids::Code::from_stored(self.0))
    }
}

/// Structs converted field by field; each field is listed once and must exist, under the same
/// name, on both sides, and every field of either side must be listed.
macro_rules! structs {
    ($($name:ident = $module:ident :: $core:ident { $($field:ident),* $(,)? })*) => {$(
        impl Stored for v1::$name {
            type Core = $module::$core;
            fn from_core(core: &$module::$core) -> Self {
                let $module::$core { $($field),* } = core;
                v1::$name { $($field: Stored::from_core($field)),* }
            }
            fn into_core(self) -> Result<$module::$core, String> {
                let v1::$name { $($field),* } = self;
                Ok($module::$core { $($field: $field.into_core()?),* })
            }
        }
    )*};
}

/// Enums whose variants carry no data, variant for variant.
macro_rules! unit_enums {
    ($($name:ident = $module:ident :: $core:ident { $($variant:ident),* $(,)? })*) => {$(
        impl Stored for v1::$name {
            type Core = $module::$core;
            fn from_core(core: &$module::$core) -> Self {
                match core {
                    $($module::$core::$variant => v1::$name::$variant),*
                }
            }
            fn into_core(self) -> Result<$module::$core, String> {
                Ok(match self {
                    $(v1::$name::$variant => $module::$core::$variant),*
                })
            }
        }
    )*};
}

structs! {
    Stamps = m::Stamps { created, modified }
    ProfileAnswerRef = m::ProfileAnswerRef { questionnaire, answer }
    Contact = m::Contact {
        id, kind, company, name, first_name, middle_name, surname, job_title,
        organizational_level, address, address_2, post_code, city, county, country, phone,
        mobile, email, email_2, website, language, salutation_code, correspondence_type,
        exclude_from_segments, privacy_blocked, salesperson, territory, attributes, notes,
        mailing_groups, industry_groups, business_relations, job_responsibilities,
        profile_answers, import_batch, stamps,
    }
    Classification = m::Classification { code, description }
    ProfileAnswer = m::ProfileAnswer { line, text }
    ProfileQuestionnaire = m::ProfileQuestionnaire { code, description, answers }
    Salesperson = m::Salesperson { code, name, job_title, email, phone }
    OurCompany = m::OurCompany {
        name, address, address_2, post_code, city, country, phone, email, vat_no, bank_account,
    }
    InteractionGroup = m::InteractionGroup { code, description }
    TemplateLetter = m::TemplateLetter { language, subject, body }
    SalutationFormula = m::SalutationFormula { salutation_code, language, kind, formula, parts }
    Segment = m::Segment {
        id, description, date, salesperson, template, group, language, subject,
        correspondence_type_default, ignore_contact_correspondence_type, unit_cost,
        unit_duration_min, information_flow, initiated_by, letter, lines, history,
        next_line_no, stamps,
    }
    SegmentLine = m::SegmentLine {
        line_no, contact, company, description, subject, salesperson, template, group,
        language, correspondence_type, cost, duration_min, information_flow, initiated_by, date,
        evaluation, attempt_failed, comment, letter, opportunity,
    }
    SavedCriteria = m::SavedCriteria { code, description, actions }
    LoggedSegment = m::LoggedSegment { id, segment_no, description, created, canceled }
    LetterRef = m::LetterRef { batch, file_name, mime, size }
    LetterBatch = m::LetterBatch { id, letters }
    StoredLetter = m::StoredLetter { file_name, mime, bytes, merge_data }
    Comment = m::Comment { at, text }
    InteractionLogEntry = m::InteractionLogEntry {
        id, contact, company, date, description, subject, information_flow, initiated_by, cost,
        duration_min, group, template, language, segment_no, logged_segment, evaluation,
        attempt_failed, salesperson, canceled, correspondence_type, comments, letter,
        opportunity, logged_at,
    }
    Opportunity = m::Opportunity { id, contact, segment_no, description, salesperson, created }
    Criteria = cr::Criteria {
        contact, mailing_group, industry_group, business_relation, job_responsibility, profile,
        entries,
    }
    AddOptions = cr::AddOptions {
        allow_existing, expand_companies, add_related_companies, ignore_exclusion,
    }
    CriteriaStep = cr::CriteriaStep { action, inserted, removed }
    Counters = ch::Counters {
        contact, segment, logged_segment, entry, opportunity, import_batch,
    }
}

unit_enums! {
    ContactKind = m::ContactKind { Company, Person }
    CorrespondenceType = m::CorrespondenceType { None, HardCopy, Email }
    ClassificationKind = m::ClassificationKind {
        MailingGroup, IndustryGroup, BusinessRelation, JobResponsibility,
    }
    InformationFlow = m::InformationFlow { None, Outbound, Inbound }
    InitiatedBy = m::InitiatedBy { None, Us, Them }
    SalutationKind = m::SalutationKind { Formal, Informal }
    NamePart = m::NamePart { JobTitle, FirstName, MiddleName, Surname, Initials, CompanyName }
    Evaluation = m::Evaluation {
        None, VeryPositive, Positive, Neutral, Negative, VeryNegative,
    }
    FieldKind = fi::FieldKind { Text, Number, Date, Bool }
    ProfileField = cr::ProfileField { Questionnaire, Answer }
    EntryField = cr::EntryField {
        Date, Template, Group, SegmentNo, Evaluation, Salesperson, Canceled, AttemptFailed,
        CorrespondenceType, InformationFlow, InitiatedBy, Description, Subject, Cost, Duration,
    }
}

impl Stored for v1::AttrValue {
    type Core = m::AttrValue;
    fn from_core(core: &m::AttrValue) -> Self {
        match core {
            m::AttrValue::Text(text) => v1::AttrValue::Text(text.clone()),
            m::AttrValue::Number(number) => v1::AttrValue::Number(*number),
            m::AttrValue::Date(date) => v1::AttrValue::Date(*date),
        }
    }
    fn into_core(self) -> Result<m::AttrValue, String> {
        Ok(match self {
            v1::AttrValue::Text(text) => m::AttrValue::Text(text),
            v1::AttrValue::Number(number) => m::AttrValue::Number(number),
            v1::AttrValue::Date(date) => m::AttrValue::Date(date),
        })
    }
}

impl Stored for v1::LetterBody {
    type Core = m::LetterBody;
    fn from_core(core: &m::LetterBody) -> Self {
        match core {
            m::LetterBody::Text(text) => v1::LetterBody::Text(text.clone()),
            m::LetterBody::Docx { file_name, bytes } => v1::LetterBody::Docx {
                file_name: file_name.clone(),
                bytes: bytes.clone(),
            },
        }
    }
    fn into_core(self) -> Result<m::LetterBody, String> {
        Ok(match self {
            v1::LetterBody::Text(text) => m::LetterBody::Text(text),
            v1::LetterBody::Docx { file_name, bytes } => m::LetterBody::Docx { file_name, bytes },
        })
    }
}

impl Stored for v1::Filter {
    type Core = fi::Filter;
    fn from_core(core: &fi::Filter) -> Self {
        v1::Filter {
            kind: Stored::from_core(&core.kind()),
            source: core.source().to_owned(),
        }
    }
    /// Parses the stored text again, as format 1 did on loading.
    fn into_core(self) -> Result<fi::Filter, String> {
        let v1::Filter { kind, source } = self;
        fi::parse(&source, kind.into_core()?)
            .map_err(|error| format!("the filter {source:?} does not parse: {error}"))
    }
}

/// Decoding a stored filter checks that its text still parses for its kind (see
/// [`v1::Filter`]); the message says why not.
impl TryFrom<v1::FilterText> for v1::Filter {
    type Error = String;

    fn try_from(text: v1::FilterText) -> Result<Self, String> {
        let v1::FilterText { kind, source } = text;
        let filter = v1::Filter { kind, source };
        filter.clone().into_core()?;
        Ok(filter)
    }
}

impl<F: Stored> Stored for v1::Condition<F> {
    type Core = cond::Condition<F::Core>;
    fn from_core(core: &cond::Condition<F::Core>) -> Self {
        match core {
            cond::Condition::Field { field, filter } => v1::Condition::Field {
                field: F::from_core(field),
                filter: Stored::from_core(filter),
            },
            cond::Condition::And(items) => v1::Condition::And(Stored::from_core(items)),
            cond::Condition::Or(items) => v1::Condition::Or(Stored::from_core(items)),
            cond::Condition::Not(item) => v1::Condition::Not(Stored::from_core(item)),
        }
    }
    fn into_core(self) -> Result<cond::Condition<F::Core>, String> {
        Ok(match self {
            v1::Condition::Field { field, filter } => cond::Condition::Field {
                field: field.into_core()?,
                filter: filter.into_core()?,
            },
            v1::Condition::And(items) => cond::Condition::And(items.into_core()?),
            v1::Condition::Or(items) => cond::Condition::Or(items.into_core()?),
            v1::Condition::Not(item) => cond::Condition::Not(item.into_core()?),
        })
    }
}

/// The contact fields: every data-less variant, and the attribute by name.
macro_rules! contact_fields {
    ($($variant:ident),* $(,)?) => {
        impl Stored for v1::ContactField {
            type Core = cr::ContactField;
            fn from_core(core: &cr::ContactField) -> Self {
                match core {
                    $(cr::ContactField::$variant => v1::ContactField::$variant,)*
                    cr::ContactField::Attribute(name) => v1::ContactField::Attribute(name.clone()),
                }
            }
            fn into_core(self) -> Result<cr::ContactField, String> {
                Ok(match self {
                    $(v1::ContactField::$variant => cr::ContactField::$variant,)*
                    v1::ContactField::Attribute(name) => cr::ContactField::Attribute(name),
                })
            }
        }
    };
}

contact_fields!(
    Kind,
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
    CompanyNo,
    CompanyName,
    Notes,
    Created,
    Modified,
);

impl Stored for v1::CriteriaAction {
    type Core = cr::CriteriaAction;
    fn from_core(core: &cr::CriteriaAction) -> Self {
        use cr::CriteriaAction as C;
        use v1::CriteriaAction as S;
        match core {
            C::Add { criteria, options } => S::Add {
                criteria: Stored::from_core(criteria),
                options: Stored::from_core(options),
            },
            C::Reduce {
                criteria,
                entire_companies,
            } => S::Reduce {
                criteria: Stored::from_core(criteria),
                entire_companies: *entire_companies,
            },
            C::Refine {
                criteria,
                entire_companies,
            } => S::Refine {
                criteria: Stored::from_core(criteria),
                entire_companies: *entire_companies,
            },
            C::AddContact(id) => S::AddContact(Stored::from_core(id)),
            C::RemoveContact(id) => S::RemoveContact(Stored::from_core(id)),
            C::ReuseLogged {
                logged,
                allow_existing,
            } => S::ReuseLogged {
                logged: Stored::from_core(logged),
                allow_existing: *allow_existing,
            },
        }
    }
    fn into_core(self) -> Result<cr::CriteriaAction, String> {
        use cr::CriteriaAction as C;
        use v1::CriteriaAction as S;
        Ok(match self {
            S::Add { criteria, options } => C::Add {
                criteria: criteria.into_core()?,
                options: options.into_core()?,
            },
            S::Reduce {
                criteria,
                entire_companies,
            } => C::Reduce {
                criteria: criteria.into_core()?,
                entire_companies,
            },
            S::Refine {
                criteria,
                entire_companies,
            } => C::Refine {
                criteria: criteria.into_core()?,
                entire_companies,
            },
            S::AddContact(id) => C::AddContact(id.into_core()?),
            S::RemoveContact(id) => C::RemoveContact(id.into_core()?),
            S::ReuseLogged {
                logged,
                allow_existing,
            } => C::ReuseLogged {
                logged: logged.into_core()?,
                allow_existing,
            },
        })
    }
}
