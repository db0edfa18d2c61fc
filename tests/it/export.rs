//! Exports, read as the spec (product.md §6): contacts as Excel-safe CSV and as vCard 4.0, the
//! interaction log as CSV; and what is exported imports back unchanged.

use chrono::NaiveDate;
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::export::*;
use segmentti::core::ids::{Code, ContactId, EntryId, LoggedSegmentId};
use segmentti::core::import::{self, ImportChoices, ImportFormat, ImportedContact};
use segmentti::core::model::*;
use std::collections::BTreeSet;

use crate::support::now;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A database holding one of the sample files, imported with the default choices.
fn imported(name: &str) -> Db {
    let mut db = Db::new();
    let parsed = import::parse_bytes(&fixture(name)).unwrap();
    let plan = import::plan_import(&db, parsed.contacts);
    let (changes, _, _) =
        import::apply_import(&db, &plan, &ImportChoices::default(), now()).unwrap();
    db.apply(&changes);
    db
}

fn all_ids(db: &Db) -> Vec<ContactId> {
    db.contacts.keys().copied().collect()
}

fn person(id: u32, first: &str, surname: &str) -> Contact {
    let mut contact = Contact {
        id: ContactId(id),
        first_name: first.into(),
        surname: surname.into(),
        stamps: Stamps::new(now()),
        ..Default::default()
    };
    contact.name = contact.full_name_from_parts();
    contact
}

fn db_with(contacts: Vec<Contact>) -> Db {
    let mut db = Db::new();
    let mut changes = Changes::new();
    for contact in contacts {
        changes.put(Record::Contact(contact));
    }
    db.apply(&changes);
    db
}

/// Names and e-mail addresses, the identity a round trip must keep.
fn identities<'a>(contacts: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> BTreeSet<String> {
    contacts
        .map(|(name, email, email_2)| format!("{name} <{email}> <{email_2}>"))
        .collect()
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{FEFF}').unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Contacts as CSV.

#[test]
fn contact_csv_is_utf8_with_bom_crlf_and_plain_english_headers() {
    let mut anna = person(1, "Äino", "Öhman");
    anna.email = "aino@example.fi".into();
    anna.notes = "Line one\nLine two, with comma".into();
    anna.mailing_groups = [Code::new("VIP"), Code::new("Messe 2024")].into();
    anna.attributes.insert(
        "Birthday".into(),
        AttrValue::Date(NaiveDate::from_ymd_opt(1980, 5, 17).unwrap()),
    );
    let db = db_with(vec![anna]);
    let bytes = contacts_csv(&db, &all_ids(&db));
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNo.,Kind,Name,First Name,"));
    let text = std::str::from_utf8(&bytes).unwrap();
    assert_eq!(
        text.matches("\r\n").count(),
        2,
        "header and one row end in CRLF"
    );
    assert!(!text.replace("\r\n", "").contains('\r'));
    let rows = csv_rows(&bytes);
    let header = &rows[0];
    let cell = |name: &str| &rows[1][header.iter().position(|h| h == name).unwrap()];
    assert_eq!(cell("No."), "CT000001");
    assert_eq!(cell("Kind"), "Person");
    assert_eq!(cell("Name"), "Äino Öhman");
    assert_eq!(cell("E-mail"), "aino@example.fi");
    assert_eq!(cell("Notes"), "Line one\nLine two, with comma");
    assert_eq!(cell("Mailing Groups"), "MESSE 2024; VIP");
    assert_eq!(cell("Birthday"), "1980-05-17");
    assert_eq!(cell("Exclude from Segments"), "No");
}

