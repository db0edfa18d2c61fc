//! Contacts and setup tables: validation, the rules tied to segments and entries, deleting,
//! undoing an import, and salutations (product.md §2, reference-bc.md §1).

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Record};
use segmentti::core::contacts::is_plausible_email;
use segmentti::core::db::Db;
use segmentti::core::ids::{Code, ContactId, EntryId, ImportBatchId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::problem::{Place, Problem, Problems};

fn at(day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, day)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn code(text: &str) -> Code {
    Code::new(text)
}

/// A database with one of every setup record the contacts below refer to.
fn setup_db() -> Db {
    let mut changes = Changes::new();
    for (kind, c) in [
        (ClassificationKind::MailingGroup, "GIFT"),
        (ClassificationKind::IndustryGroup, "IT"),
        (ClassificationKind::BusinessRelation, "CUST"),
        (ClassificationKind::JobResponsibility, "CEO"),
    ] {
        changes.put(Record::Classification(
            kind,
            Classification {
                code: code(c),
                description: c.to_lowercase(),
            },
        ));
    }
    changes.put(Record::Questionnaire(ProfileQuestionnaire {
        code: code("SIZE"),
        description: "Company size".into(),
        answers: vec![
            ProfileAnswer {
                line: 10000,
                text: "Small".into(),
            },
            ProfileAnswer {
                line: 20000,
                text: "Large".into(),
            },
        ],
    }));
    changes.put(Record::Salesperson(Salesperson {
        code: code("ANNA"),
        name: "Anna Virtanen".into(),
        ..Default::default()
    }));
    changes.put(Record::InteractionGroup(InteractionGroup {
        code: code("OUT"),
        description: "Outbound".into(),
    }));
    changes.put(Record::Template(InteractionTemplate {
        code: code("LETTER"),
        group: code("OUT"),
        ..Default::default()
    }));
    let mut db = Db::new();
    db.apply(&changes);
    db
}

/// Runs an operation on the database and applies what it returns, as the store would after
/// committing it.
fn apply(db: &mut Db, operation: impl FnOnce(&Db) -> Result<Changes, Problems>) {
    let changes = operation(db).unwrap_or_else(|p| panic!("refused: {p:?}"));
    db.apply(&changes);
}

fn refused(result: Result<Changes, Problems>) -> Problems {
    match result {
        Ok(changes) => panic!("expected a refusal, got {changes:?}"),
        Err(problems) => problems,
    }
}

fn codes(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.code.as_str()).collect()
}

fn at_field<'a>(problems: &'a [Problem], field: &str) -> Vec<&'a str> {
    problems
        .iter()
        .filter(|p| p.place == Place::Field(field.into()))
        .map(|p| p.code.as_str())
        .collect()
}

fn new_company(name: &str) -> Contact {
    Contact {
        kind: ContactKind::Company,
        name: name.into(),
        ..Default::default()
    }
}

fn new_person(first: &str, surname: &str, company: Option<ContactId>) -> Contact {
    Contact {
        kind: ContactKind::Person,
        first_name: first.into(),
        surname: surname.into(),
        company,
        ..Default::default()
    }
}

/// Saves a new contact and returns its id.
fn create(db: &mut Db, contact: Contact) -> ContactId {
    let changes = db.save_contact(contact, at(1)).expect("valid contact");
    let id = changes
        .puts
        .iter()
        .find_map(|r| match r {
            Record::Contact(c) => Some(c.id),
            _ => None,
        })
        .unwrap();
    db.apply(&changes);
    id
}

/// Puts a segment with one line per contact, as the segment module would have built it.
fn put_segment(db: &mut Db, id: u32, contacts: &[ContactId]) -> SegmentId {
    let lines = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| SegmentLine {
            line_no: (i as u32 + 1) * 10000,
            contact: *c,
            ..Default::default()
        })
        .collect();
    let segment = Segment {
        id: SegmentId(id),
        description: "Spring letter".into(),
        lines,
        ..Default::default()
    };
    db.apply(Changes::new().put(Record::Segment(segment)));
    SegmentId(id)
}

fn put_entry(db: &mut Db, id: u32, contact: ContactId) {
    db.apply(Changes::new().put(Record::Entry(InteractionLogEntry {
        id: EntryId(id),
        contact,
        ..Default::default()
    })));
}

// ----- creating and updating -----------------------------------------------------------

#[test]
fn creating_a_contact_takes_a_new_id_from_the_counters_in_the_same_changes() {
    let mut db = setup_db();
    let changes = db.save_contact(new_company("Acme"), at(1)).unwrap();
    assert!(changes
        .puts
        .iter()
        .any(|r| matches!(r, Record::Counters(c) if c.contact == 1)));
    db.apply(&changes);
    let second = create(&mut db, new_company("Globex"));
    assert_eq!(second, ContactId(2));
    assert_eq!(db.contacts[&ContactId(1)].name, "Acme");
}

