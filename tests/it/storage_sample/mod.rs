//! A database that holds every kind of stored record and every variant of every stored enum,
//! built as the change sets a user's actions would commit. The storage fixtures
//! (`tests/fixtures/storage/v1-full/`, `v2-full/`, `v3-full/`) were written once from it (each
//! older format from the sample without what later formats added, [`format_1`], [`format_2`]), and the tests build the
//! expected data from the same code, so the fixture and the expectation cannot drift apart.
//!
//! Everything here is fixed data: no clock and no counter that depends on the run, so encoding
//! it twice gives the same bytes.

#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Counters, Record, RecordKey};
use segmentti::core::condition::Condition;
use segmentti::core::criteria::{
    code_filter, AddOptions, ContactField, Criteria, CriteriaAction, CriteriaStep, EntryField,
    ProfileField,
};
use segmentti::core::filter::FieldKind;
use segmentti::core::ids::{
    Code, ContactId, EntryId, ImportBatchId, LoggedSegmentId, OpportunityId, SegmentId,
};
use segmentti::core::import::plan::ImportUndo;
use segmentti::core::model::*;
use segmentti::core::team::ident::{Alias, Gid, IdKind, Member, Origin, TeamSettings};
use segmentti::core::team::replica::{DocChange, Replica, Revision};
use segmentti::core::team::revision::next_rev;
use std::collections::{BTreeMap, BTreeSet};

pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

pub fn at(d: u32, h: u32) -> NaiveDateTime {
    day(d).and_hms_opt(h, 15, 30).unwrap()
}

fn code(text: &str) -> Code {
    Code::new(text)
}

fn codes(list: &[&str]) -> BTreeSet<Code> {
    list.iter().map(|c| code(c)).collect()
}

/// A contact with every field filled; `kind` decides whether it is a company or a person.
pub fn contact(id: u32, kind: ContactKind, company: Option<u32>) -> Contact {
    let mut attributes = BTreeMap::new();
    attributes.insert("Koko".to_string(), AttrValue::Text("suuri <b>".into()));
    attributes.insert("Employees".to_string(), AttrValue::Number(12.5));
    attributes.insert("Founded".to_string(), AttrValue::Date(day(1)));
    let is_company = kind == ContactKind::Company;
    Contact {
        id: ContactId(id),
        kind,
        company: company.map(ContactId),
        name: if is_company {
            format!("Yritys {id} Oy")
        } else {
            format!("Äijä Matti Virtanen {id}")
        },
        first_name: "Äijä".into(),
        middle_name: "Matti".into(),
        surname: format!("Virtanen {id}"),
        job_title: "Toimitusjohtaja".into(),
        organizational_level: "Johto".into(),
        address: "Mannerheimintie 1".into(),
        address_2: "B 22".into(),
        post_code: "00100".into(),
        city: "Helsinki".into(),
        county: "Uusimaa".into(),
        country: "FI".into(),
        phone: "+358 9 123".into(),
        mobile: "+358 40 123".into(),
        email: format!("c{id}@example.fi"),
        email_2: format!("c{id}.2@example.fi"),
        website: "https://example.fi".into(),
        language: "fi".into(),
        salutation_code: code("M"),
        correspondence_type: match id % 3 {
            0 => CorrespondenceType::None,
            1 => CorrespondenceType::HardCopy,
            _ => CorrespondenceType::Email,
        },
        exclude_from_segments: id % 2 == 0,
        privacy_blocked: id % 2 == 1,
        salesperson: Some(code("JO")),
        territory: "Etelä".into(),
        attributes,
        notes: "Notes with \"quotes\",\nnew lines and <script>.".into(),
        mailing_groups: codes(&["GIFT", "NEWS"]),
        industry_groups: if is_company {
            codes(&["RETAIL"])
        } else {
            BTreeSet::new()
        },
        business_relations: if is_company {
            codes(&["CUST"])
        } else {
            BTreeSet::new()
        },
        job_responsibilities: if is_company {
            BTreeSet::new()
        } else {
            codes(&["BUY"])
        },
        profile_answers: [ProfileAnswerRef {
            questionnaire: code("SIZE"),
            answer: 2,
        }]
        .into_iter()
        .collect(),
        import_batch: Some(ImportBatchId(1)),
        stamps: Stamps {
            created: at(1, 9),
            modified: at(2, 10),
        },
    }
}

