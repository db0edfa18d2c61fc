//! Logging a segment and the interaction log (product.md §4, reference-bc.md §3).

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Record, RecordKey};
use segmentti::core::criteria::CriteriaAction;
use segmentti::core::db::Db;
use segmentti::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, SegmentId};
use segmentti::core::logging::{EntryQuery, LogOptions, LogResult};
use segmentti::core::model::*;
use segmentti::core::problem::{Place, Problem, ProblemCode, Problems, Severity};
use std::collections::BTreeMap;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, d).unwrap()
}

fn at(d: u32) -> NaiveDateTime {
    day(d).and_hms_opt(14, 30, 0).unwrap()
}

fn code(text: &str) -> Code {
    Code::new(text)
}

const ACME: ContactId = ContactId(1);
const LIISA: ContactId = ContactId(2);
const MATTI: ContactId = ContactId(3);
const PIRJO: ContactId = ContactId(4);

/// Setup plus four contacts: the company Acme (postal address, e-mail), Liisa at Acme
/// (e-mail, Finnish), Matti at Acme (no e-mail, no address) and Pirjo (privacy blocked).
fn db() -> Db {
    let mut changes = Changes::new();
    changes.put(Record::Salesperson(Salesperson {
        code: code("ANNA"),
        name: "Anna Virtanen".into(),
        ..Default::default()
    }));
    changes.put(Record::InteractionGroup(InteractionGroup {
        code: code("OUT"),
        description: "Outbound".into(),
    }));
    let letter = |language: &str, subject: &str| TemplateLetter {
        language: language.into(),
        subject: subject.into(),
        body: LetterBody::Text("Hello {{first_name}}".into()),
    };
    changes.put(Record::Template(InteractionTemplate {
        code: code("LETTER"),
        group: code("OUT"),
        description: "Spring letter".into(),
        unit_cost: 2.5,
        unit_duration_min: 10.0,
        correspondence_type_default: CorrespondenceType::HardCopy,
        letters: vec![letter("", "News"), letter("fi", "Uutisia")],
        ..Default::default()
    }));
    changes.put(Record::Contact(Contact {
        id: ACME,
        kind: ContactKind::Company,
        name: "Acme".into(),
        address: "Main Street 1".into(),
        city: "Helsinki".into(),
        email: "info@acme.fi".into(),
        ..Default::default()
    }));
    changes.put(Record::Contact(Contact {
        id: LIISA,
        company: Some(ACME),
        name: "Liisa Korhonen".into(),
        email: "liisa@acme.fi".into(),
        language: "fi".into(),
        correspondence_type: CorrespondenceType::Email,
        ..Default::default()
    }));
    changes.put(Record::Contact(Contact {
        id: MATTI,
        company: Some(ACME),
        name: "Matti Meikäläinen".into(),
        ..Default::default()
    }));
    changes.put(Record::Contact(Contact {
        id: PIRJO,
        name: "Pirjo Private".into(),
        email: "pirjo@example.fi".into(),
        privacy_blocked: true,
        ..Default::default()
    }));
    changes.put(Record::Counters(segmentti::core::changes::Counters {
        contact: 4,
        segment: 10,
        ..Default::default()
    }));
    let mut db = Db::new();
    db.apply(&changes);
    db
}

/// A line complete enough to log.
fn line(line_no: u32, contact: ContactId, kind: CorrespondenceType) -> SegmentLine {
    SegmentLine {
        line_no,
        contact,
        company: Some(ACME),
        description: "Spring letter".into(),
        subject: "News".into(),
        salesperson: Some(code("ANNA")),
        template: Some(code("LETTER")),
        group: Some(code("OUT")),
        correspondence_type: kind,
        cost: 2.5,
        duration_min: 10.0,
        information_flow: InformationFlow::Outbound,
        initiated_by: InitiatedBy::Us,
        date: Some(day(1)),
        ..Default::default()
    }
}