#[test]
fn formula_cells_are_neutralised_and_markup_is_kept_literally() {
    let mut evil = person(1, "=HYPERLINK(\"http://x\",\"y\")", "Smith");
    evil.name = "=HYPERLINK(\"http://x\",\"y\") Smith".into();
    evil.phone = "+358 40 123 4567".into();
    evil.job_title = "-2+3".into();
    evil.city = "@SUM(A1:A9)".into();
    evil.notes = "\tcmd|' /C calc'!A0".into();
    evil.address = "<img src=x onerror=alert(1)>".into();
    let db = db_with(vec![evil]);
    let bytes = contacts_csv(&db, &all_ids(&db));
    let rows = csv_rows(&bytes);
    let header = &rows[0];
    let cell = |name: &str| &rows[1][header.iter().position(|h| h == name).unwrap()];
    assert_eq!(cell("Name"), "'=HYPERLINK(\"http://x\",\"y\") Smith");
    assert_eq!(cell("Phone"), "'+358 40 123 4567");
    assert_eq!(cell("Job Title"), "'-2+3");
    assert_eq!(cell("City"), "'@SUM(A1:A9)");
    assert_eq!(cell("Notes"), "'\tcmd|' /C calc'!A0");
    assert_eq!(cell("Address"), "<img src=x onerror=alert(1)>");
    // No cell of the file starts with a formula character.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn our_own_csv_imports_back_through_the_suggested_mapping() {
    let db = imported("google-contacts.csv");
    let bytes = contacts_csv(&db, &all_ids(&db));
    let source = import::open(&bytes).unwrap();
    assert_eq!(source.format, ImportFormat::GenericCsv);
    let mapping = source.suggested_mapping().unwrap();
    let back = source.parse_with_mapping(&mapping).unwrap().contacts;
    assert_eq!(back.len(), db.contacts.len());
    let exported = identities(
        db.contacts
            .values()
            .map(|c| (c.name.as_str(), c.email.as_str(), c.email_2.as_str())),
    );
    let read = identities(
        back.iter()
            .map(|c| (c.name.as_str(), c.email.as_str(), c.email_2.as_str())),
    );
    assert_eq!(read, exported);
    // Neutralised phone numbers come back as written, and companies by name.
    let sami = back
        .iter()
        .find(|c| c.email == "sami.korhonen@pohjolanmetalli.fi")
        .unwrap();
    assert_eq!(sami.phone, "(09) 183 9962");
    assert_eq!(sami.company_name, "Pohjolan Metalli Oy");
    let thomas = back
        .iter()
        .find(|c| c.email == "twhitaker@ashworthwhitaker.co.uk")
        .unwrap();
    assert_eq!(thomas.mobile, "(503) 555-0105");
    assert_eq!(thomas.phone, "+44 20 7946 0685");
    assert_eq!(
        back.iter().filter(|c| c.is_company()).count(),
        db.contacts.values().filter(|c| c.is_company()).count()
    );
}

#[test]
fn an_attribute_named_like_a_column_gets_its_own_header() {
    let mut contact = person(1, "A", "B");
    contact
        .attributes
        .insert("Notes".into(), AttrValue::Text("attribute".into()));
    contact.notes = "field".into();
    let db = db_with(vec![contact]);
    let rows = csv_rows(&contacts_csv(&db, &all_ids(&db)));
    assert!(rows[0].contains(&"Attribute: Notes".to_string()));
}

// ---------------------------------------------------------------------------------------------
// Contacts as vCard 4.0.

#[test]
fn vcard_export_imports_back_with_the_same_names_and_emails() {
    let db = imported("google-contacts.csv");
    let bytes = contacts_vcard(&db, &all_ids(&db));
    let parsed = import::parse_bytes(&bytes).unwrap();
    assert_eq!(parsed.format, Some(ImportFormat::VCard));
    assert_eq!(parsed.contacts.len(), db.contacts.len());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let key = |c: &ImportedContact| {
        (
            c.name.clone(),
            c.first_name.clone(),
            c.middle_name.clone(),
            c.surname.clone(),
            c.email.clone(),
            c.email_2.clone(),
            c.kind == ContactKind::Company,
        )
    };
    let read: BTreeSet<_> = parsed.contacts.iter().map(key).collect();
    let exported: BTreeSet<_> = db
        .contacts
        .values()
        .map(|c| {
            (
                c.name.clone(),
                c.first_name.clone(),
                c.middle_name.clone(),
                c.surname.clone(),
                c.email.clone(),
                c.email_2.clone(),
                c.kind == ContactKind::Company,
            )
        })
        .collect();
    assert_eq!(read, exported);
    // Everything else a card carries comes back too.
    for (contact, card) in db.contacts.values().zip(&parsed.contacts) {
        assert_eq!(card.company_name, db.company_name_of(contact).trim());
        assert_eq!(
            (&card.address, &card.address_2, &card.post_code, &card.city),
            (
                &contact.address,
                &contact.address_2,
                &contact.post_code,
                &contact.city
            )
        );
        assert_eq!(
            (&card.phone, &card.mobile),
            (&contact.phone, &contact.mobile)
        );
        assert_eq!(card.notes, contact.notes);
        assert_eq!(card.language, contact.language);
        assert_eq!(card.attributes, contact.attributes, "{}", contact.name);
        let codes: BTreeSet<Code> = card.mailing_groups.iter().map(|g| Code::new(g)).collect();
        assert_eq!(codes, contact.mailing_groups);
    }
}

