//! "Why is this contact here?" (issue 15, item 2): each line's reason is derived from the
//! segment's criteria history, and the sections are tested against today's data. A table of
//! segments built step by step, each with the reason every line must give.

use chrono::NaiveDateTime;
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::condition::Condition;
use segmentti::core::criteria::{code_filter, AddOptions, ContactField, Criteria, CriteriaAction};
use segmentti::core::db::Db;
use segmentti::core::filter::FieldKind;
use segmentti::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::segment_reasons::{How, LineReason, Origin, Section, SectionResults, Via};

fn now() -> NaiveDateTime {
    crate::support::at(2026, 12, 4, 9, 0)
}

fn contact(id: u32, kind: ContactKind, company: Option<u32>, name: &str, city: &str) -> Contact {
    Contact {
        id: ContactId(id),
        kind,
        company: company.map(ContactId),
        name: name.into(),
        city: city.into(),
        ..Default::default()
    }
}

/// Acme (1, Tampere, industry group IT) with Anna (2, Tampere, mailing group GIFT) and Bo (3,
/// Oulu); Cleo (4, Helsinki, mailing group GIFT), no company; Dan (5, Turku); and a logged
/// segment LSEG000001 whose one entry is Dan's.
fn world() -> (Db, SegmentId) {
    let mut changes = Changes::new();
    let mut acme = contact(1, ContactKind::Company, None, "Acme", "Tampere");
    acme.industry_groups.insert(Code::new("IT"));
    let mut anna = contact(2, ContactKind::Person, Some(1), "Anna", "Tampere");
    anna.mailing_groups.insert(Code::new("GIFT"));
    let bo = contact(3, ContactKind::Person, Some(1), "Bo", "Oulu");
    let mut cleo = contact(4, ContactKind::Person, None, "Cleo", "Helsinki");
    cleo.mailing_groups.insert(Code::new("GIFT"));
    let dan = contact(5, ContactKind::Person, None, "Dan", "Turku");
    for c in [acme, anna, bo, cleo, dan] {
        changes.put(Record::Contact(c));
    }
    changes.put(Record::LoggedSegment(LoggedSegment {
        id: LoggedSegmentId(1),
        segment_no: "SEG000009".into(),
        description: "Autumn".into(),
        created: now(),
        canceled: false,
    }));
    changes.put(Record::Entry(InteractionLogEntry {
        id: EntryId(1),
        contact: ContactId(5),
        logged_segment: Some(LoggedSegmentId(1)),
        ..Default::default()
    }));
    changes.put(Record::Counters(Counters {
        contact: 5,
        ..Default::default()
    }));
    let mut db = Db::from_records(changes.puts);
    let (id, created) = db
        .create_segment("Why", None, None, now().date(), now())
        .unwrap();
    db.apply(&created);
    (db, id)
}

fn city(expr: &str) -> Condition<ContactField> {
    Condition::Field {
        field: ContactField::City,
        filter: ContactField::City
            .parse_filter(expr, FieldKind::Text)
            .unwrap(),
    }
}

fn add(criteria: Criteria) -> CriteriaAction {
    add_with(criteria, AddOptions::default())
}

fn add_with(criteria: Criteria, options: AddOptions) -> CriteriaAction {
    CriteriaAction::Add { criteria, options }
}

fn by_city(expr: &str) -> Criteria {
    Criteria {
        contact: Some(city(expr)),
        ..Default::default()
    }
}

/// City Tampere|Helsinki AND mailing group GIFT: two sections.
fn city_and_gift() -> Criteria {
    Criteria {
        contact: Some(city("Tampere|Helsinki")),
        mailing_group: Some(code_filter("gift").unwrap()),
        ..Default::default()
    }
}

fn run(db: &mut Db, segment: SegmentId, steps: &[CriteriaAction]) {
    for action in steps {
        let changes = db
            .apply_action(segment, action, now())
            .unwrap_or_else(|p| panic!("step refused: {p:?}"));
        db.apply(&changes);
    }
}

/// The reason of the (last) line of `contact`.
fn reason_of(db: &Db, segment: SegmentId, contact: u32) -> LineReason {
    let segment = db.segment(segment).unwrap();
    db.line_reasons(segment)
        .into_iter()
        .rfind(|reason| reason.contact == ContactId(contact))
        .unwrap_or_else(|| panic!("contact {contact} has no line"))
}

fn passed(sections: &[Section]) -> SectionResults {
    SectionResults {
        passed: sections.to_vec(),
        failed: Vec::new(),
    }
}

fn filters(via: Via, sections: SectionResults, options: AddOptions) -> How {
    How::Filters {
        via,
        sections,
        options,
    }
}