fn segment(id: u32, lines: Vec<SegmentLine>) -> Segment {
    let next = (lines.len() as u32 + 1) * 10000;
    Segment {
        id: SegmentId(id),
        description: "Spring letter".into(),
        date: Some(day(1)),
        salesperson: Some(code("ANNA")),
        template: Some(code("LETTER")),
        group: Some(code("OUT")),
        subject: "News".into(),
        correspondence_type_default: CorrespondenceType::HardCopy,
        unit_cost: 2.5,
        unit_duration_min: 10.0,
        information_flow: InformationFlow::Outbound,
        initiated_by: InitiatedBy::Us,
        lines,
        next_line_no: next,
        ..Default::default()
    }
}

fn put(db: &mut Db, segment: Segment) -> SegmentId {
    let id = segment.id;
    db.apply(Changes::new().put(Record::Segment(segment)));
    id
}

/// A segment of Acme (hard copy) and Liisa (e-mail) that passes the check.
fn good_segment(db: &mut Db) -> SegmentId {
    put(
        db,
        segment(
            7,
            vec![
                line(10000, ACME, CorrespondenceType::HardCopy),
                line(20000, LIISA, CorrespondenceType::Email),
            ],
        ),
    )
}

fn stored_letter(name: &str) -> StoredLetter {
    StoredLetter {
        file_name: format!("{name}.docx"),
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
        bytes: name.as_bytes().to_vec(),
        merge_data: [("name".to_string(), name.to_string())].into(),
    }
}

fn no_letters() -> BTreeMap<u32, StoredLetter> {
    BTreeMap::new()
}

fn plain() -> LogOptions {
    LogOptions::default()
}

/// Logs and applies; returns what logging reported.
fn log(db: &mut Db, segment: SegmentId, options: LogOptions) -> LogResult {
    let result = db
        .log_segment(segment, options, &no_letters(), &[], at(2))
        .unwrap_or_else(|p| panic!("refused: {p:?}"));
    db.apply(&result.changes);
    result
}

fn apply(db: &mut Db, operation: impl FnOnce(&Db) -> Result<Changes, Problems>) {
    let changes = operation(db).unwrap_or_else(|p| panic!("refused: {p:?}"));
    db.apply(&changes);
}

fn codes(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.code.as_str()).collect()
}

/// The problems as (line, code, severity), the header's as line 0.
fn per_line(problems: &[Problem]) -> Vec<(u32, &str, Severity)> {
    problems
        .iter()
        .map(|p| {
            let line = match p.place {
                Place::Line { line_no, .. } => line_no,
                _ => 0,
            };
            (line, p.code.as_str(), p.severity)
        })
        .collect()
}

// ----- the check before logging -----------------------------------------------------------

#[test]
fn a_complete_segment_has_no_problems() {
    let mut db = db();
    let id = good_segment(&mut db);
    assert_eq!(db.check_before_logging(id, &[]), []);
}

#[test]
fn check_lists_every_problem_per_line() {
    use Severity::{Error, Warning};
    let mut db = db();
    let mut no_date = line(10000, ACME, CorrespondenceType::HardCopy);
    no_date.date = None;
    no_date.salesperson = None;
    let mut unknown_codes = line(20000, LIISA, CorrespondenceType::Email);
    unknown_codes.salesperson = Some(code("NOBODY"));
    unknown_codes.template = Some(code("NOPE"));
    let mut no_template = line(30000, MATTI, CorrespondenceType::Email);
    no_template.template = None;
    let blocked = line(40000, PIRJO, CorrespondenceType::None);
    let ghost = line(50000, ContactId(99), CorrespondenceType::None);
    let no_address = line(60000, MATTI, CorrespondenceType::HardCopy);
    let mut seg = segment(
        7,
        vec![
            no_date,
            unknown_codes,
            no_template,
            blocked,
            ghost,
            no_address,
        ],
    );
    seg.description = " ".into();
    let id = put(&mut db, seg);

    let problems = db.check_before_logging(id, &[]);
    assert_eq!(
        per_line(&problems),
        [
            (0, "log.description_missing", Error),
            (10000, "log.date_missing", Error),
            (10000, "log.salesperson_missing", Error),
            (20000, "log.salesperson_unknown", Error),
            (20000, "log.template_unknown", Error),
            (30000, "log.template_missing", Error),
            (30000, "log.email_missing", Error),
            (40000, "log.contact_privacy_blocked", Error),
            (50000, "log.contact_unknown", Error),
            (60000, "log.address_missing", Warning),
            (60000, "log.contact_duplicate", Warning),
        ]
    );
    assert_eq!(
        problems[2].place,
        Place::Line {
            line_no: 10000,
            field: Some("salesperson".into())
        }
    );
}