#[test]
fn creating_stamps_both_times_and_updating_keeps_created_and_the_import_batch() {
    let mut db = setup_db();
    let id = create(
        &mut db,
        Contact {
            import_batch: Some(ImportBatchId(7)),
            ..new_company("Acme")
        },
    );
    assert_eq!(db.contacts[&id].stamps, Stamps::new(at(1)));

    let mut edited = db.contacts[&id].clone();
    edited.name = "Acme Oy".into();
    edited.import_batch = None;
    edited.stamps = Stamps::default();
    apply(&mut db, |db| db.save_contact(edited, at(5)));
    let saved = &db.contacts[&id];
    assert_eq!(saved.stamps.created, at(1));
    assert_eq!(saved.stamps.modified, at(5));
    assert_eq!(saved.import_batch, Some(ImportBatchId(7)));
}

#[test]
fn updating_an_unknown_contact_is_refused() {
    let db = setup_db();
    let ghost = Contact {
        id: ContactId(99),
        ..new_company("Ghost")
    };
    assert_eq!(
        codes(&refused(db.save_contact(ghost, at(1)))),
        ["contact.unknown"]
    );
}

#[test]
fn a_company_needs_a_name() {
    let db = setup_db();
    let problems = refused(db.save_contact(new_company("  "), at(1)));
    assert_eq!(at_field(&problems, "name"), ["contact.name_missing"]);
}

#[test]
fn a_person_needs_a_name_or_name_parts() {
    let db = setup_db();
    let problems = refused(db.save_contact(new_person("", "", None), at(1)));
    assert_eq!(at_field(&problems, "name"), ["contact.name_missing"]);

    let only_name = Contact {
        name: "Prince".into(),
        ..new_person("", "", None)
    };
    assert!(db.save_contact(only_name, at(1)).is_ok());
}

#[test]
fn a_persons_name_is_built_from_its_parts() {
    let mut db = setup_db();
    let person = Contact {
        name: "whatever was typed".into(),
        middle_name: " Maria ".into(),
        ..new_person(" Liisa", "Korhonen ", None)
    };
    let id = create(&mut db, person);
    let saved = &db.contacts[&id];
    assert_eq!(saved.name, "Liisa Maria Korhonen");
    assert_eq!(saved.first_name, "Liisa");
}

#[test]
fn a_company_cannot_belong_to_a_company() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    let problems = refused(db.save_contact(
        Contact {
            company: Some(acme),
            ..new_company("Acme Subsidiary")
        },
        at(1),
    ));
    assert_eq!(
        at_field(&problems, "company"),
        ["contact.company_cannot_have_company"]
    );
}

#[test]
fn a_persons_company_must_be_an_existing_company() {
    let mut db = setup_db();
    let liisa = create(&mut db, new_person("Liisa", "Korhonen", None));

    let problems = refused(db.save_contact(new_person("Matti", "M", Some(ContactId(42))), at(1)));
    assert_eq!(at_field(&problems, "company"), ["contact.company_unknown"]);
    assert_eq!(problems[0].args, ["CT000042"]);

    let problems = refused(db.save_contact(new_person("Matti", "M", Some(liisa)), at(1)));
    assert_eq!(
        at_field(&problems, "company"),
        ["contact.company_not_a_company"]
    );
}

#[test]
fn implausible_emails_are_refused_at_their_field() {
    let db = setup_db();
    let contact = Contact {
        email: "040 123 4567".into(),
        email_2: "anna@".into(),
        ..new_company("Acme")
    };
    let problems = refused(db.save_contact(contact, at(1)));
    assert_eq!(at_field(&problems, "email"), ["contact.email_invalid"]);
    assert_eq!(at_field(&problems, "email_2"), ["contact.email_invalid"]);
}

#[test]
fn plausible_emails_are_those_with_a_local_part_and_a_dotted_domain() {
    for good in ["anna@acme.fi", "first.last+tag@mail.example.co.uk"] {
        assert!(is_plausible_email(good), "{good}");
    }
    for bad in [
        "",
        "anna",
        "anna@",
        "@acme.fi",
        "anna@acme",
        "anna@.fi",
        "anna@acme.",
        "a b@acme.fi",
        "a@b@acme.fi",
        "anna@acme..fi",
    ] {
        assert!(!is_plausible_email(bad), "{bad}");
    }
}

#[test]
fn the_language_is_empty_or_a_two_or_three_letter_code_stored_in_lower_case() {
    let mut db = setup_db();
    let id = create(
        &mut db,
        Contact {
            language: " FI ".into(),
            ..new_company("Acme")
        },
    );
    assert_eq!(db.contacts[&id].language, "fi");
    for bad in ["f", "finnish", "f1"] {
        let problems = refused(db.save_contact(
            Contact {
                language: bad.into(),
                ..new_company("Acme")
            },
            at(1),
        ));
        assert_eq!(
            at_field(&problems, "language"),
            ["contact.language_invalid"],
            "{bad}"
        );
    }
}