struct Case {
    name: &'static str,
    steps: Vec<CriteriaAction>,
    /// Saved criteria to store before asking, as (code, the steps' indexes it holds).
    saved: Option<(&'static str, Vec<usize>)>,
    /// Data changes after the steps, before asking.
    after: fn(&mut Db),
    contact: u32,
    origin: Origin,
    saved_criteria: Option<&'static str>,
    removed_before: Option<usize>,
}

fn nothing(_: &mut Db) {}

#[test]
fn every_line_names_the_step_that_added_it_and_the_sections_it_passes() {
    let expand = AddOptions {
        expand_companies: true,
        ..Default::default()
    };
    let related = AddOptions {
        add_related_companies: true,
        ..Default::default()
    };
    let cases = vec![
        Case {
            name: "one Add step, one section",
            steps: vec![add(by_city("Tampere"))],
            saved: None,
            after: nothing,
            contact: 2,
            origin: Origin::Step {
                index: 0,
                how: filters(
                    Via::Itself,
                    passed(&[Section::Contact]),
                    AddOptions::default(),
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "matched by two sections of the second of two Add steps",
            steps: vec![add(by_city("Turku")), add(city_and_gift())],
            saved: None,
            after: nothing,
            contact: 4,
            origin: Origin::Step {
                index: 1,
                how: filters(
                    Via::Itself,
                    passed(&[Section::Contact, Section::MailingGroup]),
                    AddOptions::default(),
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "the earlier Add step keeps its own line",
            steps: vec![add(by_city("Turku")), add(city_and_gift())],
            saved: None,
            after: nothing,
            contact: 5,
            origin: Origin::Step {
                index: 0,
                how: filters(
                    Via::Itself,
                    passed(&[Section::Contact]),
                    AddOptions::default(),
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "added by hand",
            steps: vec![
                add(by_city("Tampere")),
                CriteriaAction::AddContact(ContactId(5)),
            ],
            saved: None,
            after: nothing,
            contact: 5,
            origin: Origin::Step {
                index: 1,
                how: How::ByHand,
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "removed by hand, then re-added by filters",
            steps: vec![
                add(by_city("Helsinki")),
                CriteriaAction::RemoveContact(ContactId(4)),
                add(city_and_gift()),
            ],
            saved: None,
            after: nothing,
            contact: 4,
            origin: Origin::Step {
                index: 2,
                how: filters(
                    Via::Itself,
                    passed(&[Section::Contact, Section::MailingGroup]),
                    AddOptions::default(),
                ),
            },
            saved_criteria: None,
            removed_before: Some(1),
        },
        Case {
            name: "removed by a Reduce, then re-added by hand",
            steps: vec![
                add(by_city("Turku|Helsinki")),
                CriteriaAction::Reduce {
                    criteria: by_city("Turku"),
                    entire_companies: false,
                },
                CriteriaAction::AddContact(ContactId(5)),
            ],
            saved: None,
            after: nothing,
            contact: 5,
            origin: Origin::Step {
                index: 2,
                how: How::ByHand,
            },
            saved_criteria: None,
            removed_before: Some(1),
        },
        Case {
            name: "from a logged segment",
            steps: vec![CriteriaAction::ReuseLogged {
                logged: LoggedSegmentId(1),
                allow_existing: false,
            }],
            saved: None,
            after: nothing,
            contact: 5,
            origin: Origin::Step {
                index: 0,
                how: How::FromLogged(LoggedSegmentId(1)),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "expanded from a person of its company",
            steps: vec![add_with(
                Criteria {
                    mailing_group: Some(code_filter("GIFT").unwrap()),
                    ..Default::default()
                },
                expand,
            )],
            saved: None,
            after: nothing,
            // Bo is in Acme only; Anna, Acme's person, has GIFT.
            contact: 3,
            origin: Origin::Step {
                index: 0,
                how: filters(
                    // The company is tried before its persons; Acme has no GIFT, so Anna is named.
                    Via::ExpandedFrom(ContactId(2)),
                    passed(&[Section::MailingGroup]),
                    expand,
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "a related company of a matched person",
            steps: vec![add_with(by_city("Tampere"), related)],
            saved: None,
            after: |db| {
                // Acme moved after the step: it came with Anna, who still passes.
                let mut acme = db.contact(ContactId(1)).unwrap().clone();
                acme.city = "Espoo".into();
                let mut changes = Changes::new();
                changes.put(Record::Contact(acme));
                db.apply(&changes);
            },
            contact: 1,
            origin: Origin::Step {
                index: 0,
                how: filters(
                    Via::CompanyOf(ContactId(2)),
                    passed(&[Section::Contact]),
                    related,
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "a contact whose data changed since no longer matches, and says which section",
            steps: vec![add(city_and_gift())],
            saved: None,
            after: |db| {
                let mut cleo = db.contact(ContactId(4)).unwrap().clone();
                cleo.city = "Vaasa".into();
                let mut changes = Changes::new();
                changes.put(Record::Contact(cleo));
                db.apply(&changes);
            },
            contact: 4,
            origin: Origin::Step {
                index: 0,
                how: filters(
                    Via::NoLongerMatches,
                    SectionResults {
                        passed: vec![Section::MailingGroup],
                        failed: vec![Section::Contact],
                    },
                    AddOptions::default(),
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "steps that equal saved criteria name them",
            steps: vec![add(by_city("Turku")), add(by_city("Oulu"))],
            saved: Some(("NORTH", vec![1])),
            after: nothing,
            contact: 3,
            origin: Origin::Step {
                index: 1,
                how: filters(
                    Via::Itself,
                    passed(&[Section::Contact]),
                    AddOptions::default(),
                ),
            },
            saved_criteria: Some("NORTH"),
            removed_before: None,
        },
        Case {
            name: "a step outside the saved run does not name them",
            steps: vec![add(by_city("Turku")), add(by_city("Oulu"))],
            saved: Some(("NORTH", vec![1])),
            after: nothing,
            contact: 5,
            origin: Origin::Step {
                index: 0,
                how: filters(
                    Via::Itself,
                    passed(&[Section::Contact]),
                    AddOptions::default(),
                ),
            },
            saved_criteria: None,
            removed_before: None,
        },
        Case {
            name: "after the history was reset no step explains a line",
            steps: vec![add(by_city("Turku"))],
            saved: None,
            after: |db| {
                let id = *db.segments.keys().next().unwrap();
                let changes = db.reset_criteria(id, now()).unwrap();
                db.apply(&changes);
            },
            contact: 5,
            origin: Origin::Unexplained,
            saved_criteria: None,
            removed_before: None,
        },
    ];
    for case in cases {
        let (mut db, id) = world();
        run(&mut db, id, &case.steps);
        if let Some((code, indexes)) = &case.saved {
            let mut changes = Changes::new();
            changes.put(Record::SavedCriteria(SavedCriteria {
                code: Code::new(code),
                description: String::new(),
                actions: indexes.iter().map(|i| case.steps[*i].clone()).collect(),
            }));
            db.apply(&changes);
        }
        (case.after)(&mut db);
        let reason = reason_of(&db, id, case.contact);
        assert_eq!(reason.origin, case.origin, "{}", case.name);
        assert_eq!(
            reason.saved_criteria,
            case.saved_criteria.map(Code::new),
            "{}",
            case.name
        );
        assert_eq!(reason.removed_before, case.removed_before, "{}", case.name);
    }
}

#[test]
fn a_line_number_handed_out_again_is_explained_by_the_step_that_gave_it_last() {
    // Reduce removes the last line, so the next Add hands its number out again: the old step
    // still lists that number, and only the newer one explains the line that has it now.
    let (mut db, id) = world();
    run(
        &mut db,
        id,
        &[
            add(by_city("Turku")),
            CriteriaAction::Reduce {
                criteria: by_city("Turku"),
                entire_companies: false,
            },
            CriteriaAction::AddContact(ContactId(4)),
        ],
    );
    let segment = db.segment(id).unwrap();
    assert_eq!(segment.history[0].inserted, segment.history[2].inserted);
    let reason = reason_of(&db, id, 4);
    assert_eq!(
        reason.origin,
        Origin::Step {
            index: 2,
            how: How::ByHand
        }
    );
    assert_eq!(reason.removed_before, None, "Cleo was never removed");
}

#[test]
fn section_results_list_every_section_with_filters_and_none_without() {
    let (db, _) = world();
    let cleo = db.contact(ContactId(4)).unwrap();
    assert_eq!(
        db.section_results(&Criteria::default(), cleo),
        SectionResults::default()
    );
    let criteria = Criteria {
        contact: Some(city("Helsinki")),
        mailing_group: Some(code_filter("GIFT").unwrap()),
        industry_group: Some(code_filter("IT").unwrap()),
        ..Default::default()
    };
    // Cleo has no company, so the industry group (checked on the company) fails.
    assert_eq!(
        db.section_results(&criteria, cleo),
        SectionResults {
            passed: vec![Section::Contact, Section::MailingGroup],
            failed: vec![Section::IndustryGroup],
        }
    );
}
