//! Segments as the spec describes them: reference-bc.md §2 with the decisions of product.md §3.
//! Each test builds its small data inline with the helpers at the top.

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::condition::Condition;
use segmentti::core::criteria::{
    code_filter, AddOptions, ContactField, Criteria, CriteriaAction, EntryField, ProfileField,
};
use segmentti::core::db::Db;
use segmentti::core::filter::FieldKind;
use segmentti::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::problem::{Place, Problem};
use segmentti::core::segment::{HeaderEdit, LineEdit, Preview};

// ---------------------------------------------------------------------------------------------
// Helpers

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn company(id: u32, name: &str) -> Contact {
    Contact {
        id: ContactId(id),
        kind: ContactKind::Company,
        name: name.into(),
        ..Default::default()
    }
}

fn person(id: u32, company: Option<u32>, name: &str) -> Contact {
    Contact {
        id: ContactId(id),
        kind: ContactKind::Person,
        company: company.map(ContactId),
        name: name.into(),
        ..Default::default()
    }
}

fn codes(list: &[&str]) -> std::collections::BTreeSet<Code> {
    list.iter().map(|c| Code::new(c)).collect()
}

/// A database holding `contacts`, one salesperson `SP`, a template `CALL` (hard copy, letters
/// in English and Finnish) and a template `MAIL` (e-mail, ignoring the contact's type), and a
/// segment `SEG000001` created from today's defaults with salesperson `SP`.
fn world(contacts: Vec<Contact>) -> (Db, SegmentId) {
    let mut changes = Changes::new();
    let max = contacts.iter().map(|c| c.id.0).max().unwrap_or(0);
    for contact in contacts {
        changes.put(Record::Contact(contact));
    }
    changes.put(Record::Counters(Counters {
        contact: max,
        ..Default::default()
    }));
    changes.put(Record::Salesperson(Salesperson {
        code: Code::new("SP"),
        name: "Sally Person".into(),
        ..Default::default()
    }));
    changes.put(Record::Salesperson(Salesperson {
        code: Code::new("OTHER"),
        ..Default::default()
    }));
    changes.put(Record::InteractionGroup(InteractionGroup {
        code: Code::new("LETTERS"),
        description: "Letters".into(),
    }));
    let letter = |language: &str, subject: &str| TemplateLetter {
        language: language.into(),
        subject: subject.into(),
        body: LetterBody::Text("Hello {{name}}".into()),
    };
    changes.put(Record::Template(InteractionTemplate {
        code: Code::new("CALL"),
        group: Code::new("LETTERS"),
        description: "Spring letter".into(),
        unit_cost: 2.5,
        unit_duration_min: 5.0,
        information_flow: InformationFlow::Outbound,
        initiated_by: InitiatedBy::Us,
        correspondence_type_default: CorrespondenceType::HardCopy,
        ignore_contact_correspondence_type: false,
        language_default: "en".into(),
        letters: vec![letter("en", "Spring news"), letter("fi", "Kevään uutiset")],
        emails: Vec::new(),
    }));
    changes.put(Record::Template(InteractionTemplate {
        code: Code::new("MAIL"),
        group: Code::new("LETTERS"),
        description: "Mail shot".into(),
        unit_cost: 0.1,
        unit_duration_min: 1.0,
        correspondence_type_default: CorrespondenceType::Email,
        ignore_contact_correspondence_type: true,
        language_default: "en".into(),
        letters: vec![letter("en", "News by mail")],
        ..Default::default()
    }));
    changes.put(Record::Classification(
        ClassificationKind::MailingGroup,
        Classification {
            code: Code::new("GIFT"),
            description: "Gift".into(),
        },
    ));
    let mut db = Db::from_records(changes.puts);
    let (id, created) = db
        .create_segment(
            "Spring campaign",
            Some(Code::new("SP")),
            Some(Code::new("CALL")),
            today(),
            now(),
        )
        .unwrap();
    db.apply(&created);
    (db, id)
}

/// Applies an operation's changes, as the store does after committing them. Written as a method
/// so that `db.commit(db.operation(..))` borrows `db` for reading first.
trait Commit {
    fn commit(&mut self, changes: Result<Changes, Vec<Problem>>);
}

impl Commit for Db {
    fn commit(&mut self, changes: Result<Changes, Vec<Problem>>) {
        self.apply(&changes.expect("the operation should succeed"));
    }
}

fn step(db: &mut Db, segment: SegmentId, action: CriteriaAction) {
    db.commit(db.apply_action(segment, &action, now()));
}

fn members(db: &Db, segment: SegmentId) -> Vec<u32> {
    db.segment(segment)
        .unwrap()
        .lines
        .iter()
        .map(|line| line.contact.0)
        .collect()
}

fn line_of(db: &Db, segment: SegmentId, contact: u32) -> SegmentLine {
    db.segment(segment)
        .unwrap()
        .lines
        .iter()
        .find(|line| line.contact == ContactId(contact))
        .cloned()
        .expect("the contact should have a line")
}

fn field(field: ContactField, expr: &str) -> Condition<ContactField> {
    let filter = field.parse_filter(expr, FieldKind::Text).unwrap();
    Condition::Field { field, filter }
}

fn contact_criteria(condition: Condition<ContactField>) -> Criteria {
    Criteria {
        contact: Some(condition),
        ..Default::default()
    }
}

fn city(expr: &str) -> Criteria {
    contact_criteria(field(ContactField::City, expr))
}

fn add(criteria: Criteria) -> CriteriaAction {
    CriteriaAction::Add {
        criteria,
        options: AddOptions::default(),
    }
}

fn add_with(criteria: Criteria, options: AddOptions) -> CriteriaAction {
    CriteriaAction::Add { criteria, options }
}

fn reduce(criteria: Criteria, entire_companies: bool) -> CriteriaAction {
    CriteriaAction::Reduce {
        criteria,
        entire_companies,
    }
}

fn refine(criteria: Criteria, entire_companies: bool) -> CriteriaAction {
    CriteriaAction::Refine {
        criteria,
        entire_companies,
    }
}

fn ids(list: &[u32]) -> Vec<ContactId> {
    list.iter().copied().map(ContactId).collect()
}

fn in_city(mut contact: Contact, city: &str) -> Contact {
    contact.city = city.into();
    contact
}