#[test]
fn codes_of_salesperson_and_classifications_must_exist() {
    let db = setup_db();
    let company = Contact {
        salesperson: Some(code("NOBODY")),
        mailing_groups: [code("GIFT"), code("XMAS")].into(),
        industry_groups: [code("IT"), code("MINING")].into(),
        business_relations: [code("VENDOR")].into(),
        profile_answers: [
            ProfileAnswerRef {
                questionnaire: code("SIZE"),
                answer: 10000,
            },
            ProfileAnswerRef {
                questionnaire: code("SIZE"),
                answer: 30000,
            },
            ProfileAnswerRef {
                questionnaire: code("COLOUR"),
                answer: 10000,
            },
        ]
        .into(),
        ..new_company("Acme")
    };
    let problems = refused(db.save_contact(company, at(1)));
    assert_eq!(
        at_field(&problems, "salesperson"),
        ["contact.salesperson_unknown"]
    );
    assert_eq!(
        at_field(&problems, "mailing_groups"),
        ["contact.mailing_group_unknown"]
    );
    assert_eq!(
        at_field(&problems, "industry_groups"),
        ["contact.industry_group_unknown"]
    );
    assert_eq!(
        at_field(&problems, "business_relations"),
        ["contact.business_relation_unknown"]
    );
    assert_eq!(
        at_field(&problems, "profile_answers"),
        [
            "contact.profile_answer_unknown",
            "contact.profile_answer_unknown"
        ]
    );
    let unknown_mailing = problems
        .iter()
        .find(|p| p.code == "contact.mailing_group_unknown")
        .unwrap();
    assert_eq!(unknown_mailing.args, ["XMAS"]);
}

#[test]
fn an_empty_salesperson_code_means_none() {
    let mut db = setup_db();
    let id = create(
        &mut db,
        Contact {
            salesperson: Some(code(" ")),
            ..new_company("Acme")
        },
    );
    assert_eq!(db.contacts[&id].salesperson, None);
}

#[test]
fn industry_groups_and_business_relations_belong_to_companies_job_responsibilities_to_persons() {
    let db = setup_db();
    let person = Contact {
        industry_groups: [code("IT")].into(),
        business_relations: [code("CUST")].into(),
        job_responsibilities: [code("CEO")].into(),
        ..new_person("Liisa", "Korhonen", None)
    };
    let problems = refused(db.save_contact(person, at(1)));
    assert_eq!(
        codes(&problems),
        [
            "contact.industry_groups_company_only",
            "contact.business_relations_company_only"
        ]
    );

    let company = Contact {
        industry_groups: [code("IT")].into(),
        business_relations: [code("CUST")].into(),
        job_responsibilities: [code("CEO")].into(),
        ..new_company("Acme")
    };
    let problems = refused(db.save_contact(company, at(1)));
    assert_eq!(
        at_field(&problems, "job_responsibilities"),
        ["contact.job_responsibilities_person_only"]
    );
    assert_eq!(problems.len(), 1);
}

#[test]
fn custom_attribute_names_must_not_be_blank() {
    let db = setup_db();
    let contact = Contact {
        attributes: [
            ("  ".to_string(), AttrValue::Text("x".into())),
            ("Size".to_string(), AttrValue::Number(f64::NAN)),
            ("Founded".to_string(), AttrValue::Number(1990.0)),
        ]
        .into(),
        ..new_company("Acme")
    };
    let problems = refused(db.save_contact(contact, at(1)));
    assert_eq!(
        at_field(&problems, "attributes"),
        [
            "contact.attribute_name_missing",
            "contact.attribute_number_invalid"
        ]
    );
}

#[test]
fn validation_reports_every_problem_at_once() {
    let db = setup_db();
    let contact = Contact {
        email: "nope".into(),
        language: "xxxx".into(),
        salesperson: Some(code("NOBODY")),
        company: Some(ContactId(9)),
        ..new_person("", "", None)
    };
    let problems = refused(db.save_contact(contact, at(1)));
    assert_eq!(
        codes(&problems),
        [
            "contact.name_missing",
            "contact.company_unknown",
            "contact.email_invalid",
            "contact.language_invalid",
            "contact.salesperson_unknown"
        ]
    );
}

