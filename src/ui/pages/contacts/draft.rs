//! A contact being edited: one signal per field, made from a [`Contact`] and turned back into
//! one for validation and saving. The core normalises and validates; the draft only carries what
//! the user typed.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::ids::{Code, ContactId};
use crate::core::model::{AttrValue, Contact, ContactKind, ProfileAnswerRef};
use crate::ui::choices::correspondence_of;
use crate::ui::i18n::AnyKey;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;

/// A free-text field of a contact, with what the form needs to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextPart {
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
    Territory,
    Notes,
}

impl TextPart {
    const ALL: [TextPart; 20] = [
        TextPart::Name,
        TextPart::FirstName,
        TextPart::MiddleName,
        TextPart::Surname,
        TextPart::JobTitle,
        TextPart::OrganizationalLevel,
        TextPart::Address,
        TextPart::Address2,
        TextPart::PostCode,
        TextPart::City,
        TextPart::County,
        TextPart::Country,
        TextPart::Phone,
        TextPart::Mobile,
        TextPart::Email,
        TextPart::Email2,
        TextPart::Website,
        TextPart::Language,
        TextPart::Territory,
        TextPart::Notes,
    ];

    /// The field's value in a contact.
    fn of(self, contact: &mut Contact) -> &mut String {
        match self {
            TextPart::Name => &mut contact.name,
            TextPart::FirstName => &mut contact.first_name,
            TextPart::MiddleName => &mut contact.middle_name,
            TextPart::Surname => &mut contact.surname,
            TextPart::JobTitle => &mut contact.job_title,
            TextPart::OrganizationalLevel => &mut contact.organizational_level,
            TextPart::Address => &mut contact.address,
            TextPart::Address2 => &mut contact.address_2,
            TextPart::PostCode => &mut contact.post_code,
            TextPart::City => &mut contact.city,
            TextPart::County => &mut contact.county,
            TextPart::Country => &mut contact.country,
            TextPart::Phone => &mut contact.phone,
            TextPart::Mobile => &mut contact.mobile,
            TextPart::Email => &mut contact.email,
            TextPart::Email2 => &mut contact.email_2,
            TextPart::Website => &mut contact.website,
            TextPart::Language => &mut contact.language,
            TextPart::Territory => &mut contact.territory,
            TextPart::Notes => &mut contact.notes,
        }
    }

    /// The field's name in the core's problems (`Place::Field`).
    pub fn field(self) -> &'static str {
        match self {
            TextPart::Name => "name",
            TextPart::FirstName => "first_name",
            TextPart::MiddleName => "middle_name",
            TextPart::Surname => "surname",
            TextPart::JobTitle => "job_title",
            TextPart::OrganizationalLevel => "organizational_level",
            TextPart::Address => "address",
            TextPart::Address2 => "address_2",
            TextPart::PostCode => "post_code",
            TextPart::City => "city",
            TextPart::County => "county",
            TextPart::Country => "country",
            TextPart::Phone => "phone",
            TextPart::Mobile => "mobile",
            TextPart::Email => "email",
            TextPart::Email2 => "email_2",
            TextPart::Website => "website",
            TextPart::Language => "language",
            TextPart::Territory => "territory",
            TextPart::Notes => "notes",
        }
    }

    pub fn label(self) -> AnyKey {
        match self {
            TextPart::Name => Term::Name.any(),
            TextPart::FirstName => Term::FirstName.any(),
            TextPart::MiddleName => Term::MiddleName.any(),
            TextPart::Surname => Term::Surname.any(),
            TextPart::JobTitle => Term::JobTitle.any(),
            TextPart::OrganizationalLevel => Term::OrganizationalLevel.any(),
            TextPart::Address => Term::Address.any(),
            TextPart::Address2 => Key::FieldAddress2.any(),
            TextPart::PostCode => Term::PostCode.any(),
            TextPart::City => Term::City.any(),
            TextPart::County => Key::FieldCounty.any(),
            TextPart::Country => Term::Country.any(),
            TextPart::Phone => Term::Phone.any(),
            TextPart::Mobile => Key::FieldMobile.any(),
            TextPart::Email => Term::Email.any(),
            TextPart::Email2 => Term::Email2.any(),
            TextPart::Website => Term::Website.any(),
            TextPart::Language => Term::Language.any(),
            TextPart::Territory => Term::Territory.any(),
            TextPart::Notes => Term::Notes.any(),
        }
    }

    /// The input type, so that phones get a phone keypad and e-mail an e-mail keyboard.
    pub fn input_type(self) -> &'static str {
        match self {
            TextPart::Phone | TextPart::Mobile => "tel",
            TextPart::Email | TextPart::Email2 => "email",
            TextPart::Website => "url",
            _ => "text",
        }
    }
}

