//! Properties of segment steps over random small worlds and random step sequences:
//!
//! (a) any sequence of Add / Reduce / Refine / manual steps followed by as many Go Backs gives
//!     back exactly the starting lines, per-line overrides included (product.md §3);
//! (b) a preview always equals what applying the step does;
//! (c) saved criteria replayed on a fresh segment over the same data give the same lines;
//! (d) the index-backed search finds exactly the contacts that pass a one-by-one test.

use chrono::NaiveDateTime;
use proptest::prelude::*;
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::condition::Condition;
use segmentti::core::criteria::{code_filter, AddOptions, ContactField, Criteria, CriteriaAction};
use segmentti::core::db::Db;
use segmentti::core::filter::FieldKind;
use segmentti::core::ids::{Code, ContactId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::segment::LineEdit;

const CITIES: [&str; 3] = ["Oulu", "Turku", "Espoo"];
const GROUPS: [&str; 3] = ["GIFT", "NEWS", "VIP"];
const CITY_FILTERS: [&str; 6] = ["Oulu", "Oulu|Turku", "<>Espoo", "''", "*u*", "@TURKU"];
const GROUP_FILTERS: [&str; 3] = ["GIFT", "news|vip", "<>GIFT"];

fn now() -> NaiveDateTime {
    crate::support::at(2026, 3, 2, 9, 0)
}

/// One generated contact: company or person, the index of its company among the generated
/// companies, its city, mailing groups (bits), industry groups (bits) and its exclusion flag.
#[derive(Debug, Clone)]
struct Spec {
    is_company: bool,
    company: Option<usize>,
    city: usize,
    mailing: u8,
    industry: u8,
    excluded: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::bool::weighted(0.25),
        prop::option::of(0usize..4),
        0usize..3,
        0u8..8,
        0u8..8,
        prop::bool::weighted(0.15),
    )
        .prop_map(
            |(is_company, company, city, mailing, industry, excluded)| Spec {
                is_company,
                company,
                city,
                mailing,
                industry,
                excluded,
            },
        )
}

fn bits(mask: u8) -> std::collections::BTreeSet<Code> {
    (0..3)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| Code::new(GROUPS[i]))
        .collect()
}

/// Builds the database and an empty segment from the specs.
fn world(specs: &[Spec]) -> (Db, SegmentId) {
    let companies: Vec<u32> = specs
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_company)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let mut changes = Changes::new();
    for (i, s) in specs.iter().enumerate() {
        let id = i as u32 + 1;
        let company = if s.is_company || companies.is_empty() {
            None
        } else {
            s.company.map(|c| ContactId(companies[c % companies.len()]))
        };
        changes.put(Record::Contact(Contact {
            id: ContactId(id),
            kind: if s.is_company {
                ContactKind::Company
            } else {
                ContactKind::Person
            },
            company,
            name: format!("Contact {}", (id * 7) % 11),
            city: CITIES[s.city].into(),
            mailing_groups: bits(s.mailing),
            // Persons get industry groups too, although validation keeps them to companies, so
            // that both ways of matching are seen to ignore them alike.
            industry_groups: bits(s.industry),
            exclude_from_segments: s.excluded,
            ..Default::default()
        }));
    }
    changes.put(Record::Counters(Counters {
        contact: specs.len() as u32,
        ..Default::default()
    }));
    let mut db = Db::from_records(changes.puts);
    let (id, created) = db
        .create_segment("Props", None, None, now().date(), now())
        .unwrap();
    db.apply(&created);
    (db, id)
}

/// A random criteria value: any of a city filter (maybe negated), a mailing group filter and
/// an industry group filter.
fn criteria() -> impl Strategy<Value = Criteria> {
    (
        prop::option::of((0..CITY_FILTERS.len(), any::<bool>())),
        prop::option::of(0..GROUP_FILTERS.len()),
        prop::option::of(0..GROUP_FILTERS.len()),
    )
        .prop_map(|(city, mailing, industry)| Criteria {
            contact: city.map(|(i, negate)| {
                let filter = ContactField::City
                    .parse_filter(CITY_FILTERS[i], FieldKind::Text)
                    .unwrap();
                let leaf = Condition::field(ContactField::City, filter);
                if negate {
                    Condition::Not(Box::new(leaf))
                } else {
                    leaf
                }
            }),
            mailing_group: mailing.map(|i| code_filter(GROUP_FILTERS[i]).unwrap()),
            industry_group: industry.map(|i| code_filter(GROUP_FILTERS[i]).unwrap()),
            ..Default::default()
        })
}

fn action(contacts: u32) -> impl Strategy<Value = CriteriaAction> {
    let options = (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(allow_existing, expand_companies, add_related_companies, ignore_exclusion)| AddOptions {
            allow_existing,
            expand_companies,
            add_related_companies,
            ignore_exclusion,
        },
    );
    // Ids one past the last are unknown contacts, so refused manual steps are covered too.
    let id = (1..contacts + 2).prop_map(ContactId);
    prop_oneof![
        (criteria(), options)
            .prop_map(|(criteria, options)| CriteriaAction::Add { criteria, options }),
        (criteria(), any::<bool>()).prop_map(|(criteria, entire_companies)| {
            CriteriaAction::Reduce {
                criteria,
                entire_companies,
            }
        }),
        (criteria(), any::<bool>()).prop_map(|(criteria, entire_companies)| {
            CriteriaAction::Refine {
                criteria,
                entire_companies,
            }
        }),
        id.clone().prop_map(CriteriaAction::AddContact),
        id.prop_map(CriteriaAction::RemoveContact),
    ]
}