#[test]
fn changing_a_persons_company_is_refused_while_the_person_is_on_an_unlogged_segment() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    let globex = create(&mut db, new_company("Globex"));
    let liisa = create(&mut db, new_person("Liisa", "Korhonen", Some(acme)));
    put_segment(&mut db, 4, &[liisa]);

    let mut moved = db.contacts[&liisa].clone();
    moved.company = Some(globex);
    let problems = refused(db.save_contact(moved.clone(), at(2)));
    assert_eq!(
        at_field(&problems, "company"),
        ["contact.company_locked_by_segment"]
    );
    assert_eq!(problems[0].args, ["SEG000004"]);

    // Other fields of the same person may still change.
    let mut renamed = db.contacts[&liisa].clone();
    renamed.job_title = "CEO".into();
    assert!(db.save_contact(renamed, at(2)).is_ok());

    // Once the segment is gone, the move is allowed.
    db.apply(Changes::new().delete(segmentti::core::changes::RecordKey::Segment(SegmentId(4))));
    apply(&mut db, |db| db.save_contact(moved, at(3)));
    assert_eq!(db.contacts[&liisa].company, Some(globex));
}

#[test]
fn changing_the_kind_is_refused_once_the_contact_has_entries() {
    let mut db = setup_db();
    let liisa = create(&mut db, new_person("Liisa", "Korhonen", None));
    put_entry(&mut db, 1, liisa);
    let mut company = db.contacts[&liisa].clone();
    company.kind = ContactKind::Company;
    let problems = refused(db.save_contact(company, at(2)));
    assert_eq!(
        at_field(&problems, "kind"),
        ["contact.kind_locked_by_entries"]
    );
}

#[test]
fn changing_the_kind_is_refused_once_a_company_has_persons() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    create(&mut db, new_person("Liisa", "Korhonen", Some(acme)));
    let mut person = db.contacts[&acme].clone();
    person.kind = ContactKind::Person;
    let problems = refused(db.save_contact(person, at(2)));
    assert_eq!(
        at_field(&problems, "kind"),
        ["contact.kind_locked_by_persons"]
    );
    assert_eq!(problems[0].args, ["1"]);
}

#[test]
fn changing_the_kind_of_an_unused_contact_is_allowed() {
    let mut db = setup_db();
    let id = create(&mut db, new_company("Liisa Korhonen"));
    let mut person = db.contacts[&id].clone();
    person.kind = ContactKind::Person;
    apply(&mut db, |db| db.save_contact(person, at(2)));
    assert_eq!(db.contacts[&id].kind, ContactKind::Person);
}

#[test]
fn renaming_a_company_reaches_its_persons_through_the_link_without_touching_them() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    let liisa = create(&mut db, new_person("Liisa", "Korhonen", Some(acme)));
    let mut renamed = db.contacts[&acme].clone();
    renamed.name = "Acme Oyj".into();
    let changes = db.save_contact(renamed, at(2)).unwrap();
    assert_eq!(changes.puts.len(), 1, "only the company itself is written");
    db.apply(&changes);
    assert_eq!(db.company_name_of(&db.contacts[&liisa]), "Acme Oyj");
}

// ----- deleting ----------------------------------------------------------------------------

#[test]
fn deleting_a_contact_on_a_segment_is_refused_naming_the_segment() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    put_segment(&mut db, 3, &[acme]);
    put_segment(&mut db, 8, &[acme]);
    let problems = refused(db.delete_contact(acme));
    assert_eq!(codes(&problems), ["contact.on_segment"]);
    assert_eq!(problems[0].args, ["CT000001", "SEG000003", "SEG000008"]);
}

#[test]
fn deleting_a_contact_with_interaction_log_entries_is_refused() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    put_entry(&mut db, 1, acme);
    put_entry(&mut db, 2, acme);
    let problems = refused(db.delete_contact(acme));
    assert_eq!(codes(&problems), ["contact.has_entries"]);
    assert_eq!(problems[0].args, ["CT000001", "2"]);
}

#[test]
fn deleting_a_contact_with_opportunities_is_refused() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    db.apply(Changes::new().put(Record::Opportunity(Opportunity {
        id: segmentti::core::ids::OpportunityId(1),
        contact: acme,
        segment_no: "SEG000001".into(),
        description: "Upsell".into(),
        salesperson: None,
        created: at(1),
    })));
    assert_eq!(
        codes(&refused(db.delete_contact(acme))),
        ["contact.has_opportunities"]
    );
}

#[test]
fn deleting_a_company_with_persons_is_refused_unless_they_are_deleted_together() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    let liisa = create(&mut db, new_person("Liisa", "Korhonen", Some(acme)));
    let problems = refused(db.delete_contact(acme));
    assert_eq!(codes(&problems), ["contact.company_has_persons"]);
    assert_eq!(problems[0].args, ["CT000001", "1"]);

    apply(&mut db, |db| db.delete_contacts(&[acme, liisa]));
    assert!(db.contacts.is_empty());
}

#[test]
fn deleting_an_unused_contact_removes_it() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    apply(&mut db, |db| db.delete_contact(acme));
    assert!(db.contact(acme).is_none());
    assert_eq!(
        codes(&refused(db.delete_contact(acme))),
        ["contact.unknown"]
    );
}