fn text_letter(language: &str) -> TemplateLetter {
    TemplateLetter {
        language: language.into(),
        subject: format!("Subject {language}"),
        body: LetterBody::Text(format!("{{{{formal_salutation}}}}\nHello {language}")),
    }
}

fn docx_letter(language: &str) -> TemplateLetter {
    TemplateLetter {
        language: language.into(),
        subject: "Word".into(),
        body: LetterBody::Docx {
            file_name: "kirje.docx".into(),
            bytes: vec![b'P', b'K', 3, 4, 0, 255],
        },
    }
}

/// A template's e-mail in `language`, with fields in its subject and body.
fn template_email(language: &str, attachment: EmailAttachment) -> TemplateEmail {
    TemplateEmail {
        language: language.into(),
        subject: format!("Offer {language} for {{{{company_name}}}}"),
        body: format!("Hello {{{{first_name}}}},\n\nin {language}."),
        attachment,
    }
}

/// Every set-up record: each classification kind, a questionnaire, salespeople, a group,
/// templates of every flow, initiator and correspondence type, salutation formulas of both
/// kinds with every name part, our company and the counters.
pub fn setup() -> Changes {
    let mut c = Changes::new();
    for (kind, code_text) in [
        (ClassificationKind::MailingGroup, "GIFT"),
        (ClassificationKind::MailingGroup, "NEWS"),
        (ClassificationKind::IndustryGroup, "RETAIL"),
        (ClassificationKind::BusinessRelation, "CUST"),
        (ClassificationKind::JobResponsibility, "BUY"),
    ] {
        c.put(Record::Classification(
            kind,
            Classification {
                code: code(code_text),
                description: format!("{code_text} kuvaus"),
            },
        ));
    }
    c.put(Record::Questionnaire(ProfileQuestionnaire {
        code: code("SIZE"),
        description: "Koko".into(),
        answers: vec![
            ProfileAnswer {
                line: 1,
                text: "Pieni".into(),
            },
            ProfileAnswer {
                line: 2,
                text: "Suuri".into(),
            },
        ],
    }));
    c.put(Record::Salesperson(Salesperson {
        code: code("JO"),
        name: "Jo Myyjä".into(),
        job_title: "Myyjä".into(),
        email: "jo@example.fi".into(),
        phone: "+358 50 1".into(),
    }));
    c.put(Record::InteractionGroup(InteractionGroup {
        code: code("LETTER"),
        description: "Kirjeet".into(),
    }));
    let flows = [
        InformationFlow::None,
        InformationFlow::Outbound,
        InformationFlow::Inbound,
    ];
    let initiators = [InitiatedBy::None, InitiatedBy::Us, InitiatedBy::Them];
    let types = [
        CorrespondenceType::None,
        CorrespondenceType::HardCopy,
        CorrespondenceType::Email,
    ];
    for i in 0..3 {
        c.put(Record::Template(InteractionTemplate {
            code: code(&format!("T{i}")),
            group: code("LETTER"),
            description: format!("Template {i}"),
            unit_cost: 1.25 * i as f64,
            unit_duration_min: 5.0 + i as f64,
            information_flow: flows[i],
            initiated_by: initiators[i],
            correspondence_type_default: types[i],
            ignore_contact_correspondence_type: i == 1,
            language_default: "fi".into(),
            letters: if i == 0 {
                vec![text_letter(""), text_letter("fi"), docx_letter("en")]
            } else {
                vec![]
            },
            emails: if i == 0 {
                vec![
                    template_email("", EmailAttachment::None),
                    template_email("fi", EmailAttachment::Pdf),
                    template_email("en", EmailAttachment::Docx),
                ]
            } else {
                vec![]
            },
        }));
    }
    c.put(Record::SalutationFormula(SalutationFormula {
        salutation_code: code("M"),
        language: "fi".into(),
        kind: SalutationKind::Formal,
        formula: "Hyvä %1 %2 %3,".into(),
        parts: vec![
            NamePart::JobTitle,
            NamePart::FirstName,
            NamePart::MiddleName,
        ],
    }));
    c.put(Record::SalutationFormula(SalutationFormula {
        salutation_code: code("M"),
        language: String::new(),
        kind: SalutationKind::Informal,
        formula: "Hei %1 %2 %3,".into(),
        parts: vec![NamePart::Surname, NamePart::Initials, NamePart::CompanyName],
    }));
    c.put(Record::OurCompany(OurCompany {
        name: "Meidän Oy".into(),
        address: "Katu 1".into(),
        address_2: "PL 2".into(),
        post_code: "00200".into(),
        city: "Espoo".into(),
        country: "FI".into(),
        phone: "+358 9 2".into(),
        email: "info@meidan.fi".into(),
        vat_no: "FI12345678".into(),
        bank_account: "FI21 1234 5600 0007 85".into(),
    }));
    c
}

