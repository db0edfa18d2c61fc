//! Format 4's own records to and from the core types: the types `v4.rs` defines (the
//! template with its e-mails, records, record keys' container, journal entries). The types it
//! shares with earlier formats convert in `v1_convert.rs`, `v2_convert.rs` and `v3_convert.rs`.
//!
//! As there, every conversion names every field of both sides and matches every variant, with
//! no `..` and no wildcard arm: a stored core type that changes is a compile error here until
//! someone decides what it means on disk (usually: a new format version, see `records/mod.rs`).

use super::v4;
use super::Stored;
use crate::core::changes as ch;
use crate::core::model as m;

impl Stored for v4::EmailAttachment {
    type Core = m::EmailAttachment;
    fn from_core(core: &m::EmailAttachment) -> Self {
        match core {
            m::EmailAttachment::Docx => v4::EmailAttachment::Docx,
            m::EmailAttachment::Pdf => v4::EmailAttachment::Pdf,
            m::EmailAttachment::None => v4::EmailAttachment::None,
        }
    }
    fn into_core(self) -> Result<m::EmailAttachment, String> {
        Ok(match self {
            v4::EmailAttachment::Docx => m::EmailAttachment::Docx,
            v4::EmailAttachment::Pdf => m::EmailAttachment::Pdf,
            v4::EmailAttachment::None => m::EmailAttachment::None,
        })
    }
}

impl Stored for v4::TemplateEmail {
    type Core = m::TemplateEmail;
    fn from_core(core: &m::TemplateEmail) -> Self {
        let m::TemplateEmail {
            language,
            subject,
            body,
            attachment,
        } = core;
        v4::TemplateEmail {
            language: language.clone(),
            subject: subject.clone(),
            body: body.clone(),
            attachment: Stored::from_core(attachment),
        }
    }
    fn into_core(self) -> Result<m::TemplateEmail, String> {
        let v4::TemplateEmail {
            language,
            subject,
            body,
            attachment,
        } = self;
        Ok(m::TemplateEmail {
            language,
            subject,
            body,
            attachment: attachment.into_core()?,
        })
    }
}

impl Stored for v4::InteractionTemplate {
    type Core = m::InteractionTemplate;
    fn from_core(core: &m::InteractionTemplate) -> Self {
        let m::InteractionTemplate {
            code,
            group,
            description,
            unit_cost,
            unit_duration_min,
            information_flow,
            initiated_by,
            correspondence_type_default,
            ignore_contact_correspondence_type,
            language_default,
            letters,
            emails,
        } = core;
        v4::InteractionTemplate {
            code: Stored::from_core(code),
            group: Stored::from_core(group),
            description: description.clone(),
            unit_cost: *unit_cost,
            unit_duration_min: *unit_duration_min,
            information_flow: Stored::from_core(information_flow),
            initiated_by: Stored::from_core(initiated_by),
            correspondence_type_default: Stored::from_core(correspondence_type_default),
            ignore_contact_correspondence_type: *ignore_contact_correspondence_type,
            language_default: language_default.clone(),
            letters: Stored::from_core(letters),
            emails: Stored::from_core(emails),
        }
    }
    fn into_core(self) -> Result<m::InteractionTemplate, String> {
        let v4::InteractionTemplate {
            code,
            group,
            description,
            unit_cost,
            unit_duration_min,
            information_flow,
            initiated_by,
            correspondence_type_default,
            ignore_contact_correspondence_type,
            language_default,
            letters,
            emails,
        } = self;
        Ok(m::InteractionTemplate {
            code: code.into_core()?,
            group: group.into_core()?,
            description,
            unit_cost,
            unit_duration_min,
            information_flow: information_flow.into_core()?,
            initiated_by: initiated_by.into_core()?,
            correspondence_type_default: correspondence_type_default.into_core()?,
            ignore_contact_correspondence_type,
            language_default,
            letters: letters.into_core()?,
            emails: emails.into_core()?,
        })
    }
}

/// Records and record keys: every variant holds one stored value (or two), converted as is.
macro_rules! one_to_one {
    ($name:ident = $module:ident :: $core:ident { $($variant:ident($($arg:ident),+)),* $(,)? }) => {
        impl Stored for v4::$name {
            type Core = $module::$core;
            fn from_core(core: &$module::$core) -> Self {
                match core {
                    $($module::$core::$variant($($arg),+) =>
                        v4::$name::$variant($(Stored::from_core($arg)),+),)*
                }
            }
            fn into_core(self) -> Result<$module::$core, String> {
                Ok(match self {
                    $(v4::$name::$variant($($arg),+) =>
                        $module::$core::$variant($($arg.into_core()?),+),)*
                })
            }
        }
    };
}

one_to_one!(Record = ch::Record {
    Contact(a),
    Segment(a),
    LoggedSegment(a),
    Entry(a),
    Opportunity(a),
    SavedCriteria(a),
    Classification(a, b),
    Questionnaire(a),
    Salesperson(a),
    InteractionGroup(a),
    Template(a),
    SalutationFormula(a),
    OurCompany(a),
    Counters(a),
    ImportUndo(a),
    TeamDoc(a),
    Alias(a),
    Member(a),
    TeamSettings(a),
});

one_to_one!(RecordKey = ch::RecordKey {
    Contact(a),
    Segment(a),
    LoggedSegment(a),
    Entry(a),
    Opportunity(a),
    SavedCriteria(a),
    Classification(a, b),
    Questionnaire(a),
    Salesperson(a),
    InteractionGroup(a),
    Template(a),
    SalutationFormula(a, b, c),
    ImportUndo(a),
    TeamDoc(a),
    Alias(a, b),
    Member(a),
});

impl Stored for v4::Changes {
    type Core = ch::Changes;
    /// The letters a change set logs, and the batches it drops, are not part of the journal
    /// entry: the store writes and deletes them in their own place in the same transaction.
    fn from_core(core: &ch::Changes) -> Self {
        let ch::Changes {
            puts,
            deletes,
            letter_batches: _,
            dropped_letter_batches: _,
        } = core;
        v4::Changes {
            puts: Stored::from_core(puts),
            deletes: Stored::from_core(deletes),
        }
    }
    fn into_core(self) -> Result<ch::Changes, String> {
        let v4::Changes { puts, deletes } = self;
        Ok(ch::Changes {
            puts: puts.into_core()?,
            deletes: deletes.into_core()?,
            letter_batches: Vec::new(),
            dropped_letter_batches: Vec::new(),
        })
    }
}