#[test]
fn deleting_several_contacts_reports_every_refusal_and_deletes_none() {
    let mut db = setup_db();
    let a = create(&mut db, new_company("A"));
    let b = create(&mut db, new_company("B"));
    let c = create(&mut db, new_company("C"));
    put_segment(&mut db, 1, &[a]);
    put_entry(&mut db, 1, b);
    let problems = refused(db.delete_contacts(&[a, b, c]));
    assert_eq!(
        codes(&problems),
        ["contact.on_segment", "contact.has_entries"]
    );
    assert_eq!(db.contacts.len(), 3);
}

fn imported(mut contact: Contact, batch: u32) -> Contact {
    contact.import_batch = Some(ImportBatchId(batch));
    contact
}

#[test]
fn undoing_an_import_batch_deletes_every_contact_it_created_and_nothing_else() {
    let mut db = setup_db();
    let acme = create(&mut db, imported(new_company("Acme"), 1));
    create(&mut db, imported(new_person("Liisa", "K", Some(acme)), 1));
    let other = create(&mut db, imported(new_company("Globex"), 2));
    let by_hand = create(&mut db, new_company("Initech"));
    apply(&mut db, |db| db.delete_import_batch(ImportBatchId(1)));
    let left: Vec<ContactId> = db.contacts.keys().copied().collect();
    assert_eq!(left, [other, by_hand]);
}

#[test]
fn undoing_an_import_batch_is_refused_listing_contacts_on_segments_or_with_entries() {
    let mut db = setup_db();
    let a = create(&mut db, imported(new_company("A"), 1));
    let b = create(&mut db, imported(new_company("B"), 1));
    create(&mut db, imported(new_company("C"), 1));
    put_segment(&mut db, 5, &[a]);
    put_entry(&mut db, 1, b);
    let problems = refused(db.delete_import_batch(ImportBatchId(1)));
    assert_eq!(
        codes(&problems),
        ["contact.on_segment", "contact.has_entries"]
    );
    assert_eq!(problems[0].args[0], "CT000001");
    assert_eq!(problems[1].args[0], "CT000002");
}

#[test]
fn undoing_an_import_batch_is_refused_when_persons_from_elsewhere_joined_its_companies() {
    let mut db = setup_db();
    let acme = create(&mut db, imported(new_company("Acme"), 1));
    create(&mut db, new_person("Liisa", "K", Some(acme)));
    let problems = refused(db.delete_import_batch(ImportBatchId(1)));
    assert_eq!(codes(&problems), ["contact.company_has_persons"]);
}

#[test]
fn undoing_an_unknown_or_undone_batch_is_refused() {
    let db = setup_db();
    assert_eq!(
        codes(&refused(db.delete_import_batch(ImportBatchId(3)))),
        ["contact.import_batch_empty"]
    );
}

// ----- setup tables ----------------------------------------------------------------------

#[test]
fn deleting_a_mailing_group_assigned_to_contacts_is_refused_with_the_count() {
    let mut db = setup_db();
    for name in ["A", "B"] {
        create(
            &mut db,
            Contact {
                mailing_groups: [code("gift")].into(),
                ..new_company(name)
            },
        );
    }
    let problems =
        refused(db.delete_classification(ClassificationKind::MailingGroup, &code("GIFT")));
    assert_eq!(codes(&problems), ["setup.classification_in_use"]);
    assert_eq!(problems[0].args, ["mailing_group", "GIFT", "2"]);
}

#[test]
fn deleting_an_unused_classification_removes_it() {
    let mut db = setup_db();
    apply(&mut db, |db| {
        db.delete_classification(ClassificationKind::IndustryGroup, &code("IT"))
    });
    assert!(db.classifications[&ClassificationKind::IndustryGroup].is_empty());
    assert_eq!(
        codes(&refused(db.delete_classification(
            ClassificationKind::IndustryGroup,
            &code("IT")
        ))),
        ["setup.classification_unknown"]
    );
}

#[test]
fn a_classification_needs_a_code_that_fits() {
    let db = setup_db();
    for (text, expected) in [
        ("", "setup.code_missing"),
        (&"X".repeat(21)[..], "setup.code_too_long"),
    ] {
        let problems = refused(db.save_classification(
            ClassificationKind::MailingGroup,
            Classification {
                code: code(text),
                description: String::new(),
            },
        ));
        assert_eq!(at_field(&problems, "code"), [expected]);
    }
}

#[test]
fn a_questionnaire_needs_unique_answer_lines_with_text() {
    let db = setup_db();
    let problems = refused(db.save_questionnaire(ProfileQuestionnaire {
        code: code("COLOUR"),
        description: String::new(),
        answers: vec![
            ProfileAnswer {
                line: 10000,
                text: "Red".into(),
            },
            ProfileAnswer {
                line: 10000,
                text: " ".into(),
            },
            ProfileAnswer {
                line: 0,
                text: "Blue".into(),
            },
        ],
    }));
    assert_eq!(
        codes(&problems),
        [
            "setup.answer_line_duplicate",
            "setup.answer_text_missing",
            "setup.answer_line_missing"
        ]
    );
}