fn problem_codes(result: Result<Changes, Vec<Problem>>) -> Vec<String> {
    result
        .expect_err("the operation should be refused")
        .into_iter()
        .map(|p| p.code.to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Matching (reference-bc.md §2.2, product.md §3)

#[test]
fn contact_filter_matches_the_contacts_own_fields() {
    let (db, _) = world(vec![
        in_city(person(1, None, "Anna"), "Oulu"),
        in_city(person(2, None, "Bert"), "Turku"),
    ]);
    assert_eq!(db.matching_contacts(&city("Oulu")), ids(&[1]));
    assert_eq!(db.matching_contacts(&city("<>Oulu")), ids(&[2]));
}

#[test]
fn contact_filter_takes_and_or_not_groups() {
    let mut anna = in_city(person(1, None, "Anna"), "Oulu");
    anna.job_title = "CEO".into();
    let bert = in_city(person(2, None, "Bert"), "Turku");
    let mut cecil = in_city(person(3, None, "Cecil"), "Oulu");
    cecil.job_title = "Clerk".into();
    let (db, _) = world(vec![anna, bert, cecil]);
    // (city Oulu AND NOT job title Clerk) OR name Bert
    let condition = Condition::Or(vec![
        Condition::And(vec![
            field(ContactField::City, "Oulu"),
            Condition::Not(Box::new(field(ContactField::JobTitle, "Clerk"))),
        ]),
        field(ContactField::Name, "Bert"),
    ]);
    assert_eq!(
        db.matching_contacts(&contact_criteria(condition)),
        ids(&[1, 2])
    );
}

#[test]
fn contact_filter_reads_custom_attributes_with_their_type() {
    let mut anna = person(1, None, "Anna");
    anna.attributes
        .insert("revenue".into(), AttrValue::Number(5000.0));
    let mut bert = person(2, None, "Bert");
    bert.attributes
        .insert("revenue".into(), AttrValue::Number(500.0));
    let (db, _) = world(vec![anna, bert, person(3, None, "Cecil")]);
    let attribute = ContactField::Attribute("revenue".into());
    assert_eq!(db.attribute_kind("revenue"), FieldKind::Number);
    let filter = attribute.parse_filter("1000..", FieldKind::Number).unwrap();
    let criteria = contact_criteria(Condition::Field {
        field: attribute,
        filter,
    });
    assert_eq!(db.matching_contacts(&criteria), ids(&[1]));
}

#[test]
fn contact_filter_reads_numbers_kind_and_company_name() {
    let (db, _) = world(vec![
        company(1, "Acme"),
        person(2, Some(1), "Anna"),
        person(3, None, "Bert"),
    ]);
    let by_no = contact_criteria(field(ContactField::No, "ct000002|CT000003"));
    assert_eq!(db.matching_contacts(&by_no), ids(&[2, 3]));
    let companies = contact_criteria(field(ContactField::Kind, "Company"));
    assert_eq!(db.matching_contacts(&companies), ids(&[1]));
    let of_acme = contact_criteria(field(ContactField::CompanyName, "Acme"));
    assert_eq!(db.matching_contacts(&of_acme), ids(&[1, 2]));
}

#[test]
fn mailing_group_section_needs_one_matching_group_in_any_case() {
    let mut anna = person(1, None, "Anna");
    anna.mailing_groups = codes(&["GIFT", "NEWS"]);
    let mut bert = person(2, None, "Bert");
    bert.mailing_groups = codes(&["NEWS"]);
    let (db, _) = world(vec![anna, bert, person(3, None, "Cecil")]);
    let criteria = Criteria {
        mailing_group: Some(code_filter("gift").unwrap()),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[1]));
    let criteria = Criteria {
        mailing_group: Some(code_filter("<>gift").unwrap()),
        ..Default::default()
    };
    // "At least one group that is not GIFT": Anna has NEWS too; Cecil has no group at all.
    assert_eq!(db.matching_contacts(&criteria), ids(&[1, 2]));
}

#[test]
fn industry_group_filter_matches_persons_through_their_company() {
    let mut acme = company(1, "Acme");
    acme.industry_groups = codes(&["RETAIL"]);
    let (db, _) = world(vec![
        acme,
        person(2, Some(1), "Anna"),
        company(3, "Beta"),
        person(4, Some(3), "Bert"),
        person(5, None, "Loner"),
    ]);
    let criteria = Criteria {
        industry_group: Some(code_filter("retail").unwrap()),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[1, 2]));
}

#[test]
fn a_person_without_a_company_never_matches_company_sections() {
    // Classifications put on a person by mistake are not inherited by anyone, itself included.
    let mut loner = person(1, None, "Loner");
    loner.business_relations = codes(&["CUST"]);
    let mut acme = company(2, "Acme");
    acme.business_relations = codes(&["CUST"]);
    let (db, _) = world(vec![loner, acme, person(3, Some(2), "Anna")]);
    let criteria = Criteria {
        business_relation: Some(code_filter("CUST").unwrap()),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[2, 3]));
}

#[test]
fn job_responsibility_filter_matches_the_person_itself() {
    let mut anna = person(2, Some(1), "Anna");
    anna.job_responsibilities = codes(&["BUYER"]);
    let (db, _) = world(vec![company(1, "Acme"), anna, person(3, Some(1), "Bert")]);
    let criteria = Criteria {
        job_responsibility: Some(code_filter("BUYER").unwrap()),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[2]));
}

#[test]
fn profile_filter_needs_questionnaire_and_answer_on_the_same_answer() {
    let answer = |questionnaire: &str, answer: u32| ProfileAnswerRef {
        questionnaire: Code::new(questionnaire),
        answer,
    };
    let mut anna = person(1, None, "Anna");
    anna.profile_answers = [answer("SIZE", 20)].into();
    let mut bert = person(2, None, "Bert");
    bert.profile_answers = [answer("SIZE", 10), answer("RATING", 20)].into();
    let (db, _) = world(vec![anna, bert]);
    let condition = Condition::And(vec![
        Condition::Field {
            field: ProfileField::Questionnaire,
            filter: ProfileField::Questionnaire.parse_filter("size").unwrap(),
        },
        Condition::Field {
            field: ProfileField::Answer,
            filter: ProfileField::Answer.parse_filter("20").unwrap(),
        },
    ]);
    let criteria = Criteria {
        profile: Some(condition),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[1]));
}

fn entry(id: u32, contact: u32, company: Option<u32>, template: &str) -> Record {
    Record::Entry(InteractionLogEntry {
        id: EntryId(id),
        contact: ContactId(contact),
        company: company.map(ContactId),
        date: Some(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
        template: Some(Code::new(template)),
        segment_no: "SEG000009".into(),
        logged_segment: Some(LoggedSegmentId(1)),
        ..Default::default()
    })
}

#[test]
fn entry_filter_links_on_the_contact_and_its_company() {
    let (mut db, _) = world(vec![
        company(1, "Acme"),
        person(2, Some(1), "Anna"),
        person(3, Some(1), "Bert"),
        company(4, "Beta"),
    ]);
    let mut changes = Changes::new();
    // Anna's entry is logged against her with her company: it counts for Anna only, not Acme.
    changes.put(entry(1, 2, Some(1), "CALL"));
    // Bert's entry was logged while he belonged to Beta: it no longer links to him.
    changes.put(entry(2, 3, Some(4), "CALL"));
    // Beta's own entry counts for Beta.
    changes.put(entry(3, 4, Some(4), "CALL"));
    db.apply(&changes);
    let criteria = Criteria {
        entries: Some(Condition::Field {
            field: EntryField::Template,
            filter: EntryField::Template.parse_filter("call").unwrap(),
        }),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[2, 4]));
}

#[test]
fn entry_filter_fields_must_hold_on_one_entry() {
    let (mut db, _) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    let mut changes = Changes::new();
    changes.put(entry(1, 1, None, "CALL"));
    let mut canceled = InteractionLogEntry {
        id: EntryId(2),
        contact: ContactId(2),
        template: Some(Code::new("CALL")),
        canceled: true,
        ..Default::default()
    };
    changes.put(Record::Entry(canceled.clone()));
    canceled.id = EntryId(3);
    canceled.template = Some(Code::new("MAIL"));
    canceled.canceled = false;
    changes.put(Record::Entry(canceled));
    db.apply(&changes);
    let criteria = Criteria {
        entries: Some(Condition::And(vec![
            Condition::Field {
                field: EntryField::Template,
                filter: EntryField::Template.parse_filter("CALL").unwrap(),
            },
            Condition::Field {
                field: EntryField::Canceled,
                filter: EntryField::Canceled.parse_filter("No").unwrap(),
            },
        ])),
        ..Default::default()
    };
    assert_eq!(db.matching_contacts(&criteria), ids(&[1]));
}