#[test]
fn a_line_with_an_empty_description_is_an_error_of_that_line_and_logging_is_refused() {
    use Severity::Error;
    let mut db = db();
    let mut blank = line(20000, LIISA, CorrespondenceType::Email);
    blank.description = "  ".into();
    let id = put(
        &mut db,
        segment(
            7,
            vec![line(10000, ACME, CorrespondenceType::HardCopy), blank],
        ),
    );

    let problems = db.check_before_logging(id, &[]);
    assert_eq!(
        per_line(&problems),
        [(20000, "log.line_description_missing", Error)]
    );
    assert_eq!(
        problems[0].place,
        Place::Line {
            line_no: 20000,
            field: Some("description".into())
        }
    );
    let refused = db
        .log_segment(id, plain(), &no_letters(), &[], at(2))
        .expect_err("a line without a description must not be logged");
    assert_eq!(codes(&refused), ["log.line_description_missing"]);
}

#[test]
fn an_empty_segment_is_an_error() {
    let mut db = db();
    let id = put(&mut db, segment(7, vec![]));
    let problems = db.check_before_logging(id, &[]);
    assert_eq!(codes(&problems), ["log.segment_empty"]);
    assert_eq!(problems[0].args, ["SEG000007"]);
}

#[test]
fn an_unknown_segment_is_an_error() {
    let db = db();
    assert_eq!(
        codes(&db.check_before_logging(SegmentId(5), &[])),
        ["log.segment_unknown"]
    );
}

#[test]
fn an_email_line_without_an_email_address_is_an_error_not_silently_blanked() {
    let mut db = db();
    let id = put(
        &mut db,
        segment(7, vec![line(10000, MATTI, CorrespondenceType::Email)]),
    );
    let problems = db.check_before_logging(id, &[]);
    assert_eq!(codes(&problems), ["log.email_missing"]);
    assert!(problems[0].is_error());
    assert!(db
        .log_segment(id, plain(), &no_letters(), &[], at(2))
        .is_err());
}

#[test]
fn an_email_line_with_an_implausible_address_is_an_error() {
    let mut db = db();
    let mut matti = db.contacts[&MATTI].clone();
    matti.email = "matti(at)acme".into();
    db.apply(Changes::new().put(Record::Contact(matti)));
    let id = put(
        &mut db,
        segment(7, vec![line(10000, MATTI, CorrespondenceType::Email)]),
    );
    assert_eq!(
        codes(&db.check_before_logging(id, &[])),
        ["log.email_invalid"]
    );
}

#[test]
fn a_privacy_blocked_contact_is_an_error() {
    let mut db = db();
    let id = put(
        &mut db,
        segment(7, vec![line(10000, PIRJO, CorrespondenceType::Email)]),
    );
    let problems = db.check_before_logging(id, &[]);
    assert_eq!(codes(&problems), ["log.contact_privacy_blocked"]);
    assert!(problems[0].is_error());
}

#[test]
fn a_hard_copy_line_without_a_postal_address_is_a_warning() {
    let mut db = db();
    let id = put(
        &mut db,
        segment(7, vec![line(10000, MATTI, CorrespondenceType::HardCopy)]),
    );
    let problems = db.check_before_logging(id, &[]);
    assert_eq!(codes(&problems), ["log.address_missing"]);
    assert_eq!(problems[0].severity, Severity::Warning);
}