#[test]
fn removing_an_answer_that_contacts_gave_is_refused() {
    let mut db = setup_db();
    create(
        &mut db,
        Contact {
            profile_answers: [ProfileAnswerRef {
                questionnaire: code("SIZE"),
                answer: 20000,
            }]
            .into(),
            ..new_company("Acme")
        },
    );
    let mut questionnaire = db.questionnaires[&code("SIZE")].clone();
    questionnaire.answers.retain(|a| a.line == 10000);
    let problems = refused(db.save_questionnaire(questionnaire));
    assert_eq!(codes(&problems), ["setup.answer_in_use"]);
    assert_eq!(problems[0].args, ["20000", "1"]);
    assert_eq!(
        codes(&refused(db.delete_questionnaire(&code("SIZE")))),
        ["setup.questionnaire_in_use"]
    );
}

#[test]
fn deleting_a_salesperson_on_a_contact_or_a_segment_is_refused() {
    let mut db = setup_db();
    let acme = create(
        &mut db,
        Contact {
            salesperson: Some(code("ANNA")),
            ..new_company("Acme")
        },
    );
    let segment = Segment {
        id: SegmentId(2),
        lines: vec![SegmentLine {
            line_no: 10000,
            contact: acme,
            salesperson: Some(code("ANNA")),
            ..Default::default()
        }],
        ..Default::default()
    };
    db.apply(Changes::new().put(Record::Segment(segment)));
    let problems = refused(db.delete_salesperson(&code("ANNA")));
    assert_eq!(
        codes(&problems),
        [
            "setup.salesperson_on_contacts",
            "setup.salesperson_on_segments"
        ]
    );
    assert_eq!(problems[0].args, ["1"]);
    assert_eq!(problems[1].args, ["SEG000002"]);
}

#[test]
fn a_salesperson_email_must_look_like_one() {
    let db = setup_db();
    let problems = refused(db.save_salesperson(Salesperson {
        code: code("BOB"),
        email: "bob at acme".into(),
        ..Default::default()
    }));
    assert_eq!(at_field(&problems, "email"), ["setup.email_invalid"]);
}

#[test]
fn a_template_needs_an_existing_group_and_one_letter_per_language() {
    let db = setup_db();
    let letter = |language: &str| TemplateLetter {
        language: language.into(),
        subject: String::new(),
        body: LetterBody::Text("Hello".into()),
    };
    let problems = refused(db.save_template(InteractionTemplate {
        code: code("MAIL"),
        group: code("NOPE"),
        unit_cost: -1.0,
        letters: vec![letter("fi"), letter("FI"), letter("finnish")],
        ..Default::default()
    }));
    assert_eq!(
        codes(&problems),
        [
            "setup.template_group_unknown",
            "setup.amount_invalid",
            "setup.letter_language_duplicate",
            "setup.language_invalid"
        ]
    );
    let problems = refused(db.save_template(InteractionTemplate {
        code: code("MAIL"),
        ..Default::default()
    }));
    assert_eq!(
        at_field(&problems, "group"),
        ["setup.template_group_missing"]
    );
}

#[test]
fn deleting_a_template_used_by_a_segment_is_refused_naming_the_segment() {
    let mut db = setup_db();
    db.apply(Changes::new().put(Record::Segment(Segment {
        id: SegmentId(6),
        template: Some(code("LETTER")),
        ..Default::default()
    })));
    let problems = refused(db.delete_template(&code("LETTER")));
    assert_eq!(codes(&problems), ["setup.template_on_segments"]);
    assert_eq!(problems[0].args, ["SEG000006"]);
}

#[test]
fn deleting_an_interaction_group_used_by_templates_is_refused_naming_them() {
    let mut db = setup_db();
    let problems = refused(db.delete_interaction_group(&code("OUT")));
    assert_eq!(codes(&problems), ["setup.group_on_templates"]);
    assert_eq!(problems[0].args, ["LETTER"]);
    apply(&mut db, |db| db.delete_template(&code("LETTER")));
    apply(&mut db, |db| db.delete_interaction_group(&code("OUT")));
    assert!(db.interaction_groups.is_empty());
}

#[test]
fn our_company_email_must_look_like_one() {
    let mut db = setup_db();
    let problems = refused(db.save_our_company(OurCompany {
        email: "info@".into(),
        ..Default::default()
    }));
    assert_eq!(at_field(&problems, "email"), ["setup.email_invalid"]);
    apply(&mut db, |db| {
        db.save_our_company(OurCompany {
            name: "Segmentti Oy".into(),
            email: " info@segmentti.fi ".into(),
            ..Default::default()
        })
    });
    assert_eq!(db.our_company.email, "info@segmentti.fi");
}

