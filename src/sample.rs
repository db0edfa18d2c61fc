//! Generated sample data for benchmarks: many contacts with companies and classifications, and
//! interaction log entries, always the same for the same arguments.
//!
//! It lives outside `core` because it is not product logic, but like `core` it reads no clock
//! and no random source: a seeded linear congruential generator makes it deterministic, so the
//! native and the browser benchmarks measure the very same work.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;

use crate::core::changes::{Changes, Counters, Record};
use crate::core::condition::Condition;
use crate::core::criteria::{code_filter, AddOptions, ContactField, Criteria, CriteriaAction};
use crate::core::db::Db;
use crate::core::filter::FieldKind;
use crate::core::ids::{Code, ContactId, EntryId};
use crate::core::model::*;

pub const CITIES: u32 = 40;
const MAILING_GROUPS: u32 = 20;
const INDUSTRY_GROUPS: u32 = 30;
const JOBS: u32 = 12;

/// Knuth's MMIX LCG; the high bits are the usable ones.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u32) -> u32 {
        self.next_u32() % n
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

pub fn city(i: u32) -> String {
    format!("City {i:02}")
}

/// Between `min` and `max` codes out of `of`, e.g. `M07`.
fn codes(prefix: &str, rng: &mut Lcg, min: u32, max: u32, of: u32) -> BTreeSet<Code> {
    let count = min + rng.below(max - min + 1);
    (0..count)
        .map(|_| Code::new(&format!("{prefix}{:02}", rng.below(of))))
        .collect()
}

/// `contacts` contacts, about 15% companies; about 90% of persons belong to a company. Mailing
/// groups on anyone, industry groups and business relations on companies, job responsibilities
/// on persons, and log entries on random contacts.
pub fn generate(contacts: u32, entries: u32, now: NaiveDateTime) -> Db {
    let mut rng = Lcg(0x5EED);
    let mut changes = Changes::new();
    let mut companies = Vec::new();
    for n in 1..=contacts {
        let id = ContactId(n);
        let is_company = companies.is_empty() || rng.chance(15);
        let mut contact = Contact {
            id,
            city: city(rng.below(CITIES)),
            language: if rng.chance(30) { "fi" } else { "en" }.into(),
            exclude_from_segments: rng.chance(2),
            mailing_groups: codes("M", &mut rng, 0, 3, MAILING_GROUPS),
            stamps: Stamps::new(now),
            ..Default::default()
        };
        if is_company {
            contact.kind = ContactKind::Company;
            contact.name = format!("Company {n} Oy");
            contact.industry_groups = codes("I", &mut rng, 1, 3, INDUSTRY_GROUPS);
            contact.business_relations = codes("B", &mut rng, 0, 2, 5);
            companies.push(id);
        } else {
            contact.kind = ContactKind::Person;
            contact.first_name = format!("First{}", n % 997);
            contact.surname = format!("Surname{}", n % 1009);
            contact.name = contact.full_name_from_parts();
            contact.email = format!("person{n}@example.com");
            if rng.chance(90) {
                contact.company = Some(companies[rng.below(companies.len() as u32) as usize]);
            }
            contact.job_responsibilities = codes("J", &mut rng, 0, 2, JOBS);
        }
        changes.put(Record::Contact(contact));
    }
    let date = now.date();
    for n in 1..=entries {
        let contact = ContactId(1 + rng.below(contacts));
        changes.put(Record::Entry(InteractionLogEntry {
            id: EntryId(n),
            contact,
            date: Some(date - chrono::Days::new(u64::from(rng.below(400)))),
            template: Some(Code::new(if rng.chance(50) { "CALL" } else { "MAIL" })),
            segment_no: format!("SEG{:06}", rng.below(200)),
            ..Default::default()
        }));
    }
    changes.put(Record::Counters(Counters {
        contact: contacts,
        entry: entries,
        ..Default::default()
    }));
    changes.put(Record::Salesperson(Salesperson {
        code: Code::new("SP"),
        name: "Sally Person".into(),
        ..Default::default()
    }));
    changes.put(Record::InteractionGroup(InteractionGroup {
        code: Code::new("LETTERS"),
        description: "Letters".into(),
    }));
    changes.put(Record::Template(InteractionTemplate {
        code: Code::new("CALL"),
        group: Code::new("LETTERS"),
        description: "Spring letter".into(),
        correspondence_type_default: CorrespondenceType::HardCopy,
        language_default: "en".into(),
        letters: vec![TemplateLetter {
            language: "en".into(),
            subject: "Spring news".into(),
            body: LetterBody::Text("Dear {{name}}".into()),
        }],
        ..Default::default()
    }));
    // Entries know their contact's company, as logging records it.
    let mut db = Db::from_records(changes.puts);
    let fixes: Vec<Record> = db
        .entries
        .values()
        .map(|entry| {
            let mut entry = entry.clone();
            entry.company = db.contact(entry.contact).and_then(Contact::company_no);
            Record::Entry(entry)
        })
        .collect();
    let mut fixed = Changes::new();
    for record in fixes {
        fixed.put(record);
    }
    db.apply(&fixed);
    db
}

pub fn field(field: ContactField, expr: &str) -> Condition<ContactField> {
    let filter = field
        .parse_filter(expr, FieldKind::Text)
        .expect("the benchmark's filters parse");
    Condition::field(field, filter)
}

/// The benchmarks' Add Contacts: three sections (contact city, mailing group, industry group).
pub fn three_section_add() -> CriteriaAction {
    CriteriaAction::Add {
        criteria: Criteria {
            contact: Some(field(
                ContactField::City,
                "City 01|City 02|City 03|City 04|City 05",
            )),
            mailing_group: Some(code_filter("M01|M02|M03").expect("parses")),
            industry_group: Some(code_filter("I01..I09").expect("parses")),
            ..Default::default()
        },
        options: AddOptions {
            expand_companies: false,
            ..Default::default()
        },
    }
}

/// A Google Contacts CSV (current export format) of `rows` people at `rows / 8` organisations,
/// with about 1% repeated rows so that duplicate detection has work to do.
pub fn google_csv(rows: u32) -> Vec<u8> {
    const HEADER: &str = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value";
    let mut rng = Lcg(0xC5F);
    let mut out = String::with_capacity(rows as usize * 200);
    out.push('\u{feff}');
    out.push_str(HEADER);
    out.push_str("\r\n");
    let organisations = (rows / 8).max(1);
    for n in 0..rows {
        // About one row in a hundred repeats an earlier person exactly.
        let person = if n > 10 && rng.chance(1) {
            rng.below(n)
        } else {
            n
        };
        let org = person % organisations;
        out.push_str(&format!(
            "First{p},,Surname{p},,,,,,,,Company {org} Oy,Buyer,,,,,* myContacts ::: Customers,* Work,person{p}@example.com,,,Mobile,050-{p:07},,,Work,,Street {p},{city},,,{post:05},Finland,,,,,\r\n",
            p = person,
            city = city(person % CITIES),
            post = person % 99_999,
        ));
    }
    out.into_bytes()
}