#[test]
fn the_vcard_file_round_trips_too() {
    let db = imported("contacts.vcf");
    let parsed = import::parse_bytes(&contacts_vcard(&db, &all_ids(&db))).unwrap();
    let names = |it: Vec<(String, String)>| it.into_iter().collect::<BTreeSet<_>>();
    assert_eq!(
        names(
            parsed
                .contacts
                .iter()
                .map(|c| (c.name.clone(), c.email.clone()))
                .collect()
        ),
        names(
            db.contacts
                .values()
                .map(|c| (c.name.clone(), c.email.clone()))
                .collect()
        )
    );
}

#[test]
fn vcard_lines_are_crlf_and_folded_at_75_octets_without_splitting_characters() {
    let mut long = person(1, "Säde", "Öhman");
    long.notes = "Pitkä muistiinpano äöå ".repeat(20) + "\nToinen rivi; pilkku, kenoviiva \\";
    long.address = "日本語の住所".repeat(10);
    let db = db_with(vec![long.clone()]);
    let bytes = contacts_vcard(&db, &all_ids(&db));
    let text = String::from_utf8(bytes).expect("folding never splits a character");
    assert!(text.ends_with("END:VCARD\r\n"));
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let card = &import::parse_bytes(text.as_bytes()).unwrap().contacts[0];
    assert_eq!(card.notes, long.notes);
    assert_eq!(card.address, long.address);
}

#[test]
fn companies_are_kind_org_and_persons_carry_their_company_as_org() {
    let company = Contact {
        id: ContactId(1),
        kind: ContactKind::Company,
        name: "Tilitoimisto Virtanen, Korhonen & Kumppanit Ky".into(),
        ..Default::default()
    };
    let mut anna = person(2, "Anna", "Aho");
    anna.company = Some(ContactId(1));
    anna.attributes
        .insert("Department".into(), AttrValue::Text("Talous".into()));
    anna.attributes
        .insert("Birthday".into(), AttrValue::Text("--07-24".into()));
    anna.attributes
        .insert("Customer No.".into(), AttrValue::Text("C-1".into()));
    anna.attributes.insert(
        "Preferred; \"channel\"".into(),
        AttrValue::Text("Letter".into()),
    );
    let db = db_with(vec![company, anna]);
    let text = String::from_utf8(contacts_vcard(&db, &all_ids(&db))).unwrap();
    let cards: Vec<&str> = text
        .split("END:VCARD\r\n")
        .filter(|c| !c.is_empty())
        .collect();
    assert!(cards[0].contains("\r\nKIND:org\r\n"));
    assert!(cards[0].contains("\r\nFN:Tilitoimisto Virtanen\\, Korhonen & Kumppanit Ky\r\n"));
    assert!(!cards[1].contains("KIND:"));
    assert!(cards[1].contains("\r\nN:Aho;Anna;;;\r\n"));
    assert!(
        cards[1].contains("\r\nORG:Tilitoimisto Virtanen\\, Korhonen & Kumppanit Ky;Talous\r\n")
    );
    assert!(cards[1].contains("\r\nBDAY:--0724\r\n"));
    assert!(cards[1].contains("\r\nX-CUSTOMER-NO:C-1\r\n"));
    let back = import::parse_bytes(text.as_bytes()).unwrap().contacts;
    assert!(back[0].is_company());
    assert_eq!(
        back[1].company_name,
        "Tilitoimisto Virtanen, Korhonen & Kumppanit Ky"
    );
    assert_eq!(
        back[1].attributes["Preferred; \"channel\""],
        AttrValue::Text("Letter".into())
    );
    assert_eq!(back[1].attributes, db.contacts[&ContactId(2)].attributes);
}

