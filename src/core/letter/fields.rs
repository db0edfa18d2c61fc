//! The values one contact's letter is merged from (product.md §5, reference-bc.md §4.2): every
//! field of [`KNOWN_FIELDS`](super::KNOWN_FIELDS) that has a value, and `attr.NAME` for each of
//! the contact's custom attributes.
//!
//! Only fields with a non-blank value are put into the [`MergeData`]. A blank value and a missing
//! one already mean the same to the letter language, and leaving blanks out keeps the merge data
//! stored with every interaction log entry small.
//!
//! A person without an address of its own is written to at its company's address. That is how
//! letters to "Aino at Kalusto Oy" are posted in practice, and it is what Business Central's
//! contact card shows for a person whose address fields are inherited from the company. The
//! check before logging still warns about a hard-copy line whose contact has no address of its
//! own (see [`crate::core::logging`]), so the user can see where such letters go.

use crate::core::problem::ProblemCode;
use chrono::NaiveDate;

use crate::core::db::Db;
use crate::core::ids::Code;
use crate::core::model::{Contact, SalutationKind, Segment, SegmentLine};
use crate::core::problem::{Place, Problem};

use super::{format_date, mail_address, AddressLines, MergeData, ATTR_PREFIX};

/// The stable code of the warning given when a contact's salutation formula is missing.
pub const SALUTATION_MISSING: ProblemCode = ProblemCode::LetterSalutationMissing;

/// The merge data of one segment line: the contact's fields, its salesperson, our company and
/// the line's document values, with dates formatted in the line's language.
///
/// The problems are warnings at the line (`Place::Line` with the field `letter`): a salutation
/// whose formula is not set up gives [`SALUTATION_MISSING`] with the field, the salutation code,
/// the language and the kind as arguments. It is a warning, not an error, because the letter can
/// still be produced (the salutation is left empty) and the letter may not even use it; the
/// caller keeps it only when the letter prints that salutation. An unknown contact gives no
/// problem here: the check before logging reports it, and the data simply has no contact fields.
pub fn merge_data(db: &Db, segment: &Segment, line: &SegmentLine) -> (MergeData, Vec<Problem>) {
    let mut data = MergeData::new();
    let mut problems = Vec::new();
    let place = || Place::Line {
        line_no: line.line_no,
        field: Some("letter".to_string()),
    };
    if let Some(contact) = db.contact(line.contact) {
        contact_fields(db, contact, &mut data);
        problems.extend(salutations(db, contact, &line.language, &mut data, place));
    }

    // The line carries the header's values unless it overrides them; the header is only a
    // fallback for lines whose value was cleared.
    let salesperson = line.salesperson.as_ref().or(segment.salesperson.as_ref());
    salesperson_fields(db, salesperson, &mut data);
    our_company_fields(db, &mut data);
    if let Some(date) = line.date.or(segment.date) {
        set(
            &mut data,
            "document.date",
            &format_date(date, &line.language),
        );
    }
    set(
        &mut data,
        "document.subject",
        first_non_blank(&line.subject, &segment.subject),
    );
    set(
        &mut data,
        "document.description",
        first_non_blank(&line.description, &segment.description),
    );
    set(&mut data, "segment.no", &segment.id.no());
    set(&mut data, "comment", &line.comment);
    (data, problems)
}

/// The merge data of a contact outside any segment, for previewing a template's letter with a
/// real contact: the contact's fields and salutations in `language`, the contact's own
/// salesperson, our company, and `document.date` when a date is given. Problems are at the
/// record as a whole, since there is no line to put them on.
pub fn merge_data_for_contact(
    db: &Db,
    contact: &Contact,
    language: &str,
    date: Option<NaiveDate>,
) -> (MergeData, Vec<Problem>) {
    let mut data = MergeData::new();
    contact_fields(db, contact, &mut data);
    let problems = salutations(db, contact, language, &mut data, || Place::Record);
    salesperson_fields(db, contact.salesperson.as_ref(), &mut data);
    our_company_fields(db, &mut data);
    if let Some(date) = date {
        set(&mut data, "document.date", &format_date(date, language));
    }
    (data, problems)
}