/// Companies 1 and 3, persons 2 (of company 1) and 4 (without one).
pub fn contacts() -> Changes {
    let mut c = Changes::new();
    c.put(Record::Contact(contact(1, ContactKind::Company, None)));
    c.put(Record::Contact(contact(2, ContactKind::Person, Some(1))));
    c.put(Record::Contact(contact(3, ContactKind::Company, None)));
    c.put(Record::Contact(contact(4, ContactKind::Person, None)));
    c.put(Record::Counters(Counters {
        contact: 4,
        segment: 2,
        logged_segment: 1,
        entry: 7,
        opportunity: 1,
        import_batch: 1,
    }));
    // Import batch 1 updated contact 2: its undo holds the contact as it was and as the import
    // left it (format 2 on; the format-1 fixtures predate it, see [`format_1`]).
    c.put(Record::ImportUndo(ImportUndo {
        batch: ImportBatchId(1),
        updated: vec![(
            Contact {
                email: "vanha@example.fi".into(),
                import_batch: None,
                ..contact(2, ContactKind::Person, Some(1))
            },
            contact(2, ContactKind::Person, Some(1)),
        )],
    }));
    c
}

/// A contact condition that names every built-in field and an attribute, in every group kind.
fn contact_condition() -> Condition<ContactField> {
    let mut leaves = Vec::new();
    for field in ContactField::BUILT_IN {
        let expr = match field.kind() {
            FieldKind::Bool => "true",
            FieldKind::Date => "2026-01-01..2026-12-31",
            FieldKind::Number => "1..10",
            FieldKind::Text => "*a*|<>b",
        };
        let filter = field.parse_filter(expr, field.kind()).unwrap();
        leaves.push(Condition::field(field, filter));
    }
    let attribute = ContactField::Attribute("Employees".into());
    let attribute_filter = attribute.parse_filter(">=10", FieldKind::Number).unwrap();
    Condition::Or(vec![
        Condition::And(leaves),
        Condition::Not(Box::new(Condition::field(attribute, attribute_filter))),
    ])
}

fn profile_condition() -> Condition<ProfileField> {
    Condition::And(vec![
        Condition::field(
            ProfileField::Questionnaire,
            ProfileField::Questionnaire.parse_filter("size").unwrap(),
        ),
        Condition::field(
            ProfileField::Answer,
            ProfileField::Answer.parse_filter("1..2").unwrap(),
        ),
    ])
}

fn entries_condition() -> Condition<EntryField> {
    Condition::And(
        EntryField::ALL
            .iter()
            .map(|field| {
                let expr = match field.kind() {
                    FieldKind::Bool => "false",
                    FieldKind::Date => "..2026-12-31",
                    FieldKind::Number => "<100",
                    FieldKind::Text => "''|x*",
                };
                Condition::field(*field, field.parse_filter(expr).unwrap())
            })
            .collect(),
    )
}

/// Criteria with every section filled.
pub fn full_criteria() -> Criteria {
    Criteria {
        contact: Some(contact_condition()),
        mailing_group: Some(code_filter("gift|news").unwrap()),
        industry_group: Some(code_filter("retail").unwrap()),
        business_relation: Some(code_filter("<>cust").unwrap()),
        job_responsibility: Some(code_filter("buy*").unwrap()),
        profile: Some(profile_condition()),
        entries: Some(entries_condition()),
    }
}

