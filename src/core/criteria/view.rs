//! How the criteria read a record: a contact's fields through a [`ContactView`] (the record plus
//! the values that come from elsewhere: its number, its company's number and name), and an
//! interaction log entry's fields.
//!
//! This file needs only the model, not the [`Db`](crate::core::db::Db): the database's text
//! columns are built by reading fields through a view, so a view that imported the database
//! would tie the two into a circle. The constructor that fills a view from the database,
//! `ContactView::new`, therefore lives with the matcher, its one user.

use crate::core::criteria::vocabulary::{ContactField, EntryField};
use crate::core::filter::Value;
use crate::core::model::{AttrValue, Contact, ContactKind, InteractionLogEntry};

/// A contact as the contact filter sees it: the record plus the values that come from elsewhere
/// (its number and its company's number and name). Build it with `ContactView::new` (in `matcher.rs`).
pub struct ContactView<'a> {
    pub contact: &'a Contact,
    pub no: &'a str,
    pub company_no: &'a str,
    pub company_name: &'a str,
}

/// The owned strings a [`ContactView`] borrows, so that a view can be built without leaking.
#[derive(Default)]
pub struct ContactViewBuffers {
    pub(super) no: String,
    pub(super) company_no: String,
}

impl<'a> ContactView<'a> {
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

impl ContactField {
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
            ContactField::CorrespondenceType => Value::Text(c.correspondence_type.field_value()),
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
}

impl EntryField {
    /// The field's value on one entry, as a filter sees it.
    pub fn value(self, entry: &InteractionLogEntry) -> Value<'_> {
        match self {
            EntryField::Date => entry.date.map_or(Value::Empty, Value::Date),
            EntryField::Template => Value::Text(entry.template.as_ref().map_or("", |c| c.as_str())),
            EntryField::Group => Value::Text(entry.group.as_ref().map_or("", |c| c.as_str())),
            EntryField::SegmentNo => Value::Text(&entry.segment_no),
            EntryField::Evaluation => Value::Text(entry.evaluation.field_value()),
            EntryField::Salesperson => {
                Value::Text(entry.salesperson.as_ref().map_or("", |c| c.as_str()))
            }
            EntryField::Canceled => Value::Bool(entry.canceled),
            EntryField::AttemptFailed => Value::Bool(entry.attempt_failed),
            EntryField::CorrespondenceType => Value::Text(entry.correspondence_type.field_value()),
            EntryField::InformationFlow => Value::Text(entry.information_flow.field_value()),
            EntryField::InitiatedBy => Value::Text(entry.initiated_by.field_value()),
            EntryField::Description => Value::Text(&entry.description),
            EntryField::Subject => Value::Text(&entry.subject),
            EntryField::Cost => Value::Number(entry.cost),
            EntryField::Duration => Value::Number(entry.duration_min),
        }
    }
}