#[test]
fn letter_problems_are_listed_at_their_lines() {
    let mut db = db();
    let mut seg = segment(
        7,
        vec![
            line(10000, ACME, CorrespondenceType::HardCopy),
            line(20000, MATTI, CorrespondenceType::HardCopy),
        ],
    );
    seg.description.clear();
    let id = put(&mut db, seg);
    let letter_warning = |line_no| {
        Problem::warning(
            Place::Line {
                line_no,
                field: Some("letter".into()),
            },
            ProblemCode::LetterMissingValue,
        )
        .with("first_name")
    };
    let problems = db.check_before_logging(id, &[letter_warning(20000), letter_warning(10000)]);
    assert_eq!(
        per_line(&problems),
        [
            (0, "log.description_missing", Severity::Error),
            (10000, "letter.missing_value", Severity::Warning),
            (20000, "log.address_missing", Severity::Warning),
            (20000, "letter.missing_value", Severity::Warning),
        ]
    );
}

#[test]
fn a_segment_number_that_was_already_logged_is_an_error() {
    let mut db = db();
    let id = good_segment(&mut db);
    db.apply(Changes::new().put(Record::LoggedSegment(LoggedSegment {
        id: LoggedSegmentId(1),
        segment_no: id.no(),
        description: "Earlier".into(),
        created: at(1),
        canceled: false,
    })));
    assert_eq!(
        codes(&db.check_before_logging(id, &[])),
        ["log.segment_already_logged"]
    );
}

// ----- logging ---------------------------------------------------------------------------------

#[test]
fn log_creates_one_entry_per_line_and_removes_the_segment() {
    let mut db = db();
    let id = good_segment(&mut db);
    let mut letters = BTreeMap::new();
    letters.insert(10000, stored_letter("Acme"));
    letters.insert(20000, stored_letter("Liisa"));
    let result = db
        .log_segment(id, plain(), &letters, &[], at(2))
        .expect("logs");
    db.apply(&result.changes);

    assert!(db.segments.is_empty());
    assert_eq!(result.follow_up, None);
    let logged = &db.logged_segments[&result.logged_segment];
    assert_eq!(logged.segment_no, "SEG000007");
    assert_eq!(logged.description, "Spring letter");
    assert_eq!(logged.created, at(2));
    assert!(!logged.canceled);

    let entries: Vec<&InteractionLogEntry> = db.entries.values().collect();
    assert_eq!(entries.len(), 2);
    let liisa = entries[1];
    assert_eq!(liisa.contact, LIISA);
    assert_eq!(liisa.company, Some(ACME));
    assert_eq!(liisa.date, Some(day(1)));
    assert_eq!(liisa.description, "Spring letter");
    assert_eq!(liisa.subject, "News");
    assert_eq!(liisa.salesperson, Some(code("ANNA")));
    assert_eq!(liisa.template, Some(code("LETTER")));
    assert_eq!(liisa.group, Some(code("OUT")));
    assert_eq!(liisa.correspondence_type, CorrespondenceType::Email);
    assert_eq!(liisa.cost, 2.5);
    assert_eq!(liisa.duration_min, 10.0);
    assert_eq!(liisa.information_flow, InformationFlow::Outbound);
    assert_eq!(liisa.initiated_by, InitiatedBy::Us);
    assert_eq!(liisa.segment_no, "SEG000007");
    assert_eq!(liisa.logged_segment, Some(result.logged_segment));
    assert_eq!(liisa.logged_at, Some(at(2)));
    assert!(!liisa.canceled);
    // The entry refers to its letter; the letter itself travels in the logged segment's batch.
    let letter_ref = liisa.letter.clone().expect("Liisa's entry has a letter");
    assert_eq!(letter_ref.batch, result.logged_segment);
    assert_eq!(letter_ref.file_name, stored_letter("Liisa").file_name);
    assert_eq!(result.changes.letter_batches.len(), 1);
    let batch = &result.changes.letter_batches[0];
    assert_eq!(batch.letter(liisa.id), Some(&stored_letter("Liisa")));
    assert_eq!(batch.letter(entries[0].id), Some(&stored_letter("Acme")));
    // A company's entry carries the company itself as its company (BC's Contact Company No.).
    assert_eq!(entries[0].company, Some(ACME));
}

#[test]
fn log_takes_ids_from_the_counters_and_writes_them_in_the_same_changes() {
    let mut db = db();
    let id = good_segment(&mut db);
    let result = log(&mut db, id, plain());
    assert_eq!(result.logged_segment, LoggedSegmentId(1));
    assert_eq!(db.counters.logged_segment, 1);
    assert_eq!(db.counters.entry, 2);
    let ids: Vec<EntryId> = db.entries.keys().copied().collect();
    assert_eq!(ids, [EntryId(1), EntryId(2)]);
}