/// One criteria action of every kind.
pub fn every_action() -> Vec<CriteriaAction> {
    vec![
        CriteriaAction::Add {
            criteria: full_criteria(),
            options: AddOptions {
                allow_existing: true,
                expand_companies: true,
                add_related_companies: false,
                ignore_exclusion: true,
            },
        },
        CriteriaAction::Reduce {
            criteria: Criteria {
                mailing_group: Some(code_filter("news").unwrap()),
                ..Criteria::default()
            },
            entire_companies: true,
        },
        CriteriaAction::Refine {
            criteria: Criteria::default(),
            entire_companies: false,
        },
        CriteriaAction::AddContact(ContactId(4)),
        CriteriaAction::RemoveContact(ContactId(3)),
        CriteriaAction::ReuseLogged {
            logged: LoggedSegmentId(1),
            allow_existing: false,
        },
    ]
}

/// A segment line with every field filled; `evaluation` and `letter` vary between lines.
pub fn line(line_no: u32, contact: u32, evaluation: Evaluation, own_letter: bool) -> SegmentLine {
    SegmentLine {
        line_no,
        contact: ContactId(contact),
        company: Some(ContactId(1)),
        description: "Kevätkirje".into(),
        subject: "Tervetuloa".into(),
        salesperson: Some(code("JO")),
        template: Some(code("T0")),
        group: Some(code("LETTER")),
        language: "fi".into(),
        correspondence_type: CorrespondenceType::Email,
        cost: 2.5,
        duration_min: 10.0,
        information_flow: InformationFlow::Outbound,
        initiated_by: InitiatedBy::Us,
        date: Some(day(10)),
        evaluation,
        attempt_failed: line_no % 20000 == 0,
        comment: "Muista kahvi".into(),
        letter: own_letter.then(|| LetterBody::Text("Oma kirje {{first_name}}".into())),
        opportunity: Some(OpportunityId(1)),
    }
}

/// Two segments: one with every header field, lines and a history of every criteria action;
/// one almost empty.
pub fn segments() -> Changes {
    let history = every_action()
        .into_iter()
        .enumerate()
        .map(|(i, action)| CriteriaStep {
            action,
            inserted: vec![10000 * (i as u32 + 1)],
            removed: if i == 1 {
                vec![line(90000, 3, Evaluation::Neutral, true)]
            } else {
                vec![]
            },
        })
        .collect();
    let mut c = Changes::new();
    c.put(Record::Segment(Segment {
        id: SegmentId(1),
        description: "Kevät".into(),
        date: Some(day(10)),
        salesperson: Some(code("JO")),
        template: Some(code("T0")),
        group: Some(code("LETTER")),
        language: "fi".into(),
        subject: "Tervetuloa".into(),
        correspondence_type_default: CorrespondenceType::HardCopy,
        ignore_contact_correspondence_type: true,
        unit_cost: 2.5,
        unit_duration_min: 10.0,
        information_flow: InformationFlow::Inbound,
        initiated_by: InitiatedBy::Them,
        letter: Some(docx_letter("fi")),
        lines: vec![
            line(10000, 2, Evaluation::None, false),
            line(20000, 4, Evaluation::VeryPositive, true),
        ],
        history,
        next_line_no: 30000,
        stamps: Stamps {
            created: at(3, 8),
            modified: at(4, 9),
        },
    }));
    c.put(Record::Segment(Segment {
        id: SegmentId(2),
        ..Segment::default()
    }));
    c.put(Record::SavedCriteria(SavedCriteria {
        code: code("EVERY"),
        description: "Every action".into(),
        actions: every_action(),
    }));
    c
}