/// Sets a field when its value is not blank; values are trimmed, as a letter prints them.
fn set(data: &mut MergeData, field: &str, value: &str) {
    let value = value.trim();
    if !value.is_empty() {
        data.set(field, value);
    }
}

fn first_non_blank<'a>(first: &'a str, second: &'a str) -> &'a str {
    if first.trim().is_empty() {
        second
    } else {
        first
    }
}

/// Whether a contact has any postal address field of its own.
fn has_own_address(contact: &Contact) -> bool {
    [
        &contact.address,
        &contact.address_2,
        &contact.post_code,
        &contact.city,
        &contact.county,
        &contact.country,
    ]
    .iter()
    .any(|part| !part.trim().is_empty())
}

/// The contact's own fields, its address (or its company's) and its custom attributes.
fn contact_fields(db: &Db, contact: &Contact, data: &mut MergeData) {
    let company_name = db.company_name_of(contact);
    let name = if contact.name.trim().is_empty() {
        contact.full_name_from_parts()
    } else {
        contact.name.clone()
    };
    set(data, "contact.no", &contact.id.no());
    set(data, "first_name", &contact.first_name);
    set(data, "middle_name", &contact.middle_name);
    set(data, "surname", &contact.surname);
    set(data, "name", &name);
    set(data, "company_name", &company_name);
    set(data, "job_title", &contact.job_title);
    set(data, "email", &contact.email);
    set(data, "phone", &contact.phone);

    let address_owner = if has_own_address(contact) {
        contact
    } else {
        contact
            .company
            .and_then(|company| db.contact(company))
            .unwrap_or(contact)
    };
    set(data, "address", &address_owner.address);
    set(data, "address_2", &address_owner.address_2);
    set(data, "post_code", &address_owner.post_code);
    set(data, "city", &address_owner.city);
    set(data, "county", &address_owner.county);
    set(data, "country", &address_owner.country);

    // Post offices want the country only on foreign mail: it is left out of the address block
    // when it is our own company's country (mail_address's own rule for the `country` line).
    let domestic = address_owner
        .country
        .trim()
        .eq_ignore_ascii_case(db.our_company.country.trim());
    let lines = AddressLines {
        name: &name,
        company_name: if contact.is_company() {
            ""
        } else {
            &company_name
        },
        address: &address_owner.address,
        address_2: &address_owner.address_2,
        post_code: &address_owner.post_code,
        city: &address_owner.city,
        county: &address_owner.county,
        country: if domestic { "" } else { &address_owner.country },
    };
    set(data, "mail_address", &mail_address(&lines));

    for (attribute, value) in &contact.attributes {
        let attribute = attribute.trim();
        if !attribute.is_empty() {
            set(data, &format!("{ATTR_PREFIX}{attribute}"), &value.display());
        }
    }
}

/// Fills both salutations; a missing formula becomes a [`SALUTATION_MISSING`] warning at `place`.
fn salutations(
    db: &Db,
    contact: &Contact,
    language: &str,
    data: &mut MergeData,
    place: impl Fn() -> Place,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (field, kind) in [
        ("formal_salutation", SalutationKind::Formal),
        ("informal_salutation", SalutationKind::Informal),
    ] {
        match db.salutation_for(contact, language, kind) {
            Ok(text) => set(data, field, &text),
            Err(problem) => {
                // The set-up's own problem names the code, language and kind; keep those.
                let mut warning = Problem::warning(place(), SALUTATION_MISSING).with(field);
                warning.args.extend(problem.args);
                problems.push(warning);
            }
        }
    }
    problems
}

fn salesperson_fields(db: &Db, code: Option<&Code>, data: &mut MergeData) {
    if let Some(salesperson) = code.and_then(|code| db.salespeople.get(code)) {
        set(data, "salesperson.name", &salesperson.name);
        set(data, "salesperson.job_title", &salesperson.job_title);
        set(data, "salesperson.email", &salesperson.email);
        set(data, "salesperson.phone", &salesperson.phone);
    }
}