#[test]
fn log_carries_the_line_comment_evaluation_and_attempt_failed() {
    let mut db = db();
    let mut l = line(10000, ACME, CorrespondenceType::HardCopy);
    l.comment = "Thanks for the visit".into();
    l.evaluation = Evaluation::Positive;
    l.attempt_failed = true;
    let id = put(&mut db, segment(7, vec![l]));
    log(&mut db, id, plain());
    let entry = db.entries.values().next().unwrap();
    assert_eq!(entry.evaluation, Evaluation::Positive);
    assert!(entry.attempt_failed);
    assert_eq!(
        entry.comments,
        [Comment {
            at: at(2),
            text: "Thanks for the visit".into()
        }]
    );
    assert_eq!(entry.letter, None);
}

#[test]
fn refused_log_changes_nothing() {
    let mut db = db();
    let mut seg = segment(7, vec![line(10000, MATTI, CorrespondenceType::Email)]);
    seg.description.clear();
    let id = put(&mut db, seg);
    let problems = db
        .log_segment(
            id,
            LogOptions {
                follow_up: true,
                accept_warnings: true,
                ..LogOptions::default()
            },
            &no_letters(),
            &[],
            at(2),
        )
        .unwrap_err();
    assert_eq!(
        codes(&problems),
        ["log.description_missing", "log.email_missing"]
    );
    // The operation only computes; with nothing to apply, the database is as it was.
    assert!(db.segments.contains_key(&id));
    assert!(db.entries.is_empty());
    assert!(db.logged_segments.is_empty());
    assert_eq!(db.counters.entry, 0);
}

#[test]
fn warnings_refuse_logging_until_accepted() {
    let mut db = db();
    let id = put(
        &mut db,
        segment(7, vec![line(10000, MATTI, CorrespondenceType::HardCopy)]),
    );
    let problems = db
        .log_segment(id, plain(), &no_letters(), &[], at(2))
        .unwrap_err();
    assert_eq!(codes(&problems), ["log.address_missing"]);

    let accept = LogOptions {
        accept_warnings: true,
        ..plain()
    };
    log(&mut db, id, accept);
    assert_eq!(db.entries.len(), 1);
}

#[test]
fn letter_warnings_passed_in_also_need_accepting() {
    let mut db = db();
    let id = good_segment(&mut db);
    let warning = Problem::warning(
        Place::Line {
            line_no: 20000,
            field: None,
        },
        ProblemCode::LetterMissingValue,
    );
    let refused = db.log_segment(
        id,
        plain(),
        &no_letters(),
        std::slice::from_ref(&warning),
        at(2),
    );
    assert_eq!(codes(&refused.unwrap_err()), ["letter.missing_value"]);
    let accept = LogOptions {
        accept_warnings: true,
        ..plain()
    };
    assert!(db
        .log_segment(id, accept, &no_letters(), &[warning], at(2))
        .is_ok());
}

#[test]
fn a_letter_for_a_line_the_segment_does_not_have_refuses_logging() {
    let mut db = db();
    let id = good_segment(&mut db);
    let letters = BTreeMap::from([(30000, stored_letter("Stale"))]);
    let problems = db
        .log_segment(id, plain(), &letters, &[], at(2))
        .unwrap_err();
    assert_eq!(codes(&problems), ["log.letter_for_unknown_line"]);
}