#[test]
fn sections_are_anded_and_empty_sections_ignored() {
    let mut anna = in_city(person(1, None, "Anna"), "Oulu");
    anna.mailing_groups = codes(&["GIFT"]);
    let mut bert = in_city(person(2, None, "Bert"), "Turku");
    bert.mailing_groups = codes(&["GIFT"]);
    let cecil = in_city(person(3, None, "Cecil"), "Oulu");
    let (db, _) = world(vec![anna, bert, cecil]);
    let mut criteria = city("Oulu");
    criteria.mailing_group = Some(code_filter("GIFT").unwrap());
    assert_eq!(db.matching_contacts(&criteria), ids(&[1]));
    assert_eq!(db.matching_contacts(&Criteria::default()), ids(&[1, 2, 3]));
}

#[test]
fn a_filter_of_the_wrong_kind_for_its_field_is_refused() {
    let (db, segment) = world(vec![person(1, None, "Anna")]);
    let filter = segmentti::core::filter::parse("5", FieldKind::Number).unwrap();
    let criteria = contact_criteria(Condition::Field {
        field: ContactField::City,
        filter,
    });
    let codes = problem_codes(db.apply_action(segment, &add(criteria), now()));
    assert_eq!(codes, ["criteria.filter_kind_mismatch"]);
}

// ---------------------------------------------------------------------------------------------
// Add Contacts (reference-bc.md §2.2)

#[test]
fn add_contacts_appends_lines_ordered_by_company_then_companies_first_then_name() {
    let (mut db, segment) = world(vec![
        person(1, Some(5), "Zed"),
        person(2, Some(5), "Anna"),
        company(3, "Beta"),
        person(4, None, "Loner"),
        company(5, "Acme"),
        person(6, Some(3), "Bert"),
    ]);
    step(&mut db, segment, add(Criteria::default()));
    // No company first (blank company name), then Acme (company, Anna, Zed), then Beta.
    assert_eq!(members(&db, segment), [4, 5, 2, 1, 3, 6]);
    let numbers: Vec<u32> = db
        .segment(segment)
        .unwrap()
        .lines
        .iter()
        .map(|l| l.line_no)
        .collect();
    assert_eq!(numbers, [10000, 20000, 30000, 40000, 50000, 60000]);
}

#[test]
fn add_contacts_orders_names_case_insensitively() {
    let (db, segment) = world(vec![
        person(1, None, "beta"),
        person(2, None, "Alpha"),
        person(3, None, "alpha"),
        person(4, None, "Ärrä"),
        person(5, None, "Beta"),
    ]);
    let preview = db.preview(segment, &add(Criteria::default())).unwrap();
    assert_eq!(preview.join, ids(&[2, 3, 5, 1, 4]));
}

#[test]
fn add_contacts_appends_after_the_last_line() {
    let (mut db, segment) = world(vec![
        in_city(person(1, None, "Anna"), "Oulu"),
        in_city(person(2, None, "Bert"), "Turku"),
    ]);
    step(&mut db, segment, add(city("Turku")));
    step(&mut db, segment, add(city("Oulu")));
    assert_eq!(members(&db, segment), [2, 1]);
    assert_eq!(line_of(&db, segment, 1).line_no, 20000);
}

#[test]
fn add_contacts_skips_contacts_already_on_the_segment_unless_allowed() {
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    step(
        &mut db,
        segment,
        add(contact_criteria(field(ContactField::Name, "Anna"))),
    );
    step(&mut db, segment, add(Criteria::default()));
    assert_eq!(members(&db, segment), [1, 2]);
    let allow = AddOptions {
        allow_existing: true,
        ..Default::default()
    };
    step(&mut db, segment, add_with(Criteria::default(), allow));
    assert_eq!(members(&db, segment), [1, 2, 1, 2]);
}

#[test]
fn add_contacts_expand_companies_adds_the_company_and_all_its_persons() {
    let (mut db, segment) = world(vec![
        company(1, "Acme"),
        in_city(person(2, Some(1), "Anna"), "Oulu"),
        person(3, Some(1), "Bert"),
        person(4, None, "Loner"),
    ]);
    let expand = AddOptions {
        expand_companies: true,
        ..Default::default()
    };
    step(&mut db, segment, add_with(city("Oulu"), expand));
    assert_eq!(members(&db, segment), [1, 2, 3]);
}

#[test]
fn add_contacts_related_companies_adds_only_the_persons_company() {
    let (mut db, segment) = world(vec![
        company(1, "Acme"),
        in_city(person(2, Some(1), "Anna"), "Oulu"),
        person(3, Some(1), "Bert"),
    ]);
    let related = AddOptions {
        add_related_companies: true,
        ..Default::default()
    };
    step(&mut db, segment, add_with(city("Oulu"), related));
    assert_eq!(members(&db, segment), [1, 2]);
}

#[test]
fn add_contacts_drops_excluded_contacts_after_expansion() {
    let mut bert = person(3, Some(1), "Bert");
    bert.exclude_from_segments = true;
    let mut excluded_match = in_city(person(4, None, "Dora"), "Oulu");
    excluded_match.exclude_from_segments = true;
    let (mut db, segment) = world(vec![
        company(1, "Acme"),
        in_city(person(2, Some(1), "Anna"), "Oulu"),
        bert,
        excluded_match,
    ]);
    let expand = AddOptions {
        expand_companies: true,
        ..Default::default()
    };
    step(&mut db, segment, add_with(city("Oulu"), expand));
    assert_eq!(members(&db, segment), [1, 2]);
}

#[test]
fn add_contacts_ignore_exclusion_keeps_excluded_contacts() {
    let mut anna = in_city(person(1, None, "Anna"), "Oulu");
    anna.exclude_from_segments = true;
    let (mut db, segment) = world(vec![anna]);
    let ignore = AddOptions {
        ignore_exclusion: true,
        ..Default::default()
    };
    step(&mut db, segment, add_with(city("Oulu"), ignore));
    assert_eq!(members(&db, segment), [1]);
}

// ---------------------------------------------------------------------------------------------
// New line values (reference-bc.md §2.1, §2.8)