// ----- salutations (reference-bc.md §1.3) -----------------------------------------------------

fn formula(
    code_: &str,
    language: &str,
    kind: SalutationKind,
    text: &str,
    parts: &[NamePart],
) -> SalutationFormula {
    SalutationFormula {
        salutation_code: code(code_),
        language: language.into(),
        kind,
        formula: text.into(),
        parts: parts.to_vec(),
    }
}

fn salutation_db() -> (Db, ContactId) {
    let mut db = setup_db();
    use NamePart::*;
    use SalutationKind::*;
    for f in [
        formula("M", "", Formal, "Dear %1 %2,", &[FirstName, Surname]),
        formula("M", "fi", Formal, "Hyvä %1 %2", &[FirstName, Surname]),
        formula("M", "", Informal, "Hi %1!", &[FirstName]),
        formula(
            "CO",
            "",
            Formal,
            "Dear %1 team (%2, %3)",
            &[CompanyName, Initials, JobTitle],
        ),
    ] {
        apply(&mut db, |db| db.save_salutation_formula(f));
    }
    let acme = create(&mut db, new_company("Acme"));
    let liisa = create(
        &mut db,
        Contact {
            salutation_code: code("m"),
            middle_name: "Maria".into(),
            job_title: "CEO".into(),
            ..new_person("Liisa", "Korhonen", Some(acme))
        },
    );
    (db, liisa)
}

#[test]
fn salutation_uses_the_formula_of_the_code_language_and_kind() {
    let (db, liisa) = salutation_db();
    let contact = &db.contacts[&liisa];
    assert_eq!(
        db.salutation_for(contact, "fi", SalutationKind::Formal)
            .unwrap(),
        "Hyvä Liisa Korhonen"
    );
    assert_eq!(
        db.salutation_for(contact, "en", SalutationKind::Formal)
            .unwrap(),
        "Dear Liisa Korhonen,"
    );
    assert_eq!(
        db.salutation_for(contact, "FI", SalutationKind::Informal)
            .unwrap(),
        "Hi Liisa!"
    );
}

#[test]
fn salutation_fills_company_name_and_initials() {
    let (db, liisa) = salutation_db();
    let mut contact = db.contacts[&liisa].clone();
    contact.salutation_code = code("CO");
    assert_eq!(
        db.salutation_for(&contact, "", SalutationKind::Formal)
            .unwrap(),
        "Dear Acme team (L.M., CEO)"
    );
}

#[test]
fn salutation_leaves_no_trace_of_empty_name_parts() {
    let (db, liisa) = salutation_db();
    let mut contact = db.contacts[&liisa].clone();
    contact.first_name.clear();
    assert_eq!(
        db.salutation_for(&contact, "", SalutationKind::Formal)
            .unwrap(),
        "Dear Korhonen,"
    );
    contact.first_name = "Liisa".into();
    contact.surname.clear();
    assert_eq!(
        db.salutation_for(&contact, "", SalutationKind::Formal)
            .unwrap(),
        "Dear Liisa,"
    );
}

#[test]
fn a_missing_salutation_formula_is_a_problem_naming_code_language_and_kind() {
    let (db, liisa) = salutation_db();
    let mut contact = db.contacts[&liisa].clone();
    contact.salutation_code = code("DR");
    let problem = db
        .salutation_for(&contact, "sv", SalutationKind::Informal)
        .unwrap_err();
    assert_eq!(problem.code, "salutation.formula_missing");
    assert_eq!(problem.args, ["DR", "sv", "informal"]);
}

#[test]
fn a_formula_slot_needs_a_chosen_name_part() {
    let db = setup_db();
    let problems = refused(db.save_salutation_formula(formula(
        "M",
        "",
        SalutationKind::Formal,
        "Dear %1 %3",
        &[NamePart::FirstName],
    )));
    assert_eq!(
        at_field(&problems, "formula"),
        ["setup.formula_slot_without_part"]
    );
    assert_eq!(problems[0].args, ["3"]);
}

#[test]
fn a_formula_with_an_empty_salutation_code_greets_contacts_without_one() {
    let (mut db, liisa) = salutation_db();
    apply(&mut db, |db| {
        db.save_salutation_formula(formula(
            "",
            "",
            SalutationKind::Formal,
            "Dear customer,",
            &[],
        ))
    });
    let mut contact = db.contacts[&liisa].clone();
    contact.salutation_code = Code::default();
    assert_eq!(
        db.salutation_for(&contact, "fi", SalutationKind::Formal)
            .unwrap(),
        "Dear customer,"
    );
}