#[test]
fn log_with_follow_up_creates_a_segment_with_the_same_contacts() {
    let mut db = db();
    let id = good_segment(&mut db);
    let result = log(
        &mut db,
        id,
        LogOptions {
            follow_up: true,
            ..plain()
        },
    );
    let follow_up = result.follow_up.expect("a follow-up");
    assert_eq!(follow_up, SegmentId(11), "the next segment id");
    let segment = &db.segments[&follow_up];
    assert_eq!(segment.description, "Follow-up on segment SEG000007");
    assert_eq!(segment.date, Some(day(2)));
    assert_eq!(segment.template, Some(code("LETTER")));
    assert_eq!(segment.salesperson, Some(code("ANNA")));
    let contacts: Vec<ContactId> = segment.lines.iter().map(|l| l.contact).collect();
    assert_eq!(contacts, [ACME, LIISA]);
    let line_nos: Vec<u32> = segment.lines.iter().map(|l| l.line_no).collect();
    assert_eq!(line_nos, [10000, 20000]);
    assert_eq!(segment.next_line_no, 30000);

    // Lines come from the header: Liisa speaks Finnish and the template has a Finnish letter;
    // she prefers e-mail, Acme has no preference and gets the template's default.
    let liisa = &segment.lines[1];
    assert_eq!(liisa.language, "fi");
    assert_eq!(liisa.subject, "Uutisia");
    assert_eq!(liisa.correspondence_type, CorrespondenceType::Email);
    assert_eq!(liisa.description, "Follow-up on segment SEG000007");
    assert_eq!(liisa.date, Some(day(2)));
    assert_eq!(liisa.company, Some(ACME));
    assert_eq!(
        segment.lines[0].correspondence_type,
        CorrespondenceType::HardCopy
    );
    assert_eq!(segment.lines[0].language, "");
    assert_eq!(db.counters.segment, 11);

    // The lines are one "reuse logged segment" step (reference-bc.md §2.6), so Go Back can
    // take them away again.
    assert_eq!(segment.history.len(), 1);
    assert_eq!(
        segment.history[0].action,
        CriteriaAction::ReuseLogged {
            logged: result.logged_segment,
            allow_existing: false
        }
    );
    assert_eq!(segment.history[0].inserted, [10000, 20000]);
    apply(&mut db, |db| db.go_back(follow_up, at(3)));
    assert!(db.segments[&follow_up].lines.is_empty());
}

#[test]
fn a_follow_up_can_be_created_later_from_a_logged_segment() {
    let mut db = db();
    let id = good_segment(&mut db);
    let logged = log(&mut db, id, plain()).logged_segment;
    let (changes, follow_up) = db.create_follow_up_segment(logged, None, at(9)).unwrap();
    db.apply(&changes);
    let segment = &db.segments[&follow_up];
    assert_eq!(segment.description, "Follow-up on segment SEG000007");
    assert_eq!(segment.date, Some(day(9)));
    let contacts: Vec<ContactId> = segment.lines.iter().map(|l| l.contact).collect();
    assert_eq!(contacts, [ACME, LIISA]);
    assert_eq!(
        db.create_follow_up_segment(LoggedSegmentId(42), None, at(9))
            .unwrap_err()[0]
            .code,
        "log.logged_segment_unknown"
    );
    // In the user's language when the app names it.
    let (changes, finnish) = db
        .create_follow_up_segment(
            logged,
            Some("Jatkosegmentti segmentistä SEG000007".into()),
            at(9),
        )
        .unwrap();
    db.apply(&changes);
    assert_eq!(
        db.segments[&finnish].description,
        "Jatkosegmentti segmentistä SEG000007"
    );
}

// ----- cancel, evaluate, comments, delete ------------------------------------------------------

/// Logs the good segment and returns its logged segment and entry ids.
fn logged(db: &mut Db) -> (LoggedSegmentId, Vec<EntryId>) {
    let id = good_segment(db);
    let logged = log(db, id, plain()).logged_segment;
    (logged, db.entries.keys().copied().collect())
}

#[test]
fn canceling_a_logged_segment_cascades_to_its_entries_and_back() {
    let mut db = db();
    let (logged, entries) = logged(&mut db);
    apply(&mut db, |db| db.set_logged_segment_canceled(logged, true));
    assert!(db.logged_segments[&logged].canceled);
    assert!(entries.iter().all(|e| db.entries[e].canceled));

    apply(&mut db, |db| db.set_logged_segment_canceled(logged, false));
    assert!(!db.logged_segments[&logged].canceled);
    assert!(entries.iter().all(|e| !db.entries[e].canceled));
}