fn entry(id: u32, evaluation: Evaluation, canceled: bool, letter: bool) -> InteractionLogEntry {
    InteractionLogEntry {
        id: EntryId(id),
        contact: ContactId(if id % 2 == 0 { 2 } else { 4 }),
        company: (id % 2 == 0).then_some(ContactId(1)),
        date: Some(day(11)),
        description: "Kevätkirje".into(),
        subject: "Tervetuloa".into(),
        information_flow: InformationFlow::Outbound,
        initiated_by: InitiatedBy::Us,
        cost: 2.5,
        duration_min: 10.0,
        group: Some(code("LETTER")),
        template: Some(code("T0")),
        language: "fi".into(),
        segment_no: "SEG000001".into(),
        logged_segment: (id != 7).then_some(LoggedSegmentId(1)),
        evaluation,
        attempt_failed: id == 3,
        salesperson: Some(code("JO")),
        canceled,
        correspondence_type: if letter {
            CorrespondenceType::HardCopy
        } else {
            CorrespondenceType::Email
        },
        comments: vec![Comment {
            at: at(12, 14),
            text: "Soitti takaisin".into(),
        }],
        letter: letter.then(|| LetterRef {
            batch: LoggedSegmentId(1),
            file_name: format!("letter-{id}.docx"),
            mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
            size: 6,
        }),
        opportunity: (id == 1).then_some(OpportunityId(1)),
        logged_at: Some(at(11, 16)),
    }
}

/// Logging: a logged segment, entries of every evaluation (one canceled, one whose attempt
/// failed, one unlinked from its logged segment), an opportunity and the letter batch.
pub fn logging() -> Changes {
    let mut c = Changes::new();
    c.put(Record::LoggedSegment(LoggedSegment {
        id: LoggedSegmentId(1),
        segment_no: "SEG000001".into(),
        description: "Kevät".into(),
        created: at(11, 16),
        canceled: false,
    }));
    let evaluations = [
        Evaluation::None,
        Evaluation::VeryPositive,
        Evaluation::Positive,
        Evaluation::Neutral,
        Evaluation::Negative,
        Evaluation::VeryNegative,
        Evaluation::None,
    ];
    for (i, evaluation) in evaluations.into_iter().enumerate() {
        let id = i as u32 + 1;
        c.put(Record::Entry(entry(id, evaluation, id == 5, id <= 2)));
    }
    c.put(Record::Opportunity(Opportunity {
        id: OpportunityId(1),
        contact: ContactId(2),
        segment_no: "SEG000001".into(),
        description: "Kauppa".into(),
        salesperson: Some(code("JO")),
        created: at(11, 17),
    }));
    let mut merge_data = BTreeMap::new();
    merge_data.insert("first_name".to_string(), "Äijä".to_string());
    merge_data.insert("comment".to_string(), "<b>".to_string());
    c.letter_batches.push(LetterBatch {
        id: LoggedSegmentId(1),
        letters: (1..=2)
            .map(|id| {
                (
                    EntryId(id),
                    StoredLetter {
                        file_name: format!("letter-{id}.docx"),
                        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                            .into(),
                        bytes: vec![b'P', b'K', 3, 4, id as u8, 0],
                        merge_data: merge_data.clone(),
                    },
                )
            })
            .collect(),
    });
    c
}

/// Records of every keyed kind, put so that [`deletes`] can delete each again.
pub fn doomed() -> Changes {
    let mut c = Changes::new();
    c.put(Record::Contact(Contact {
        id: ContactId(90),
        name: "Poistuva".into(),
        ..Contact::default()
    }));
    c.put(Record::Segment(Segment {
        id: SegmentId(90),
        ..Segment::default()
    }));
    c.put(Record::LoggedSegment(LoggedSegment {
        id: LoggedSegmentId(90),
        segment_no: "SEG000090".into(),
        description: String::new(),
        created: at(5, 5),
        canceled: true,
    }));
    c.put(Record::Entry(InteractionLogEntry {
        id: EntryId(90),
        ..InteractionLogEntry::default()
    }));
    c.put(Record::Opportunity(Opportunity {
        id: OpportunityId(90),
        contact: ContactId(90),
        segment_no: String::new(),
        description: String::new(),
        salesperson: None,
        created: at(5, 5),
    }));
    c.put(Record::SavedCriteria(SavedCriteria {
        code: code("GONE"),
        description: String::new(),
        actions: vec![],
    }));
    for kind in [
        ClassificationKind::MailingGroup,
        ClassificationKind::IndustryGroup,
        ClassificationKind::BusinessRelation,
        ClassificationKind::JobResponsibility,
    ] {
        c.put(Record::Classification(
            kind,
            Classification {
                code: code("GONE"),
                description: String::new(),
            },
        ));
    }
    c.put(Record::Questionnaire(ProfileQuestionnaire {
        code: code("GONE"),
        ..ProfileQuestionnaire::default()
    }));
    c.put(Record::Salesperson(Salesperson {
        code: code("GONE"),
        ..Salesperson::default()
    }));
    c.put(Record::InteractionGroup(InteractionGroup {
        code: code("GONE"),
        description: String::new(),
    }));
    c.put(Record::Template(InteractionTemplate {
        code: code("GONE"),
        ..InteractionTemplate::default()
    }));
    c.put(Record::SalutationFormula(SalutationFormula {
        salutation_code: code("GONE"),
        language: "sv".into(),
        kind: SalutationKind::Formal,
        formula: String::new(),
        parts: vec![],
    }));
    c.put(Record::ImportUndo(ImportUndo {
        batch: ImportBatchId(90),
        updated: vec![],
    }));
    c
}