#[test]
fn deleting_a_salutation_formula_removes_it_and_an_unknown_one_is_refused() {
    let (mut db, liisa) = salutation_db();
    apply(&mut db, |db| {
        db.delete_salutation_formula(&code("M"), "fi", SalutationKind::Formal)
    });
    // Finnish now falls back to the formula without a language.
    assert_eq!(
        db.salutation_for(&db.contacts[&liisa], "fi", SalutationKind::Formal)
            .unwrap(),
        "Dear Liisa Korhonen,"
    );
    let problems = refused(db.delete_salutation_formula(&code("M"), "fi", SalutationKind::Formal));
    assert_eq!(codes(&problems), ["setup.formula_unknown"]);
}

#[test]
fn changing_the_kind_is_refused_while_the_contact_is_on_a_segment() {
    let mut db = setup_db();
    let id = create(&mut db, new_company("Liisa Korhonen"));
    put_segment(&mut db, 2, &[id]);
    let mut person = db.contacts[&id].clone();
    person.kind = ContactKind::Person;
    let problems = refused(db.save_contact(person, at(2)));
    assert_eq!(
        at_field(&problems, "kind"),
        ["contact.kind_locked_by_segment"]
    );
    assert_eq!(problems[0].args, ["SEG000002"]);
}

#[test]
fn a_valid_template_is_saved_with_lower_case_languages() {
    let mut db = setup_db();
    apply(&mut db, |db| {
        db.save_template(InteractionTemplate {
            code: code("mail"),
            group: code("OUT"),
            language_default: "EN".into(),
            letters: vec![TemplateLetter {
                language: "FI".into(),
                subject: "Hei".into(),
                body: LetterBody::Text("Hei {{first_name}}".into()),
            }],
            ..Default::default()
        })
    });
    let saved = &db.templates[&code("MAIL")];
    assert_eq!(saved.language_default, "en");
    assert_eq!(saved.letters[0].language, "fi");
}

#[test]
fn validate_contact_reports_what_save_would_without_saving() {
    let mut db = setup_db();
    let acme = create(&mut db, new_company("Acme"));
    let globex = create(&mut db, new_company("Globex"));
    let liisa = create(&mut db, new_person("Liisa", "Korhonen", Some(acme)));
    put_segment(&mut db, 1, &[liisa]);
    let mut edited = db.contacts[&liisa].clone();
    edited.company = Some(globex);
    edited.email = " not-an-email ".into();
    assert_eq!(
        codes(&db.validate_contact(&edited)),
        ["contact.email_invalid", "contact.company_locked_by_segment"]
    );
    // Normalisation happens before validation: the parts give the name.
    assert_eq!(db.validate_contact(&new_person("Matti", "", None)), []);
}

#[test]
fn contacts_sharing_an_e_mail_address_are_flagged_as_possible_duplicates_and_nothing_else() {
    use segmentti::core::contacts::possible_duplicates;
    let person = |id: u32, email: &str| Contact {
        id: ContactId(id),
        kind: ContactKind::Person,
        name: format!("Person {id}"),
        email: email.into(),
        ..Contact::default()
    };
    let contacts = [
        person(1, "antti@example.fi"),
        person(2, " Antti@Example.FI "),
        person(3, "eeva@example.fi"),
        person(4, ""),
        person(5, "   "),
        person(6, "bo@example.se"),
        person(7, "bo@example.se"),
        person(8, "BO@example.se"),
    ];
    let flagged: Vec<u32> = possible_duplicates(&contacts)
        .into_iter()
        .map(|id| id.0)
        .collect();
    assert_eq!(flagged, vec![1, 2, 6, 7, 8]);
    assert!(possible_duplicates(&contacts[2..4]).is_empty());
}

#[test]
fn the_first_run_checklist_ticks_what_the_database_holds_and_goes_once_something_is_logged() {
    use segmentti::core::setup::{first_run_steps, is_first_run, FirstRunStep};
    let empty = Db::new();
    assert!(first_run_steps(&empty).iter().all(|(_, done)| !done));
    assert!(is_first_run(&empty));

    // The set-up of these tests has a salesperson and a template, but no contacts yet.
    let mut db = setup_db();
    let done = |db: &Db, step: FirstRunStep| {
        first_run_steps(db)
            .iter()
            .find(|(s, _)| *s == step)
            .unwrap()
            .1
    };
    assert!(done(&db, FirstRunStep::Salesperson));
    assert!(done(&db, FirstRunStep::Template));
    assert!(!done(&db, FirstRunStep::Contacts));
    assert!(is_first_run(&db));

    let mut changes = Changes::new();
    changes.put(Record::LoggedSegment(LoggedSegment {
        id: segmentti::core::ids::LoggedSegmentId(1),
        segment_no: "SEG000001".into(),
        description: "Spring".into(),
        created: at(4),
        canceled: false,
    }));
    db.apply(&changes);
    assert!(!is_first_run(&db), "a database that has logged is not new");
}