#[test]
fn uncancel_is_refused_while_the_logged_segment_is_canceled() {
    let mut db = db();
    let (logged, entries) = logged(&mut db);
    apply(&mut db, |db| db.set_logged_segment_canceled(logged, true));
    let problems = db.set_entries_canceled(&entries[..1], false).unwrap_err();
    assert_eq!(codes(&problems), ["log.logged_segment_canceled"]);
    assert_eq!(problems[0].args, ["IL000001", "LSEG000001"]);
}

#[test]
fn entries_are_canceled_and_uncanceled_one_by_one_while_their_segment_is_not() {
    let mut db = db();
    let (logged, entries) = logged(&mut db);
    apply(&mut db, |db| db.set_entries_canceled(&entries[..1], true));
    assert!(db.entries[&entries[0]].canceled);
    assert!(!db.entries[&entries[1]].canceled);
    assert!(!db.logged_segments[&logged].canceled);
    apply(&mut db, |db| db.set_entries_canceled(&entries[..1], false));
    assert!(!db.entries[&entries[0]].canceled);
}

#[test]
fn an_unknown_entry_refuses_the_whole_selection() {
    let mut db = db();
    let (_, entries) = logged(&mut db);
    let problems = db
        .evaluate(&[entries[0], EntryId(99)], Evaluation::Positive)
        .unwrap_err();
    assert_eq!(codes(&problems), ["log.entry_unknown"]);
    assert_eq!(problems[0].args, ["IL000099"]);
}

#[test]
fn evaluate_sets_the_evaluation_of_every_selected_entry() {
    let mut db = db();
    let (_, entries) = logged(&mut db);
    apply(&mut db, |db| {
        db.evaluate(&entries, Evaluation::VeryNegative)
    });
    assert!(entries
        .iter()
        .all(|e| db.entries[e].evaluation == Evaluation::VeryNegative));
}

#[test]
fn attempt_failed_is_set_and_cleared() {
    let mut db = db();
    let (_, entries) = logged(&mut db);
    apply(&mut db, |db| db.set_attempt_failed(&entries[1..], true));
    assert!(!db.entries[&entries[0]].attempt_failed);
    assert!(db.entries[&entries[1]].attempt_failed);
    apply(&mut db, |db| db.set_attempt_failed(&entries[1..], false));
    assert!(!db.entries[&entries[1]].attempt_failed);
}

#[test]
fn comments_are_added_with_their_time_and_blank_ones_refused() {
    let mut db = db();
    let (_, entries) = logged(&mut db);
    apply(&mut db, |db| {
        db.add_comment(entries[0], " Called back ", at(5))
    });
    assert_eq!(
        db.entries[&entries[0]].comments,
        [Comment {
            at: at(5),
            text: "Called back".into()
        }]
    );
    assert_eq!(
        codes(&db.add_comment(entries[0], "  ", at(5)).unwrap_err()),
        ["log.comment_missing"]
    );
}

#[test]
fn deleting_canceled_logged_segments_keeps_their_entries_unlinked() {
    let mut db = db();
    let (logged, entries) = logged(&mut db);
    assert!(db.delete_canceled_logged_segments().is_empty());
    apply(&mut db, |db| db.set_logged_segment_canceled(logged, true));
    let changes = db.delete_canceled_logged_segments();
    db.apply(&changes);
    assert!(db.logged_segments.is_empty());
    for id in &entries {
        let entry = &db.entries[id];
        assert_eq!(entry.logged_segment, None);
        assert!(entry.canceled);
        assert_eq!(entry.segment_no, "SEG000007");
    }
    // With the logged segment gone, the entries may be un-canceled one by one again.
    apply(&mut db, |db| db.set_entries_canceled(&entries, false));
}

#[test]
fn only_canceled_entries_can_be_deleted() {
    let mut db = db();
    let (_, entries) = logged(&mut db);
    let problems = db.delete_canceled_entries(&entries).unwrap_err();
    assert_eq!(
        codes(&problems),
        ["log.entry_not_canceled", "log.entry_not_canceled"]
    );
    apply(&mut db, |db| db.set_entries_canceled(&entries[..1], true));
    let problems = db.delete_canceled_entries(&entries).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].args, ["IL000002"]);
    apply(&mut db, |db| db.delete_canceled_entries(&entries[..1]));
    let left: Vec<EntryId> = db.entries.keys().copied().collect();
    assert_eq!(left, [entries[1]]);
    assert_eq!(db.entries_of(ACME).count(), 0);
}