fn our_company_fields(db: &Db, data: &mut MergeData) {
    let ours = &db.our_company;
    set(data, "our_company.name", &ours.name);
    set(data, "our_company.address", &ours.address);
    set(data, "our_company.phone", &ours.phone);
    set(data, "our_company.email", &ours.email);
    set(data, "our_company.vat_no", &ours.vat_no);
    set(data, "our_company.bank_account", &ours.bank_account);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::changes::{Changes, Record};
    use crate::core::ids::{ContactId, SegmentId};
    use crate::core::model::{AttrValue, ContactKind, OurCompany, SalutationFormula};
    use crate::core::model::{NamePart, Salesperson};

    fn db() -> Db {
        let mut changes = Changes::new();
        changes
            .put(Record::Contact(Contact {
                id: ContactId(1),
                kind: ContactKind::Company,
                name: "Kalusto Oy".into(),
                address: "Mannerheimintie 1".into(),
                post_code: "00100".into(),
                city: "Helsinki".into(),
                country: "Finland".into(),
                ..Default::default()
            }))
            .put(Record::Contact(Contact {
                id: ContactId(2),
                company: Some(ContactId(1)),
                name: "Aino Virtanen".into(),
                first_name: "Aino".into(),
                surname: "Virtanen".into(),
                salutation_code: Code::new("F"),
                attributes: [("Customer since".to_string(), AttrValue::Number(2019.0))].into(),
                ..Default::default()
            }))
            .put(Record::SalutationFormula(SalutationFormula {
                salutation_code: Code::new("F"),
                language: String::new(),
                kind: SalutationKind::Formal,
                formula: "Dear Ms %1,".into(),
                parts: vec![NamePart::Surname],
            }))
            .put(Record::Salesperson(Salesperson {
                code: Code::new("MM"),
                name: "Maija Myyjä".into(),
                ..Default::default()
            }))
            .put(Record::OurCompany(OurCompany {
                name: "Pohjoisen Kalusto Oy".into(),
                country: "finland".into(),
                ..Default::default()
            }));
        let mut db = Db::new();
        db.apply(&changes);
        db
    }

    fn line() -> SegmentLine {
        SegmentLine {
            line_no: 10000,
            contact: ContactId(2),
            salesperson: Some(Code::new("MM")),
            language: "fi".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 26),
            comment: "  Coffee is on us. ".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_person_without_an_address_gets_its_companys() {
        let segment = Segment {
            id: SegmentId(7),
            ..Default::default()
        };
        let (data, _) = merge_data(&db(), &segment, &line());
        assert_eq!(data.get("city"), Some("Helsinki"));
        // Finland is our own country, so the address block leaves it out.
        assert_eq!(
            data.get("mail_address"),
            Some("Aino Virtanen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki")
        );
        assert_eq!(data.get("country"), Some("Finland"));
    }

    #[test]
    fn line_values_are_formatted_for_the_line_language() {
        let segment = Segment {
            id: SegmentId(7),
            ..Default::default()
        };
        let (data, problems) = merge_data(&db(), &segment, &line());
        assert_eq!(data.get("document.date"), Some("26.11.2026"));
        assert_eq!(data.get("formal_salutation"), Some("Dear Ms Virtanen,"));
        assert_eq!(data.get("comment"), Some("Coffee is on us."));
        assert_eq!(data.get("segment.no"), Some("SEG000007"));
        assert_eq!(data.get("salesperson.name"), Some("Maija Myyjä"));
        assert_eq!(data.get("attr.Customer since"), Some("2019"));
        assert_eq!(data.get("contact.no"), Some("CT000002"));
        // Only the informal formula is missing: one warning, naming the field first.
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, SALUTATION_MISSING);
        assert_eq!(problems[0].args[0], "informal_salutation");
        assert!(!problems[0].is_error());
    }

    #[test]
    fn a_company_is_addressed_by_its_name_alone() {
        let db = db();
        let company = db.contact(ContactId(1)).unwrap().clone();
        let (data, problems) = merge_data_for_contact(&db, &company, "", None);
        assert_eq!(
            data.get("mail_address"),
            Some("Kalusto Oy\nMannerheimintie 1\n00100 Helsinki")
        );
        assert_eq!(data.get("company_name"), Some("Kalusto Oy"));
        assert_eq!(data.get("first_name"), None);
        assert_eq!(data.get("document.date"), None);
        assert_eq!(
            problems.len(),
            2,
            "no formula for the empty salutation code"
        );
        assert_eq!(problems[0].place, Place::Record);
    }
}