/// Deletes every record [`doomed`] put: one delete of every record key kind.
pub fn deletes() -> Changes {
    let mut c = Changes::new();
    c.delete(RecordKey::Contact(ContactId(90)))
        .delete(RecordKey::Segment(SegmentId(90)))
        .delete(RecordKey::LoggedSegment(LoggedSegmentId(90)))
        .delete(RecordKey::Entry(EntryId(90)))
        .delete(RecordKey::Opportunity(OpportunityId(90)))
        .delete(RecordKey::SavedCriteria(code("GONE")));
    for kind in [
        ClassificationKind::MailingGroup,
        ClassificationKind::IndustryGroup,
        ClassificationKind::BusinessRelation,
        ClassificationKind::JobResponsibility,
    ] {
        c.delete(RecordKey::Classification(kind, code("GONE")));
    }
    c.delete(RecordKey::Questionnaire(code("GONE")))
        .delete(RecordKey::Salesperson(code("GONE")))
        .delete(RecordKey::InteractionGroup(code("GONE")))
        .delete(RecordKey::Template(code("GONE")))
        .delete(RecordKey::SalutationFormula(
            code("GONE"),
            "sv".into(),
            SalutationKind::Formal,
        ))
        .delete(RecordKey::ImportUndo(ImportBatchId(90)));
    // The same change set edits a contact, as an ordinary action would beside its deletes.
    let mut edited = contact(4, ContactKind::Person, None);
    edited.notes = "Muokattu".into();
    edited.stamps.modified = at(13, 11);
    c.put(Record::Contact(edited));
    c
}