/// One custom attribute row of the form. Rows are kept in a list rather than a map so that a
/// half-typed or repeated name does not make a row disappear while the user types.
#[derive(Clone, Copy)]
pub struct AttrRow {
    /// Identifies the row for rendering; never shown.
    pub key: u32,
    pub name: RwSignal<String>,
    /// `text`, `number` or `date`.
    pub kind: RwSignal<String>,
    pub value: RwSignal<String>,
}

impl AttrRow {
    pub fn new(key: u32, name: &str, value: &AttrValue) -> Self {
        let (kind, text) = match value {
            AttrValue::Text(text) => ("text", text.clone()),
            AttrValue::Number(_) => ("number", value.display()),
            AttrValue::Date(date) => ("date", date.format("%Y-%m-%d").to_string()),
        };
        AttrRow {
            key,
            name: RwSignal::new(name.to_string()),
            kind: RwSignal::new(kind.to_string()),
            value: RwSignal::new(text),
        }
    }

    /// The value as the core keeps it. A number that does not parse becomes NaN, which the
    /// core's validation reports at the attributes, naming the attribute.
    fn value(&self) -> AttrValue {
        let text = self.value.get();
        match self.kind.get().as_str() {
            "number" => AttrValue::Number(
                text.trim()
                    .replace(',', ".")
                    .replace(' ', "")
                    .parse()
                    .unwrap_or(f64::NAN),
            ),
            "date" => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map(AttrValue::Date)
                .unwrap_or(AttrValue::Text(text)),
            _ => AttrValue::Text(text),
        }
    }

    fn is_blank(&self) -> bool {
        self.name.get().trim().is_empty() && self.value.get().trim().is_empty()
    }
}

/// Every field of a contact being edited, as signals.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The contact as it was loaded: its id, stamps and import batch travel through unchanged.
    base: StoredValue<Contact>,
    texts: [RwSignal<String>; 20],
    /// `company` or `person`.
    pub kind: RwSignal<String>,
    /// The No. of a person's company, or empty.
    pub company: RwSignal<String>,
    pub salutation_code: RwSignal<String>,
    /// A [`crate::core::model::CorrespondenceType::as_str`] value.
    pub correspondence: RwSignal<String>,
    pub salesperson: RwSignal<String>,
    pub exclude_from_segments: RwSignal<bool>,
    pub privacy_blocked: RwSignal<bool>,
    pub mailing_groups: RwSignal<BTreeSet<Code>>,
    pub industry_groups: RwSignal<BTreeSet<Code>>,
    pub business_relations: RwSignal<BTreeSet<Code>>,
    pub job_responsibilities: RwSignal<BTreeSet<Code>>,
    pub profile_answers: RwSignal<BTreeSet<ProfileAnswerRef>>,
    pub attributes: RwSignal<Vec<AttrRow>>,
    /// The key the next attribute row gets.
    next_attr: StoredValue<u32>,
}

impl Draft {
    pub fn new(contact: &Contact) -> Self {
        let draft = Draft {
            base: StoredValue::new(contact.clone()),
            texts: std::array::from_fn(|_| RwSignal::new(String::new())),
            kind: RwSignal::new(String::new()),
            company: RwSignal::new(String::new()),
            salutation_code: RwSignal::new(String::new()),
            correspondence: RwSignal::new(String::new()),
            salesperson: RwSignal::new(String::new()),
            exclude_from_segments: RwSignal::new(false),
            privacy_blocked: RwSignal::new(false),
            mailing_groups: RwSignal::new(BTreeSet::new()),
            industry_groups: RwSignal::new(BTreeSet::new()),
            business_relations: RwSignal::new(BTreeSet::new()),
            job_responsibilities: RwSignal::new(BTreeSet::new()),
            profile_answers: RwSignal::new(BTreeSet::new()),
            attributes: RwSignal::new(Vec::new()),
            next_attr: StoredValue::new(0),
        };
        draft.load(contact);
        draft
    }