#[test]
fn markup_is_exported_literally() {
    let mut contact = person(1, "<img src=x onerror=alert(1)>", "X");
    contact.name = "<img src=x onerror=alert(1)>".into();
    let db = db_with(vec![contact]);
    let text = String::from_utf8(contacts_vcard(&db, &all_ids(&db))).unwrap();
    assert!(text.contains("\r\nFN:<img src=x onerror=alert(1)>\r\n"));
}

// ---------------------------------------------------------------------------------------------
// The interaction log and other tables.

#[test]
fn interaction_log_csv_names_the_contact_and_the_interaction() {
    let company = Contact {
        id: ContactId(1),
        kind: ContactKind::Company,
        name: "Acme Oy".into(),
        ..Default::default()
    };
    let mut anna = person(2, "Anna", "Aho");
    anna.company = Some(ContactId(1));
    let mut db = db_with(vec![company, anna]);
    let entry = InteractionLogEntry {
        id: EntryId(7),
        contact: ContactId(2),
        company: Some(ContactId(1)),
        date: NaiveDate::from_ymd_opt(2025, 2, 1),
        description: "Spring offer".into(),
        subject: "=cmd|' /C calc'!A0".into(),
        template: Some(Code::new("LETTER")),
        cost: 2.5,
        duration_min: 10.0,
        segment_no: "SEG000003".into(),
        logged_segment: Some(LoggedSegmentId(3)),
        evaluation: Evaluation::Positive,
        salesperson: Some(Code::new("JS")),
        canceled: true,
        correspondence_type: CorrespondenceType::HardCopy,
        information_flow: InformationFlow::Outbound,
        initiated_by: InitiatedBy::Us,
        comments: vec![Comment {
            at: now(),
            text: "Called back".into(),
        }],
        ..Default::default()
    };
    db.apply(Changes::new().put(Record::Entry(entry)));
    let bytes = interaction_log_csv(&db, &[EntryId(7), EntryId(99)]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBFEntry No.,Date,Contact No.,Contact Name,"));
    let rows = csv_rows(&bytes);
    assert_eq!(rows.len(), 2, "unknown entries are left out");
    let cell = |name: &str| &rows[1][rows[0].iter().position(|h| h == name).unwrap()];
    assert_eq!(cell("Entry No."), "IL000007");
    assert_eq!(cell("Date"), "2025-02-01");
    assert_eq!(cell("Contact No."), "CT000002");
    assert_eq!(cell("Contact Name"), "Anna Aho");
    assert_eq!(cell("Company Name"), "Acme Oy");
    assert_eq!(cell("Template"), "LETTER");
    assert_eq!(cell("Description"), "Spring offer");
    assert_eq!(cell("Subject"), "'=cmd|' /C calc'!A0");
    assert_eq!(cell("Evaluation"), "Positive");
    assert_eq!(cell("Canceled"), "Yes");
    assert_eq!(cell("Salesperson"), "JS");
    assert_eq!(cell("Segment No."), "SEG000003");
    assert_eq!(cell("Logged Segment No."), "LSEG000003");
    assert_eq!(cell("Cost"), "2.5");
    assert_eq!(cell("Correspondence Type"), "Hard Copy");
    assert_eq!(cell("Comments"), "2025-03-14 09:30:00: Called back");
}

#[test]
fn csv_bytes_writes_any_table_safely() {
    let rows = vec![
        vec![
            "Line No.".to_string(),
            "Contact".to_string(),
            "Comment".to_string(),
        ],
        vec![
            "10000".to_string(),
            "Öhman, Säde".to_string(),
            "-\"quoted\"\nnext".to_string(),
        ],
    ];
    let bytes = csv_bytes(&rows);
    assert_eq!(
        std::str::from_utf8(&bytes).unwrap(),
        "\u{FEFF}Line No.,Contact,Comment\r\n10000,\"Öhman, Säde\",\"'-\"\"quoted\"\"\nnext\"\r\n"
    );
    assert_eq!(csv_rows(&bytes)[1][2], "'-\"quoted\"\nnext");
}