/// A JSON object body of a shared document, from `(field, value)` pairs.
fn body(fields: &[(&str, serde_json::Value)]) -> serde_json::Map<String, serde_json::Value> {
    fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// The team's records (format 3): this browser's settings, two members, a teammate's contact
/// tied to a local id, and shared documents with revisions: one edited on two sides into a
/// conflict (two live leaves and their common base), one deleted (a tombstone).
pub fn team() -> Changes {
    let mut c = Changes::new();
    let mine = Origin(0x0000_00a1);
    let theirs = Origin(0x00b2_0000);
    c.put(Record::TeamSettings(TeamSettings {
        origin: mine,
        code: "AV".into(),
        name: "Anna Virtanen".into(),
        shared_seq: 2,
    }));
    for (origin, code, name) in [(mine, "AV", "Anna Virtanen"), (theirs, "BK", "Björn Ek")] {
        c.put(Record::Member(Member {
            origin,
            code: code.into(),
            name: name.into(),
        }));
    }
    c.put(Record::Alias(Alias {
        kind: IdKind::Contact,
        local: 3,
        gid: Gid {
            origin: theirs,
            serial: 17,
        },
    }));
    let mut replica = Replica::default();
    let id = "contact:00b20000-17";
    let base = replica.put(
        id,
        body(&[("name", "Yritys".into()), ("city", "Espoo".into())]),
    );
    replica.put(
        id,
        body(&[("name", "Yritys Oy".into()), ("city", "Espoo".into())]),
    );
    let other = body(&[("name", "Yritys Ab".into()), ("city", "Espoo".into())]);
    let rev = next_rev(Some(base), false, &serde_json::Value::Object(other.clone()));
    replica.receive(&[DocChange {
        id: id.into(),
        leaves: vec![Revision {
            path: vec![rev, base],
            deleted: false,
            body: other,
        }],
        bases: vec![],
    }]);
    replica.put("salesperson:GONE", body(&[("name", "Mennyt".into())]));
    replica.delete("salesperson:GONE");
    for doc in [id, "salesperson:GONE"] {
        c.put(Record::TeamDoc(replica.export(doc).unwrap()));
    }
    c
}

/// Team records that [`team_deletes`] deletes again: one of each team record key kind.
pub fn team_doomed() -> Changes {
    let mut c = Changes::new();
    let gone = Origin(0x0000_0090);
    c.put(Record::Member(Member {
        origin: gone,
        code: "GO".into(),
        name: "Gone".into(),
    }));
    c.put(Record::Alias(Alias {
        kind: IdKind::Entry,
        local: 90,
        gid: Gid {
            origin: gone,
            serial: 1,
        },
    }));
    let mut replica = Replica::default();
    replica.put(
        "entry:00000090-1",
        body(&[("comments", serde_json::json!([]))]),
    );
    c.put(Record::TeamDoc(replica.export("entry:00000090-1").unwrap()));
    c
}

pub fn team_deletes() -> Changes {
    let mut c = Changes::new();
    c.delete(RecordKey::Member(Origin(0x0000_0090)))
        .delete(RecordKey::Alias(IdKind::Entry, 90))
        .delete(RecordKey::TeamDoc("entry:00000090-1".into()));
    c
}

/// The change sets that go into the snapshot, in commit order.
pub fn snapshot_changes() -> Vec<Changes> {
    vec![setup(), contacts(), doomed(), team(), team_doomed()]
}

/// The change sets committed after the snapshot, each one journal entry, in commit order.
pub fn journal_changes() -> Vec<Changes> {
    let mut deletes = deletes();
    deletes.extend(team_deletes());
    vec![segments(), logging(), deletes]
}

/// Whether a record or key is one of the team's, which format 3 added.
fn is_team_record(record: &Record) -> bool {
    matches!(
        record,
        Record::TeamDoc(_) | Record::Alias(_) | Record::Member(_) | Record::TeamSettings(_)
    )
}

fn is_team_key(key: &RecordKey) -> bool {
    matches!(
        key,
        RecordKey::TeamDoc(_) | RecordKey::Alias(..) | RecordKey::Member(_)
    )
}

/// The sample as format 3 could hold it: the same change sets with templates without e-mails,
/// which format 4 added. The format-3 fixtures were written from this.
pub fn format_3(changes: Vec<Changes>) -> Vec<Changes> {
    changes
        .into_iter()
        .map(|mut c| {
            for record in &mut c.puts {
                if let Record::Template(template) = record {
                    template.emails.clear();
                }
            }
            c
        })
        .collect()
}

/// The sample as format 2 could hold it: the same change sets without the team's records and
/// their deletes, which format 3 added. The format-2 fixtures were written from this.
pub fn format_2(changes: Vec<Changes>) -> Vec<Changes> {
    format_3(changes)
        .into_iter()
        .map(|mut c| {
            c.puts.retain(|r| !is_team_record(r));
            c.deletes.retain(|k| !is_team_key(k));
            c
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// The sample as format 1 could hold it: the same change sets without the import undo records
/// and their deletes, which format 2 added. The format-1 fixtures were written from this.
pub fn format_1(changes: Vec<Changes>) -> Vec<Changes> {
    format_2(changes)
        .into_iter()
        .map(|mut c| {
            c.puts.retain(|r| !matches!(r, Record::ImportUndo(_)));
            c.deletes.retain(|k| !matches!(k, RecordKey::ImportUndo(_)));
            c
        })
        .collect()
}

/// When the sample backup file was written.
pub fn backup_created() -> NaiveDateTime {
    at(20, 12)
}