fn scenario() -> impl Strategy<Value = (Vec<Spec>, Vec<CriteriaAction>, Vec<CriteriaAction>)> {
    prop::collection::vec(spec(), 1..24).prop_flat_map(|specs| {
        let n = specs.len() as u32;
        (
            Just(specs),
            prop::collection::vec(action(n), 0..4),
            prop::collection::vec(action(n), 1..8),
        )
    })
}

/// Gives every second line its own overrides (comment, cost, correspondence type, letter), so
/// that restoring "exactly" is tested on customised lines.
fn customise(db: &mut Db, segment: SegmentId) {
    let lines = db.segment(segment).unwrap().lines.clone();
    for line in lines.iter().step_by(2) {
        let mut edit = LineEdit::of(line);
        edit.comment = format!("note {}", line.line_no);
        edit.cost = f64::from(line.line_no) / 1000.0;
        edit.correspondence_type = CorrespondenceType::Email;
        let changes = db.update_segment_line(segment, line.line_no, edit, now());
        db.apply(&changes.unwrap());
        let letter = Some(LetterBody::Text(format!("Dear {}", line.contact)));
        let changes = db.set_line_letter(segment, line.line_no, letter, now());
        db.apply(&changes.unwrap());
    }
}

/// Applies `action`; true if it was applied (manual steps may be refused).
fn try_step(db: &mut Db, segment: SegmentId, action: &CriteriaAction) -> bool {
    match db.apply_action(segment, action, now()) {
        Ok(changes) => {
            db.apply(&changes);
            true
        }
        Err(_) => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn go_back_after_any_steps_restores_the_starting_lines_exactly(
        (specs, setup, steps) in scenario()
    ) {
        let (mut db, segment) = world(&specs);
        for action in &setup {
            try_step(&mut db, segment, action);
        }
        customise(&mut db, segment);
        let start = db.segment(segment).unwrap().clone();
        let mut applied = 0;
        for action in &steps {
            if try_step(&mut db, segment, action) {
                applied += 1;
            }
        }
        for _ in 0..applied {
            let changes = db.go_back(segment, now()).unwrap();
            db.apply(&changes);
        }
        let back = db.segment(segment).unwrap();
        prop_assert_eq!(&back.lines, &start.lines);
        prop_assert_eq!(&back.history, &start.history);
        prop_assert_eq!(back.next_line_no, start.next_line_no);
    }

    #[test]
    fn a_preview_always_equals_what_applying_the_step_does(
        (specs, setup, steps) in scenario()
    ) {
        let (mut db, segment) = world(&specs);
        for action in setup.iter().chain(&steps) {
            let before = db.segment(segment).unwrap().clone();
            let preview = db.preview(segment, action);
            let applied = db.apply_action(segment, action, now());
            prop_assert_eq!(preview.is_ok(), applied.is_ok());
            let (Ok(preview), Ok(changes)) = (preview, applied) else { continue };
            db.apply(&changes);
            let after = db.segment(segment).unwrap();
            let step = after.history.last().unwrap();
            let joined: Vec<ContactId> = after
                .lines
                .iter()
                .filter(|line| step.inserted.contains(&line.line_no))
                .map(|line| line.contact)
                .collect();
            let left: Vec<ContactId> = step.removed.iter().map(|line| line.contact).collect();
            prop_assert_eq!(&preview.join, &joined);
            prop_assert_eq!(&preview.leave, &left);
            // Nothing else moved: the lines are the old ones minus the left, plus the joined.
            prop_assert_eq!(after.lines.len(), before.lines.len() - left.len() + joined.len());
        }
    }

    #[test]
    fn saved_criteria_replayed_on_a_fresh_segment_give_the_same_lines(
        (specs, setup, steps) in scenario()
    ) {
        let (mut db, segment) = world(&specs);
        for action in setup.iter().chain(&steps) {
            try_step(&mut db, segment, action);
        }
        if db.segment(segment).unwrap().history.is_empty() {
            return Ok(());
        }
        db.apply(&db.save_criteria(segment, "PROP", "").unwrap());
        let (fresh, created) = db
            .create_segment("Fresh", None, None, now().date(), now())
            .unwrap();
        db.apply(&created);
        let preview = db.reuse_criteria_preview(fresh, &Code::new("PROP")).unwrap();
        db.apply(&db.reuse_criteria(fresh, &Code::new("PROP"), now()).unwrap());
        let contacts = |id: SegmentId| -> Vec<ContactId> {
            db.segment(id).unwrap().lines.iter().map(|line| line.contact).collect()
        };
        prop_assert_eq!(contacts(fresh), contacts(segment));
        prop_assert_eq!(preview.join, contacts(fresh));
        prop_assert!(preview.leave.is_empty());
    }

    #[test]
    fn the_indexed_search_equals_testing_every_contact(
        specs in prop::collection::vec(spec(), 1..40),
        criteria in criteria(),
    ) {
        let (db, _) = world(&specs);
        let one_by_one: Vec<ContactId> = db
            .contacts
            .values()
            .filter(|contact| db.contact_matches(&criteria, contact))
            .map(|contact| contact.id)
            .collect();
        prop_assert_eq!(db.matching_contacts(&criteria), one_by_one);
    }
}