#[test]
fn new_lines_take_the_header_values() {
    let (mut db, segment) = world(vec![person(1, None, "Anna")]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    let line = line_of(&db, segment, 1);
    assert_eq!(line.description, "Spring campaign");
    assert_eq!(line.template, Some(Code::new("CALL")));
    assert_eq!(line.group, Some(Code::new("LETTERS")));
    assert_eq!(line.salesperson, Some(Code::new("SP")));
    assert_eq!(line.cost, 2.5);
    assert_eq!(line.duration_min, 5.0);
    assert_eq!(line.information_flow, InformationFlow::Outbound);
    assert_eq!(line.initiated_by, InitiatedBy::Us);
    assert_eq!(line.date, Some(today()));
    assert_eq!(line.subject, "Spring news");
}

#[test]
fn new_lines_take_the_contacts_salesperson_when_the_header_has_none() {
    let mut anna = person(1, None, "Anna");
    anna.salesperson = Some(Code::new("OTHER"));
    let (mut db, segment) = world(vec![anna, person(2, None, "Bert")]);
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.salesperson = None;
    db.commit(db.update_segment_header(segment, header, false, now()));
    step(&mut db, segment, add(Criteria::default()));
    assert_eq!(
        line_of(&db, segment, 1).salesperson,
        Some(Code::new("OTHER"))
    );
    assert_eq!(line_of(&db, segment, 2).salesperson, None);
}

fn with_type(mut contact: Contact, kind: CorrespondenceType) -> Contact {
    contact.correspondence_type = kind;
    contact
}

#[test]
fn correspondence_type_is_the_contacts_own_unless_something_overrides_it() {
    let (mut db, segment) = world(vec![
        with_type(person(1, None, "Anna"), CorrespondenceType::Email),
        person(2, None, "Blank"),
    ]);
    step(&mut db, segment, add(Criteria::default()));
    // Template CALL does not ignore the contact's type: Anna keeps e-mail, a blank contact
    // gets the template's default (hard copy).
    assert_eq!(
        line_of(&db, segment, 1).correspondence_type,
        CorrespondenceType::Email
    );
    assert_eq!(
        line_of(&db, segment, 2).correspondence_type,
        CorrespondenceType::HardCopy
    );
}

#[test]
fn correspondence_type_is_the_template_default_when_the_template_ignores_the_contacts() {
    let (mut db, segment) = world(vec![with_type(
        person(1, None, "Anna"),
        CorrespondenceType::HardCopy,
    )]);
    db.commit(db.set_segment_template(segment, Some(Code::new("MAIL")), true, now()));
    // The header now carries MAIL's ignore flag too, so turn it off to test the template rule.
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.ignore_contact_correspondence_type = false;
    header.correspondence_type_default = CorrespondenceType::None;
    db.commit(db.update_segment_header(segment, header, false, now()));
    step(&mut db, segment, add(Criteria::default()));
    assert_eq!(
        line_of(&db, segment, 1).correspondence_type,
        CorrespondenceType::Email
    );
}

#[test]
fn correspondence_type_is_the_header_default_when_the_header_ignores_the_contacts() {
    let (mut db, segment) = world(vec![with_type(
        person(1, None, "Anna"),
        CorrespondenceType::Email,
    )]);
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.ignore_contact_correspondence_type = true;
    header.correspondence_type_default = CorrespondenceType::HardCopy;
    db.commit(db.update_segment_header(segment, header, false, now()));
    step(&mut db, segment, add(Criteria::default()));
    assert_eq!(
        line_of(&db, segment, 1).correspondence_type,
        CorrespondenceType::HardCopy
    );
}

#[test]
fn line_language_is_the_contacts_when_the_template_has_a_letter_in_it() {
    let mut finn = person(1, None, "Finn");
    finn.language = "fi".into();
    let mut sven = person(2, None, "Sven");
    sven.language = "sv".into();
    let (mut db, segment) = world(vec![finn, sven]);
    step(&mut db, segment, add(Criteria::default()));
    let finn = line_of(&db, segment, 1);
    assert_eq!(
        (finn.language.as_str(), finn.subject.as_str()),
        ("fi", "Kevään uutiset")
    );
    let sven = line_of(&db, segment, 2);
    assert_eq!(
        (sven.language.as_str(), sven.subject.as_str()),
        ("en", "Spring news")
    );
}

// ---------------------------------------------------------------------------------------------
// Reduce and Refine (reference-bc.md §2.3)

fn acme_beta_world() -> (Db, SegmentId) {
    // Acme (1) with Anna (2, Oulu) and Bert (3); Beta (4) with Cecil (5); Loner (6, Oulu).
    let (mut db, segment) = world(vec![
        company(1, "Acme"),
        in_city(person(2, Some(1), "Anna"), "Oulu"),
        person(3, Some(1), "Bert"),
        company(4, "Beta"),
        person(5, Some(4), "Cecil"),
        in_city(person(6, None, "Loner"), "Oulu"),
    ]);
    step(&mut db, segment, add(Criteria::default()));
    assert_eq!(members(&db, segment), [6, 1, 2, 3, 4, 5]);
    (db, segment)
}

#[test]
fn reduce_removes_only_matching_members() {
    let (mut db, segment) = acme_beta_world();
    step(&mut db, segment, reduce(city("Oulu"), false));
    assert_eq!(members(&db, segment), [1, 3, 4, 5]);
}

#[test]
fn refine_keeps_only_matching_members() {
    let (mut db, segment) = acme_beta_world();
    step(&mut db, segment, refine(city("Oulu"), false));
    assert_eq!(members(&db, segment), [6, 2]);
}

#[test]
fn reduce_with_entire_companies_removes_the_whole_company() {
    let (mut db, segment) = acme_beta_world();
    step(&mut db, segment, reduce(city("Oulu"), true));
    assert_eq!(members(&db, segment), [4, 5]);
}

#[test]
fn refine_with_entire_companies_keeps_the_whole_company() {
    let (mut db, segment) = acme_beta_world();
    step(&mut db, segment, refine(city("Oulu"), true));
    assert_eq!(members(&db, segment), [6, 1, 2, 3]);
}

#[test]
fn entire_companies_also_tests_company_contacts_that_are_not_members() {
    let (mut db, segment) = acme_beta_world();
    // Take Anna (the only Oulu person of Acme) off the segment, then refine on Oulu with
    // entire companies: Acme still matches through Anna, who is not a member.
    step(
        &mut db,
        segment,
        CriteriaAction::RemoveContact(ContactId(2)),
    );
    step(&mut db, segment, refine(city("Oulu"), true));
    assert_eq!(members(&db, segment), [6, 1, 3]);
}

#[test]
fn reduce_and_refine_never_add_contacts() {
    let (mut db, segment) = world(vec![
        in_city(person(1, None, "Anna"), "Oulu"),
        in_city(person(2, None, "Bert"), "Oulu"),
    ]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    step(&mut db, segment, refine(city("Oulu"), true));
    assert_eq!(members(&db, segment), [1]);
}

// ---------------------------------------------------------------------------------------------
// Manual lines (reference-bc.md §2.1)

#[test]
fn adding_a_contact_by_hand_is_a_step_that_go_back_undoes() {
    let (mut db, segment) = world(vec![person(1, None, "Anna")]);
    db.commit(db.add_contact_to_segment(segment, ContactId(1), now()));
    assert_eq!(members(&db, segment), [1]);
    assert_eq!(db.segment(segment).unwrap().history.len(), 1);
    db.commit(db.go_back(segment, now()));
    assert_eq!(members(&db, segment), Vec::<u32>::new());
}

#[test]
fn adding_an_unknown_or_present_contact_by_hand_is_refused() {
    let (mut db, segment) = world(vec![person(1, None, "Anna")]);
    let codes = problem_codes(db.add_contact_to_segment(segment, ContactId(99), now()));
    assert_eq!(codes, ["segment.contact_unknown"]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    let codes = problem_codes(db.add_contact_to_segment(segment, ContactId(1), now()));
    assert_eq!(codes, ["segment.contact_already_on_segment"]);
}

#[test]
fn removing_a_contact_by_hand_removes_all_its_lines() {
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    let allow = AddOptions {
        allow_existing: true,
        ..Default::default()
    };
    step(&mut db, segment, add_with(Criteria::default(), allow));
    step(&mut db, segment, add_with(Criteria::default(), allow));
    db.commit(db.remove_contact_from_segment(segment, ContactId(1), now()));
    assert_eq!(members(&db, segment), [2, 2]);
    let codes = problem_codes(db.remove_contact_from_segment(segment, ContactId(1), now()));
    assert_eq!(codes, ["segment.contact_not_on_segment"]);
}

// ---------------------------------------------------------------------------------------------
// Go Back (reference-bc.md §2.4, product.md §3)

#[test]
fn go_back_restores_removed_lines_with_their_overrides() {
    let (mut db, segment) = acme_beta_world();
    let mut edit = LineEdit::of(&line_of(&db, segment, 2));
    edit.comment = "Met at the fair".into();
    edit.cost = 99.0;
    edit.correspondence_type = CorrespondenceType::Email;
    let line_no = line_of(&db, segment, 2).line_no;
    db.commit(db.update_segment_line(segment, line_no, edit, now()));
    let letter = Some(LetterBody::Text("Dear Anna".into()));
    db.commit(db.set_line_letter(segment, line_no, letter, now()));
    let before = db.segment(segment).unwrap().lines.clone();
    step(&mut db, segment, reduce(city("Oulu"), true));
    db.commit(db.go_back(segment, now()));
    assert_eq!(db.segment(segment).unwrap().lines, before);
}

#[test]
fn go_back_removes_only_the_lines_the_step_inserted() {
    let allow = AddOptions {
        allow_existing: true,
        ..Default::default()
    };
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    step(&mut db, segment, add_with(Criteria::default(), allow));
    assert_eq!(members(&db, segment), [1, 1, 2]);
    db.commit(db.go_back(segment, now()));
    // The reference deletes every line of an inserted contact; only the step's own lines go.
    assert_eq!(members(&db, segment), [1]);
}

#[test]
fn go_back_repeats_back_to_the_first_step_and_then_refuses() {
    let (mut db, segment) = acme_beta_world();
    let start = db.segment(segment).unwrap().clone();
    step(&mut db, segment, reduce(city("Oulu"), false));
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(6)));
    step(&mut db, segment, refine(city("Oulu"), true));
    for _ in 0..3 {
        db.commit(db.go_back(segment, now()));
    }
    let back = db.segment(segment).unwrap();
    assert_eq!(back.lines, start.lines);
    assert_eq!(back.history, start.history);
    assert_eq!(back.next_line_no, start.next_line_no);
    db.commit(db.go_back(segment, now()));
    let codes = problem_codes(db.go_back(segment, now()));
    assert_eq!(codes, ["segment.no_criteria"]);
}

// ---------------------------------------------------------------------------------------------
// Preview (product.md §3)

#[test]
fn preview_tells_who_would_join_and_leave_without_changing_anything() {
    let (db, segment) = acme_beta_world();
    let before = db.segment(segment).unwrap().clone();
    let preview = db.preview(segment, &refine(city("Oulu"), false)).unwrap();
    assert_eq!(
        preview,
        Preview {
            join: vec![],
            leave: ids(&[1, 3, 4, 5])
        }
    );
    assert_eq!(db.segment(segment).unwrap(), &before);
}

#[test]
fn preview_of_add_lists_the_new_lines_in_their_order() {
    let (db, segment) = world(vec![
        person(1, Some(3), "Zed"),
        company(3, "Acme"),
        person(2, None, "Loner"),
    ]);
    let preview = db.preview(segment, &add(Criteria::default())).unwrap();
    assert_eq!(preview.join, ids(&[2, 3, 1]));
    assert!(preview.leave.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Save and reuse criteria (reference-bc.md §2.5, product.md §3)

#[test]
fn save_criteria_needs_a_step_and_a_new_code() {
    let (mut db, segment) = world(vec![person(1, None, "Anna")]);
    let codes = problem_codes(db.save_criteria(segment, "", ""));
    assert_eq!(
        codes,
        ["segment.no_criteria", "saved_criteria.code_required"]
    );
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    db.commit(db.save_criteria(segment, "anna", "Just Anna"));
    let saved = &db.saved_criteria[&Code::new("ANNA")];
    assert_eq!(saved.actions, [CriteriaAction::AddContact(ContactId(1))]);
    let codes = problem_codes(db.save_criteria(segment, "ANNA", ""));
    assert_eq!(codes, ["saved_criteria.code_exists"]);
}

fn save_and_fresh_segment(db: &mut Db, segment: SegmentId, code: &str) -> SegmentId {
    db.commit(db.save_criteria(segment, code, "saved"));
    let (fresh, changes) = db
        .create_segment(
            "Again",
            Some(Code::new("SP")),
            Some(Code::new("CALL")),
            today(),
            now(),
        )
        .unwrap();
    db.apply(&changes);
    fresh
}

#[test]
fn reuse_criteria_replays_each_action_against_todays_data() {
    let (mut db, segment) = world(vec![
        in_city(person(1, None, "Anna"), "Oulu"),
        in_city(person(2, None, "Bert"), "Turku"),
    ]);
    step(&mut db, segment, add(city("Oulu")));
    let fresh = save_and_fresh_segment(&mut db, segment, "OULU");
    // Bert moves to Oulu after the criteria were saved.
    let mut bert = db.contact(ContactId(2)).unwrap().clone();
    bert.city = "Oulu".into();
    db.apply(Changes::new().put(Record::Contact(bert)));
    db.commit(db.reuse_criteria(fresh, &Code::new("OULU"), now()));
    assert_eq!(members(&db, fresh), [1, 2]);
    // The replayed actions are steps of their own and can be undone.
    assert_eq!(db.segment(fresh).unwrap().history.len(), 1);
    db.commit(db.go_back(fresh, now()));
    assert_eq!(members(&db, fresh), Vec::<u32>::new());
}

#[test]
fn reuse_criteria_honours_entire_companies_on_refine() {
    let (mut db, segment) = acme_beta_world();
    step(&mut db, segment, refine(city("Oulu"), true));
    let fresh = save_and_fresh_segment(&mut db, segment, "ACME");
    db.commit(db.reuse_criteria(fresh, &Code::new("ACME"), now()));
    // Business Central's replay would keep only Anna and Loner; the whole of Acme stays here.
    assert_eq!(members(&db, fresh), [6, 1, 2, 3]);
}

#[test]
fn reuse_criteria_preview_shows_the_difference_against_current_lines() {
    let (mut db, segment) = world(vec![
        in_city(person(1, None, "Anna"), "Oulu"),
        in_city(person(2, None, "Bert"), "Turku"),
        in_city(person(3, None, "Cecil"), "Oulu"),
    ]);
    step(&mut db, segment, add(city("Oulu")));
    step(
        &mut db,
        segment,
        reduce(contact_criteria(field(ContactField::Name, "Cecil")), false),
    );
    let fresh = save_and_fresh_segment(&mut db, segment, "OULU");
    step(&mut db, fresh, CriteriaAction::AddContact(ContactId(2)));
    step(&mut db, fresh, CriteriaAction::AddContact(ContactId(3)));
    let preview = db
        .reuse_criteria_preview(fresh, &Code::new("OULU"))
        .unwrap();
    assert_eq!(
        preview,
        Preview {
            join: ids(&[1]),
            leave: ids(&[3]),
        }
    );
}

#[test]
fn a_replayed_manual_step_that_no_longer_applies_does_nothing() {
    let (mut db, segment) = world(vec![person(1, None, "Anna")]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    step(
        &mut db,
        segment,
        CriteriaAction::RemoveContact(ContactId(1)),
    );
    let fresh = save_and_fresh_segment(&mut db, segment, "HAND");
    step(&mut db, fresh, CriteriaAction::AddContact(ContactId(1)));
    db.commit(db.reuse_criteria(fresh, &Code::new("HAND"), now()));
    // The replayed AddContact skips Anna (already there), the RemoveContact removes her.
    assert_eq!(members(&db, fresh), Vec::<u32>::new());
    assert_eq!(db.segment(fresh).unwrap().history.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Reuse a logged segment (reference-bc.md §2.6, product.md §3)

fn with_logged_segment(db: &mut Db, contacts: &[u32]) -> LoggedSegmentId {
    let mut changes = Changes::new();
    changes.put(Record::LoggedSegment(LoggedSegment {
        id: LoggedSegmentId(1),
        segment_no: "SEG000009".into(),
        description: "Old".into(),
        created: now(),
        canceled: false,
    }));
    for (i, contact) in contacts.iter().enumerate() {
        changes.put(entry(i as u32 + 1, *contact, None, "CALL"));
    }
    db.apply(&changes);
    LoggedSegmentId(1)
}

#[test]
fn reuse_logged_segment_adds_its_contacts_and_skips_duplicates() {
    let (mut db, segment) = world(vec![
        person(1, None, "Anna"),
        person(2, None, "Bert"),
        person(3, None, "Cecil"),
    ]);
    let logged = with_logged_segment(&mut db, &[3, 1, 2, 1]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(2)));
    db.commit(db.reuse_logged_segment(segment, logged, false, now()));
    assert_eq!(members(&db, segment), [2, 3, 1]);
}

#[test]
fn reuse_logged_segment_with_allow_existing_adds_one_line_per_entry() {
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    let logged = with_logged_segment(&mut db, &[1, 2, 1]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(2)));
    db.commit(db.reuse_logged_segment(segment, logged, true, now()));
    assert_eq!(members(&db, segment), [2, 1, 2, 1]);
}

#[test]
fn reuse_of_an_unknown_logged_segment_is_refused() {
    let (db, segment) = world(vec![person(1, None, "Anna")]);
    let codes = problem_codes(db.reuse_logged_segment(segment, LoggedSegmentId(7), false, now()));
    assert_eq!(codes, ["segment.logged_segment_unknown"]);
}

// ---------------------------------------------------------------------------------------------
// Header defaults reaching the lines (reference-bc.md §2.7)

/// Anna and Bert on the segment; Bert's line switched to template MAIL.
fn two_templates_world() -> (Db, SegmentId) {
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    step(&mut db, segment, add(Criteria::default()));
    let bert = line_of(&db, segment, 2).line_no;
    db.commit(db.set_line_template(segment, bert, Some(Code::new("MAIL")), now()));
    (db, segment)
}

#[test]
fn header_change_reaches_lines_with_the_header_template_when_confirmed() {
    let (mut db, segment) = two_templates_world();
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.description = "Autumn campaign".into();
    header.unit_cost = 4.0;
    header.salesperson = Some(Code::new("OTHER"));
    db.commit(db.update_segment_header(segment, header, true, now()));
    let anna = line_of(&db, segment, 1);
    assert_eq!(anna.description, "Autumn campaign");
    assert_eq!(anna.cost, 4.0);
    assert_eq!(anna.salesperson, Some(Code::new("OTHER")));
}

#[test]
fn header_change_skips_lines_with_another_template() {
    let (mut db, segment) = two_templates_world();
    let bert_before = line_of(&db, segment, 2);
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.description = "Autumn campaign".into();
    header.unit_cost = 4.0;
    db.commit(db.update_segment_header(segment, header, true, now()));
    assert_eq!(line_of(&db, segment, 2), bert_before);
}

#[test]
fn header_change_without_confirmation_leaves_every_line() {
    let (mut db, segment) = two_templates_world();
    let lines = db.segment(segment).unwrap().lines.clone();
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.description = "Autumn campaign".into();
    db.commit(db.update_segment_header(segment, header, false, now()));
    assert_eq!(db.segment(segment).unwrap().lines, lines);
    assert_eq!(db.segment(segment).unwrap().description, "Autumn campaign");
}

#[test]
fn header_change_copies_only_the_values_that_changed() {
    let (mut db, segment) = two_templates_world();
    let line_no = line_of(&db, segment, 1).line_no;
    let mut edit = LineEdit::of(&line_of(&db, segment, 1));
    edit.cost = 7.0;
    db.commit(db.update_segment_line(segment, line_no, edit, now()));
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.description = "Autumn campaign".into();
    db.commit(db.update_segment_header(segment, header, true, now()));
    let anna = line_of(&db, segment, 1);
    assert_eq!(
        (anna.description.as_str(), anna.cost),
        ("Autumn campaign", 7.0)
    );
}

#[test]
fn header_subject_change_reaches_lines_that_still_have_the_old_subject() {
    let mut finn = person(3, None, "Finn");
    finn.language = "fi".into();
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert"), finn]);
    step(&mut db, segment, add(Criteria::default()));
    let bert_no = line_of(&db, segment, 2).line_no;
    let mut edit = LineEdit::of(&line_of(&db, segment, 2));
    edit.subject = "Personal news".into();
    db.commit(db.update_segment_line(segment, bert_no, edit, now()));
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.subject = "Spring offers".into();
    db.commit(db.update_segment_header(segment, header, true, now()));
    assert_eq!(line_of(&db, segment, 1).subject, "Spring offers");
    assert_eq!(line_of(&db, segment, 2).subject, "Personal news");
    assert_eq!(line_of(&db, segment, 3).subject, "Kevään uutiset");
}

/// Anna, Bert and Cecil on one segment with the header's template, and a third salesperson.
fn three_lines_world() -> (Db, SegmentId) {
    let (mut db, segment) = world(vec![
        person(1, None, "Anna"),
        person(2, None, "Bert"),
        person(3, None, "Cecil"),
    ]);
    db.apply(Changes::new().put(Record::Salesperson(Salesperson {
        code: Code::new("THIRD"),
        ..Default::default()
    })));
    step(&mut db, segment, add(Criteria::default()));
    (db, segment)
}

#[test]
fn header_change_keeps_every_value_the_user_set_on_a_line_and_updates_the_rest() {
    let (mut db, segment) = three_lines_world();
    let anna_no = line_of(&db, segment, 1).line_no;
    let mut mine = LineEdit::of(&line_of(&db, segment, 1));
    mine.description = "Spring letter – personal".into();
    mine.cost = 4.0;
    mine.duration_min = 30.0;
    mine.date = NaiveDate::from_ymd_opt(2026, 3, 20);
    mine.salesperson = Some(Code::new("OTHER"));
    mine.information_flow = InformationFlow::Inbound;
    mine.initiated_by = InitiatedBy::Them;
    mine.correspondence_type = CorrespondenceType::None;
    mine.language = "sv".into();
    mine.subject = "Personliga nyheter".into();
    db.commit(db.update_segment_line(segment, anna_no, mine, now()));
    let anna_before = line_of(&db, segment, 1);

    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.description = "Autumn campaign".into();
    header.unit_cost = 3.0;
    header.unit_duration_min = 15.0;
    header.date = NaiveDate::from_ymd_opt(2026, 9, 1);
    header.salesperson = Some(Code::new("THIRD"));
    header.information_flow = InformationFlow::Inbound;
    header.initiated_by = InitiatedBy::Them;
    header.ignore_contact_correspondence_type = true;
    header.correspondence_type_default = CorrespondenceType::Email;
    header.subject = "Autumn news".into();
    header.language = "fi".into();
    db.commit(db.update_segment_header(segment, header, true, now()));

    assert_eq!(
        line_of(&db, segment, 1),
        anna_before,
        "Anna's line keeps everything the user set on it"
    );
    let bert = line_of(&db, segment, 2);
    assert_eq!(bert.description, "Autumn campaign");
    assert_eq!(bert.cost, 3.0);
    assert_eq!(bert.duration_min, 15.0);
    assert_eq!(bert.date, NaiveDate::from_ymd_opt(2026, 9, 1));
    assert_eq!(bert.salesperson, Some(Code::new("THIRD")));
    assert_eq!(bert.information_flow, InformationFlow::Inbound);
    assert_eq!(bert.initiated_by, InitiatedBy::Them);
    assert_eq!(bert.correspondence_type, CorrespondenceType::Email);
    assert_eq!(bert.language, "fi");
    assert_eq!(bert.subject, "Autumn news");
    let mut cecil = line_of(&db, segment, 3);
    cecil.line_no = bert.line_no;
    cecil.contact = bert.contact;
    assert_eq!(
        cecil, bert,
        "Cecil's line, like Bert's, takes the new header values"
    );
}

#[test]
fn header_change_keeps_a_single_overridden_field_and_updates_the_lines_other_fields() {
    let (mut db, segment) = three_lines_world();
    let anna_no = line_of(&db, segment, 1).line_no;
    let mut mine = LineEdit::of(&line_of(&db, segment, 1));
    mine.description = "Spring letter – personal".into();
    db.commit(db.update_segment_line(segment, anna_no, mine, now()));

    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.description = "Autumn campaign".into();
    header.unit_cost = 3.0;
    db.commit(db.update_segment_header(segment, header, true, now()));

    let anna = line_of(&db, segment, 1);
    assert_eq!(
        (anna.description.as_str(), anna.cost),
        ("Spring letter – personal", 3.0)
    );
}

#[test]
fn header_salesperson_reaches_a_line_that_had_the_contacts_salesperson_as_its_default() {
    let mut anna = person(1, None, "Anna");
    anna.salesperson = Some(Code::new("OTHER"));
    let (mut db, segment) = world(vec![anna, person(2, None, "Bert")]);
    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.salesperson = None;
    db.commit(db.update_segment_header(segment, header, false, now()));
    step(&mut db, segment, add(Criteria::default()));
    assert_eq!(
        line_of(&db, segment, 1).salesperson,
        Some(Code::new("OTHER"))
    );

    let mut header = HeaderEdit::of(db.segment(segment).unwrap());
    header.salesperson = Some(Code::new("SP"));
    db.commit(db.update_segment_header(segment, header, true, now()));
    assert_eq!(line_of(&db, segment, 1).salesperson, Some(Code::new("SP")));
    assert_eq!(line_of(&db, segment, 2).salesperson, Some(Code::new("SP")));
}

// Two tabs saving the same record (issue 14 item 2): each form carries the values it started
// from, and a save is merged field by field with what the other tab stored meanwhile.

#[test]
fn a_header_save_from_a_stale_form_is_refused_when_the_other_tab_changed_the_same_field() {
    let (mut db, segment) = three_lines_world();
    let base = HeaderEdit::of(db.segment(segment).unwrap());
    let mut tab_a = base.clone();
    tab_a.description = "From tab A".into();
    let mut tab_b = base.clone();
    tab_b.description = "From tab B".into();

    db.commit(db.save_segment_header(segment, &base, tab_a, false, now()));
    let problems = db
        .save_segment_header(segment, &base, tab_b, false, now())
        .expect_err("tab B must not silently replace tab A's description");

    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "edit.changed_elsewhere");
    assert_eq!(problems[0].place, Place::Field("description".into()));
    assert_eq!(problems[0].args, ["From tab A", "From tab B"]);
    assert_eq!(db.segment(segment).unwrap().description, "From tab A");
}

#[test]
fn a_conflict_on_a_choice_names_both_values_by_their_stable_names() {
    let (mut db, segment) = three_lines_world();
    let base = HeaderEdit::of(db.segment(segment).unwrap());
    // Each tab picks a value other than the one both started from, and other than each other's.
    assert_eq!(
        (base.information_flow, base.correspondence_type_default),
        (InformationFlow::Outbound, CorrespondenceType::HardCopy),
        "the world this test starts from"
    );
    let mut tab_a = base.clone();
    tab_a.information_flow = InformationFlow::Inbound;
    tab_a.correspondence_type_default = CorrespondenceType::Email;
    let mut tab_b = base.clone();
    tab_b.information_flow = InformationFlow::None;
    tab_b.correspondence_type_default = CorrespondenceType::None;

    db.commit(db.save_segment_header(segment, &base, tab_a, false, now()));
    let problems = db
        .save_segment_header(segment, &base, tab_b, false, now())
        .expect_err("both tabs changed the same choices");

    // The UI words a stable name in the reader's language; Rust's debug form ("Inbound",
    // "HardCopy") is no text for anyone.
    let args: Vec<(Place, Vec<String>)> = problems
        .iter()
        .map(|p| (p.place.clone(), p.args.clone()))
        .collect();
    assert!(args.contains(&(
        Place::Field("information_flow".into()),
        vec!["inbound".into(), "none".into()]
    )));
    assert!(args.contains(&(
        Place::Field("correspondence_type_default".into()),
        vec!["email".into(), "none".into()]
    )));
}

#[test]
fn a_header_save_from_a_stale_form_keeps_the_other_tabs_change_to_another_field() {
    let (mut db, segment) = three_lines_world();
    let base = HeaderEdit::of(db.segment(segment).unwrap());
    let mut tab_a = base.clone();
    tab_a.description = "From tab A".into();
    let mut tab_b = base.clone();
    tab_b.unit_cost = 9.0;

    db.commit(db.save_segment_header(segment, &base, tab_a, false, now()));
    db.commit(db.save_segment_header(segment, &base, tab_b, false, now()));

    let header = db.segment(segment).unwrap();
    assert_eq!(
        (header.description.as_str(), header.unit_cost),
        ("From tab A", 9.0)
    );
}

#[test]
fn a_line_save_from_a_stale_form_is_refused_on_the_same_field_and_merged_on_others() {
    let (mut db, segment) = three_lines_world();
    let line_no = line_of(&db, segment, 1).line_no;
    let base = LineEdit::of(&line_of(&db, segment, 1));
    let mut tab_a = base.clone();
    tab_a.comment = "Call first".into();
    tab_a.cost = 1.0;
    let mut tab_b = base.clone();
    tab_b.comment = "Send a card".into();
    tab_b.cost = 7.0;
    let mut tab_c = base.clone();
    tab_c.subject = "Personal".into();

    db.commit(db.save_segment_line(segment, line_no, &base, tab_a, now()));
    let problems = db
        .save_segment_line(segment, line_no, &base, tab_b, now())
        .expect_err("tab B must not silently replace tab A's values");
    let named: Vec<(Place, Vec<String>)> = problems
        .iter()
        .map(|p| (p.place.clone(), p.args.clone()))
        .collect();
    assert_eq!(
        named,
        [
            (
                Place::Line {
                    line_no,
                    field: Some("cost".into())
                },
                vec!["1".to_string(), "7".to_string()]
            ),
            (
                Place::Line {
                    line_no,
                    field: Some("comment".into())
                },
                vec!["Call first".to_string(), "Send a card".to_string()]
            ),
        ]
    );
    db.commit(db.save_segment_line(segment, line_no, &base, tab_c, now()));
    let line = line_of(&db, segment, 1);
    assert_eq!(
        (line.comment.as_str(), line.cost, line.subject.as_str()),
        ("Call first", 1.0, "Personal")
    );
}

#[test]
fn choosing_a_template_copies_its_defaults_and_applies_to_all_lines_when_confirmed() {
    let (mut db, segment) = two_templates_world();
    let anna_no = line_of(&db, segment, 1).line_no;
    let mut edit = LineEdit::of(&line_of(&db, segment, 1));
    edit.comment = "Keep me".into();
    db.commit(db.update_segment_line(segment, anna_no, edit, now()));
    db.commit(db.set_segment_template(segment, Some(Code::new("MAIL")), true, now()));
    let header = db.segment(segment).unwrap();
    assert_eq!(header.template, Some(Code::new("MAIL")));
    assert_eq!(header.unit_cost, 0.1);
    assert_eq!(header.subject, "News by mail");
    for contact in [1, 2] {
        let line = line_of(&db, segment, contact);
        assert_eq!(line.template, Some(Code::new("MAIL")));
        assert_eq!(line.cost, 0.1);
        assert_eq!(line.correspondence_type, CorrespondenceType::Email);
    }
    assert_eq!(line_of(&db, segment, 1).comment, "Keep me");
}

#[test]
fn choosing_a_template_without_confirmation_leaves_the_lines() {
    let (mut db, segment) = two_templates_world();
    let lines = db.segment(segment).unwrap().lines.clone();
    db.commit(db.set_segment_template(segment, Some(Code::new("MAIL")), false, now()));
    assert_eq!(db.segment(segment).unwrap().lines, lines);
}

#[test]
fn an_unknown_template_is_refused() {
    let (db, segment) = two_templates_world();
    let codes =
        problem_codes(db.set_segment_template(segment, Some(Code::new("NOPE")), true, now()));
    assert_eq!(codes, ["segment.template_unknown"]);
}

#[test]
fn changing_a_lines_template_rederives_its_values() {
    let (db, segment) = two_templates_world();
    let bert = line_of(&db, segment, 2);
    assert_eq!(bert.template, Some(Code::new("MAIL")));
    assert_eq!(bert.description, "Mail shot");
    assert_eq!(bert.cost, 0.1);
    assert_eq!(bert.correspondence_type, CorrespondenceType::Email);
    assert_eq!(bert.subject, "News by mail");
}

// ---------------------------------------------------------------------------------------------
// Line edits (reference-bc.md §2.8)

#[test]
fn line_edits_are_validated() {
    let (mut db, segment) = world(vec![person(1, None, "Anna")]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(1)));
    let line_no = line_of(&db, segment, 1).line_no;
    let mut edit = LineEdit::of(&line_of(&db, segment, 1));
    edit.salesperson = Some(Code::new("NOBODY"));
    edit.cost = f64::NAN;
    let codes = problem_codes(db.update_segment_line(segment, line_no, edit.clone(), now()));
    assert_eq!(
        codes,
        ["segment.salesperson_unknown", "segment.number_invalid"]
    );
    let codes = problem_codes(db.update_segment_line(segment, 12345, edit, now()));
    assert_eq!(codes, ["segment.line_unknown"]);
}

// ---------------------------------------------------------------------------------------------
// Other segment functions (reference-bc.md §2.10, §5)

#[test]
fn create_segment_takes_its_id_from_the_counters_and_today_as_date() {
    let (db, segment) = world(vec![]);
    assert_eq!(segment, SegmentId(1));
    assert_eq!(db.counters.segment, 1);
    let header = db.segment(segment).unwrap();
    assert_eq!(header.date, Some(today()));
    assert_eq!(header.language, "en");
    assert_eq!(
        header.correspondence_type_default,
        CorrespondenceType::HardCopy
    );
}

#[test]
fn apply_mailing_group_gives_every_contact_of_the_segment_the_group() {
    let mut cecil = person(3, None, "Cecil");
    cecil.mailing_groups = codes(&["GIFT"]);
    let (mut db, segment) = world(vec![
        person(1, None, "Anna"),
        person(2, None, "Bert"),
        cecil,
    ]);
    step(
        &mut db,
        segment,
        add(contact_criteria(field(ContactField::Name, "Anna|Bert"))),
    );
    let gift = Code::new("GIFT");
    db.commit(db.apply_mailing_group(segment, &gift, false, now()));
    for id in [1, 2, 3] {
        assert!(db
            .contact(ContactId(id))
            .unwrap()
            .mailing_groups
            .contains(&gift));
    }
    db.commit(db.apply_mailing_group(segment, &gift, true, now()));
    assert!(!db
        .contact(ContactId(3))
        .unwrap()
        .mailing_groups
        .contains(&gift));
    let codes = problem_codes(db.apply_mailing_group(segment, &Code::new("NOPE"), false, now()));
    assert_eq!(codes, ["segment.mailing_group_unknown"]);
}

#[test]
fn create_opportunities_makes_one_per_line_and_links_it() {
    let (mut db, segment) = world(vec![person(1, None, "Anna"), person(2, None, "Bert")]);
    let codes = problem_codes(db.create_opportunities(segment, now()));
    assert_eq!(codes, ["segment.empty"]);
    step(&mut db, segment, add(Criteria::default()));
    db.commit(db.create_opportunities(segment, now()));
    assert_eq!(db.opportunities.len(), 2);
    for line in &db.segment(segment).unwrap().lines {
        let opportunity = &db.opportunities[&line.opportunity.unwrap()];
        assert_eq!(opportunity.contact, line.contact);
        assert_eq!(opportunity.segment_no, "SEG000001");
        assert_eq!(opportunity.description, "Spring campaign");
    }
    assert_eq!(db.counters.opportunity, 2);
}

#[test]
fn create_opportunities_refuses_privacy_blocked_contacts() {
    let mut anna = person(1, None, "Anna");
    anna.privacy_blocked = true;
    let (mut db, segment) = world(vec![anna, person(2, None, "Bert")]);
    step(&mut db, segment, add(Criteria::default()));
    let codes = problem_codes(db.create_opportunities(segment, now()));
    assert_eq!(codes, ["segment.contact_privacy_blocked"]);
}

#[test]
fn lines_export_as_rows_under_a_header_row() {
    let mut anna = person(2, Some(1), "Anna");
    anna.email = "anna@acme.example".into();
    let (mut db, segment) = world(vec![company(1, "Acme"), anna]);
    step(&mut db, segment, CriteriaAction::AddContact(ContactId(2)));
    let rows = db.segment_lines_rows(segment).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        &rows[0][..5],
        [
            "line_no",
            "contact_no",
            "name",
            "company_no",
            "company_name"
        ]
    );
    assert_eq!(
        &rows[1][..6],
        [
            "10000",
            "CT000002",
            "Anna",
            "CT000001",
            "Acme",
            "anna@acme.example"
        ]
    );
    assert!(rows.iter().all(|row| row.len() == rows[0].len()));
}

#[test]
fn delete_segment_removes_it() {
    let (mut db, segment) = world(vec![]);
    db.commit(db.delete_segment(segment));
    assert!(db.segment(segment).is_none());
    let codes = problem_codes(db.delete_segment(segment));
    assert_eq!(codes, ["segment.unknown"]);
}
