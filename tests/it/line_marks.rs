//! The marks of a segment line on the segment page: its own letter, and the values in which it
//! differs from what the header gives its contact (core/line_marks.rs).

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::line_marks::LineMarks;
use segmentti::core::model::*;
use segmentti::core::segment::{HeaderEdit, LineEdit};

fn now() -> NaiveDateTime {
    crate::support::at(2026, 12, 4, 9, 0)
}

/// A database with one Finnish-speaking person who prefers e-mail, a template `CALL` with an
/// English and a Finnish letter, and a segment using it with that person on line one.
fn world() -> (Db, SegmentId) {
    let mut changes = Changes::new();
    changes.put(Record::Contact(Contact {
        id: ContactId(1),
        kind: ContactKind::Person,
        name: "Antti Ylönen".into(),
        email: "antti@example.fi".into(),
        language: "fi".into(),
        correspondence_type: CorrespondenceType::Email,
        ..Default::default()
    }));
    changes.put(Record::Counters(Counters {
        contact: 1,
        ..Default::default()
    }));
    changes.put(Record::Salesperson(Salesperson {
        code: Code::new("SP"),
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
        correspondence_type_default: CorrespondenceType::HardCopy,
        language_default: "en".into(),
        letters: vec![letter("en", "Spring news"), letter("fi", "Kevään uutiset")],
        ..Default::default()
    }));
    let mut db = Db::from_records(changes.puts);
    let (id, created) = db
        .create_segment(
            "Spring campaign",
            Some(Code::new("SP")),
            Some(Code::new("CALL")),
            now().date(),
            now(),
        )
        .unwrap();
    db.apply(&created);
    let added = db.add_contact_to_segment(id, ContactId(1), now()).unwrap();
    db.apply(&added);
    (db, id)
}

fn marks(db: &Db, id: SegmentId) -> LineMarks {
    let segment = db.segment(id).unwrap();
    db.line_marks(segment, &segment.lines[0])
}

fn line_no(db: &Db, id: SegmentId) -> u32 {
    db.segment(id).unwrap().lines[0].line_no
}

/// Saves the line with `change` made to what the line form would show.
fn edit_line(db: &mut Db, id: SegmentId, change: impl FnOnce(&mut LineEdit)) {
    let line = line_no(db, id);
    let base = LineEdit::of(&db.segment(id).unwrap().lines[0]);
    let mut edit = base.clone();
    change(&mut edit);
    let changes = db.save_segment_line(id, line, &base, edit, now()).unwrap();
    db.apply(&changes);
}

#[test]
fn a_new_line_has_no_marks_even_with_its_contacts_own_language_and_type() {
    let (db, id) = world();
    let line = &db.segment(id).unwrap().lines[0];
    // The contact's Finnish and e-mail came from the contact, not from an override.
    assert_eq!(line.language, "fi");
    assert_eq!(line.correspondence_type, CorrespondenceType::Email);
    assert_eq!(line.subject, "Kevään uutiset");
    assert!(marks(&db, id).is_plain());
}

#[test]
fn a_comment_alone_is_not_an_override() {
    let (mut db, id) = world();
    edit_line(&mut db, id, |e| e.comment = "Met at the fair".into());
    assert_eq!(marks(&db, id), LineMarks::default());
}

#[test]
fn changed_values_are_named_in_the_line_forms_order() {
    let (mut db, id) = world();
    edit_line(&mut db, id, |e| {
        e.date = NaiveDate::from_ymd_opt(2026, 12, 24);
        e.subject = "Hyvää joulua".into();
        e.cost = 4.0;
        e.evaluation = Evaluation::Positive;
    });
    assert_eq!(
        marks(&db, id).overrides,
        vec!["subject", "date", "cost", "evaluation"]
    );
    assert!(!marks(&db, id).own_letter);
}

#[test]
fn the_lines_own_letter_is_marked() {
    let (mut db, id) = world();
    let line = line_no(&db, id);
    let changes = db
        .set_line_letter(
            id,
            line,
            Some(LetterBody::Text("Hei {{first_name}}".into())),
            now(),
        )
        .unwrap();
    db.apply(&changes);
    let marks = marks(&db, id);
    assert!(marks.own_letter);
    assert!(marks.overrides.is_empty());
    assert!(!marks.is_plain());
}

#[test]
fn a_header_change_the_lines_did_not_follow_marks_them() {
    let (mut db, id) = world();
    let base = HeaderEdit::of(db.segment(id).unwrap());
    let mut edit = base.clone();
    edit.description = "Christmas campaign".into();
    let changes = db
        .save_segment_header(id, &base, edit.clone(), false, now())
        .unwrap();
    db.apply(&changes);
    assert_eq!(marks(&db, id).overrides, vec!["description"]);

    // The core's propagation takes the same view: that line's description is its own now, so
    // a later change with the lines following leaves it alone, and the mark stays.
    let base = HeaderEdit::of(db.segment(id).unwrap());
    let mut again = base.clone();
    again.description = "Winter campaign".into();
    let changes = db
        .save_segment_header(id, &base, again, true, now())
        .unwrap();
    db.apply(&changes);
    assert_eq!(
        db.segment(id).unwrap().lines[0].description,
        "Spring campaign"
    );
    assert_eq!(marks(&db, id).overrides, vec!["description"]);

    // With the header back at the line's value, the line is like a new one again.
    let base = HeaderEdit::of(db.segment(id).unwrap());
    let mut back = base.clone();
    back.description = "Spring campaign".into();
    let changes = db
        .save_segment_header(id, &base, back, false, now())
        .unwrap();
    db.apply(&changes);
    assert!(marks(&db, id).is_plain(), "{:?}", marks(&db, id));
}

#[test]
fn a_line_whose_contact_was_deleted_is_compared_with_the_header_alone() {
    let (db, id) = world();
    let mut segment = db.segment(id).unwrap().clone();
    segment.lines[0].contact = ContactId(99);
    segment.lines[0].language = segment.language.clone();
    segment.lines[0].subject = segment.subject.clone();
    segment.lines[0].correspondence_type = CorrespondenceType::HardCopy;
    let marks = db.line_marks(&segment, &segment.lines[0]);
    assert!(marks.is_plain(), "{marks:?}");
}