// ----- the interaction log filter -------------------------------------------------------------

fn entry(id: u32, contact: ContactId, company: Option<ContactId>, d: u32) -> InteractionLogEntry {
    InteractionLogEntry {
        id: EntryId(id),
        contact,
        company,
        date: Some(day(d)),
        segment_no: "SEG000001".into(),
        logged_segment: Some(LoggedSegmentId(1)),
        template: Some(code("LETTER")),
        salesperson: Some(code("ANNA")),
        ..Default::default()
    }
}

fn log_db() -> Db {
    let mut db = db();
    let mut changes = Changes::new();
    changes.put(Record::Entry(entry(1, ACME, Some(ACME), 1)));
    changes.put(Record::Entry(entry(2, LIISA, Some(ACME), 5)));
    changes.put(Record::Entry(InteractionLogEntry {
        segment_no: "SEG000002".into(),
        logged_segment: Some(LoggedSegmentId(2)),
        template: Some(code("CALL")),
        salesperson: Some(code("BOB")),
        evaluation: Evaluation::Positive,
        ..entry(3, PIRJO, None, 10)
    }));
    changes.put(Record::Entry(InteractionLogEntry {
        canceled: true,
        ..entry(4, LIISA, Some(ACME), 20)
    }));
    changes.put(Record::Entry(InteractionLogEntry {
        date: None,
        ..entry(5, MATTI, Some(ACME), 1)
    }));
    db.apply(&changes);
    db
}

fn check(query: EntryQuery, expected: &[u32]) {
    let db = log_db();
    let found: Vec<u32> = db.query_entries(&query).iter().map(|e| e.0).collect();
    assert_eq!(found, expected, "{query:?}");
}

#[test]
fn an_empty_query_matches_every_entry() {
    check(EntryQuery::default(), &[1, 2, 3, 4, 5]);
}

#[test]
fn entries_filter_by_contact_and_company() {
    check(
        EntryQuery {
            contact: Some(LIISA),
            ..Default::default()
        },
        &[2, 4],
    );
    check(
        EntryQuery {
            company: Some(ACME),
            ..Default::default()
        },
        &[1, 2, 4, 5],
    );
}

#[test]
fn entries_filter_by_segment_template_and_salesperson() {
    check(
        EntryQuery {
            segment_no: Some("seg000002".into()),
            ..Default::default()
        },
        &[3],
    );
    check(
        EntryQuery {
            logged_segment: Some(LoggedSegmentId(1)),
            ..Default::default()
        },
        &[1, 2, 4, 5],
    );
    check(
        EntryQuery {
            template: Some(code("call")),
            ..Default::default()
        },
        &[3],
    );
    check(
        EntryQuery {
            salesperson: Some(code("ANNA")),
            ..Default::default()
        },
        &[1, 2, 4, 5],
    );
}

#[test]
fn entries_filter_by_inclusive_dates_and_undated_entries_never_match_a_date_bound() {
    check(
        EntryQuery {
            date_from: Some(day(5)),
            date_to: Some(day(10)),
            ..Default::default()
        },
        &[2, 3],
    );
    check(
        EntryQuery {
            date_to: Some(day(1)),
            ..Default::default()
        },
        &[1],
    );
}

#[test]
fn entries_filter_by_evaluation_and_canceled() {
    check(
        EntryQuery {
            evaluation: Some(Evaluation::Positive),
            ..Default::default()
        },
        &[3],
    );
    check(
        EntryQuery {
            canceled: Some(true),
            ..Default::default()
        },
        &[4],
    );
    check(
        EntryQuery {
            canceled: Some(false),
            contact: Some(LIISA),
            ..Default::default()
        },
        &[2],
    );
}

#[test]
fn logged_segments_that_are_not_canceled_are_never_deleted() {
    let mut db = db();
    let (logged, _) = logged(&mut db);
    let changes = db.delete_canceled_logged_segments();
    assert!(!changes.deletes.contains(&RecordKey::LoggedSegment(logged)));
}