    /// Puts every value of `contact` into the draft, e.g. the saved (normalised) contact.
    pub fn load(&self, contact: &Contact) {
        self.base.set_value(contact.clone());
        let mut copy = contact.clone();
        for (part, signal) in TextPart::ALL.into_iter().zip(self.texts) {
            signal.set(part.of(&mut copy).clone());
        }
        self.kind.set(kind_str(contact.kind).into());
        self.company
            .set(contact.company.map(ContactId::no).unwrap_or_default());
        self.salutation_code
            .set(contact.salutation_code.to_string());
        self.correspondence
            .set(contact.correspondence_type.as_str().into());
        self.salesperson.set(
            contact
                .salesperson
                .as_ref()
                .map(Code::to_string)
                .unwrap_or_default(),
        );
        self.exclude_from_segments
            .set(contact.exclude_from_segments);
        self.privacy_blocked.set(contact.privacy_blocked);
        self.mailing_groups.set(contact.mailing_groups.clone());
        self.industry_groups.set(contact.industry_groups.clone());
        self.business_relations
            .set(contact.business_relations.clone());
        self.job_responsibilities
            .set(contact.job_responsibilities.clone());
        self.profile_answers.set(contact.profile_answers.clone());
        let rows = contact
            .attributes
            .iter()
            .map(|(name, value)| AttrRow::new(self.take_key(), name, value))
            .collect();
        self.attributes.set(rows);
    }

    fn take_key(&self) -> u32 {
        let key = self.next_attr.get_value();
        self.next_attr.set_value(key + 1);
        key
    }

    /// The signal of one text field.
    pub fn text(&self, part: TextPart) -> RwSignal<String> {
        self.texts[part as usize]
    }

    pub fn is_company(&self) -> bool {
        self.kind.get() == "company"
    }

    pub fn add_attribute(&self) {
        let row = AttrRow::new(self.take_key(), "", &AttrValue::Text(String::new()));
        self.attributes.update(|rows| rows.push(row));
    }

    pub fn remove_attribute(&self, key: u32) {
        self.attributes
            .update(|rows| rows.retain(|row| row.key != key));
    }

    /// Attribute names given to more than one row; the contact keeps one value per name, so
    /// saving is held back until they differ.
    pub fn repeated_attribute_names(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut repeated = BTreeSet::new();
        for row in self.attributes.get() {
            let name = row.name.get().trim().to_string();
            if !name.is_empty() && !seen.insert(name.clone()) {
                repeated.insert(name);
            }
        }
        repeated.into_iter().collect()
    }

    /// The contact as typed. Reading it inside a reactive closure tracks every field.
    pub fn contact(&self) -> Contact {
        let mut contact = self.base.get_value();
        for (part, signal) in TextPart::ALL.into_iter().zip(self.texts) {
            *part.of(&mut contact) = signal.get();
        }
        contact.kind = if self.is_company() {
            ContactKind::Company
        } else {
            ContactKind::Person
        };
        // A company never has a company; the field is hidden for companies, so its value is
        // whatever was chosen before the kind changed and must not travel.
        contact.company = match contact.kind {
            ContactKind::Company => None,
            ContactKind::Person => ContactId::parse_no(&self.company.get()),
        };
        contact.salutation_code = Code::new(&self.salutation_code.get());
        contact.correspondence_type = correspondence_of(&self.correspondence.get());
        let salesperson = self.salesperson.get();
        contact.salesperson = (!salesperson.is_empty()).then(|| Code::new(&salesperson));
        contact.exclude_from_segments = self.exclude_from_segments.get();
        contact.privacy_blocked = self.privacy_blocked.get();
        contact.mailing_groups = self.mailing_groups.get();
        // Industry groups and business relations belong to companies and job responsibilities
        // to persons; the form hides the other kind's groups, so they are left out rather than
        // reported at fields the user cannot see. The draft keeps them if the kind is switched back.
        let is_company = contact.kind == ContactKind::Company;
        let only = |keep: bool, codes: BTreeSet<Code>| if keep { codes } else { BTreeSet::new() };
        contact.industry_groups = only(is_company, self.industry_groups.get());
        contact.business_relations = only(is_company, self.business_relations.get());
        contact.job_responsibilities = only(!is_company, self.job_responsibilities.get());
        contact.profile_answers = self.profile_answers.get();
        contact.attributes = self
            .attributes
            .get()
            .iter()
            .filter(|row| !row.is_blank())
            .map(|row| (row.name.get(), row.value()))
            .collect();
        contact
    }
}

pub fn kind_str(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Company => "company",
        ContactKind::Person => "person",
    }
}
