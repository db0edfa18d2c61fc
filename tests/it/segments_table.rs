//! The contact table under the planner (issue #7): contacts put in any order, deleted, put
//! again and changed, over several change sets, must read exactly like a map by id, and the
//! scanning search (text columns, row scans) must keep agreeing with testing every contact one by
//! one after every change (the columns are a cache and must never answer with stale values).

use proptest::prelude::*;
use segmentti::core::changes::{Changes, Record, RecordKey};
use segmentti::core::condition::Condition;
use segmentti::core::criteria::{code_filter, ContactField, Criteria};
use segmentti::core::db::Db;
use segmentti::core::filter::FieldKind;
use segmentti::core::ids::{Code, ContactId};
use segmentti::core::model::{Contact, ContactKind};
use std::collections::BTreeMap;

const CITIES: [&str; 4] = ["Oulu", "Turku", "Espoo", ""];
const CITY_FILTERS: [&str; 6] = ["Oulu", "Oulu|Turku", "<>Espoo", "''", "*u*", "@TURKU"];

/// Ids: mostly small and dense, sometimes far away (a foreign backup), which the table must
/// take without a huge array.
fn id() -> impl Strategy<Value = u32> {
    prop_oneof![
        8 => 1u32..40,
        1 => Just(u32::MAX - 1),
        1 => 3_000_000_000u32..3_000_000_010,
    ]
}

#[derive(Debug, Clone)]
enum Step {
    Put {
        id: u32,
        company: Option<u32>,
        city: usize,
        gift: bool,
    },
    Delete(u32),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (id(), prop::option::of(1u32..40), 0..CITIES.len(), any::<bool>()).prop_map(
            |(id, company, city, gift)| Step::Put { id, company, city, gift }
        ),
        1 => id().prop_map(Step::Delete),
    ]
}

fn contact(id: u32, company: Option<u32>, city: usize, gift: bool) -> Contact {
    // Every fifth id is a company; the others are persons, maybe of a company.
    let is_company = id % 5 == 0;
    Contact {
        id: ContactId(id),
        kind: if is_company {
            ContactKind::Company
        } else {
            ContactKind::Person
        },
        company: if is_company {
            None
        } else {
            company.map(ContactId)
        },
        name: format!("Contact {id}"),
        city: CITIES[city].into(),
        mailing_groups: if gift {
            [Code::new("GIFT")].into()
        } else {
            Default::default()
        },
        industry_groups: if is_company && gift {
            [Code::new("IT")].into()
        } else {
            Default::default()
        },
        ..Default::default()
    }
}

fn all_criteria() -> Vec<Criteria> {
    let mut out = Vec::new();
    for expr in CITY_FILTERS {
        let city = ContactField::City
            .parse_filter(expr, FieldKind::Text)
            .unwrap();
        let leaf = Condition::field(ContactField::City, city);
        out.push(Criteria {
            contact: Some(leaf.clone()),
            ..Default::default()
        });
        out.push(Criteria {
            contact: Some(Condition::Not(Box::new(leaf.clone()))),
            mailing_group: Some(code_filter("gift").unwrap()),
            ..Default::default()
        });
        out.push(Criteria {
            contact: Some(Condition::Or(vec![
                leaf,
                Condition::field(
                    ContactField::Name,
                    ContactField::Name
                        .parse_filter("*1*", FieldKind::Text)
                        .unwrap(),
                ),
            ])),
            industry_group: Some(code_filter("IT").unwrap()),
            ..Default::default()
        });
    }
    out
}

fn check(db: &Db, model: &BTreeMap<u32, Contact>) -> Result<(), TestCaseError> {
    prop_assert_eq!(db.contacts.len(), model.len());
    let ids: Vec<u32> = db.contacts.keys().map(|id| id.0).collect();
    let expected: Vec<u32> = model.keys().copied().collect();
    prop_assert_eq!(ids, expected);
    for (id, contact) in model {
        prop_assert_eq!(db.contacts.get(&ContactId(*id)), Some(contact));
    }
    for id in [0, 2, 41, u32::MAX] {
        prop_assert_eq!(
            db.contacts.contains_key(&ContactId(id)),
            model.contains_key(&id)
        );
    }
    for criteria in all_criteria() {
        let one_by_one: Vec<ContactId> = db
            .contacts
            .values()
            .filter(|contact| db.contact_matches(&criteria, contact))
            .map(|contact| contact.id)
            .collect();
        prop_assert_eq!(db.matching_contacts(&criteria), one_by_one);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_table_reads_like_a_map_and_the_search_stays_exact_over_changes(
        batches in prop::collection::vec(prop::collection::vec(step(), 1..12), 1..6),
    ) {
        let mut db = Db::new();
        let mut model: BTreeMap<u32, Contact> = BTreeMap::new();
        for batch in batches {
            let mut changes = Changes::new();
            let mut deletes = Vec::new();
            for step in batch {
                match step {
                    Step::Put { id, company, city, gift } => {
                        changes.put(Record::Contact(contact(id, company, city, gift)));
                    }
                    Step::Delete(id) => deletes.push(id),
                }
            }
            // `apply` deletes first, then puts: the model follows the same order.
            for id in &deletes {
                changes.delete(RecordKey::Contact(ContactId(*id)));
            }
            for id in &deletes {
                model.remove(id);
            }
            for record in &changes.puts {
                if let Record::Contact(c) = record {
                    model.insert(c.id.0, c.clone());
                }
            }
            db.apply(&changes);
            check(&db, &model)?;
            // The same data loaded from its records reads alike.
            let loaded = Db::from_records(db.records());
            prop_assert_eq!(&loaded.contacts, &db.contacts);
            check(&loaded, &model)?;
        }
    }
}

#[test]
fn a_changed_city_is_seen_by_the_next_search() {
    let mut db = Db::new();
    let mut changes = Changes::new();
    for id in 1..=50 {
        changes.put(Record::Contact(contact(id, None, (id % 3) as usize, false)));
    }
    db.apply(&changes);
    let oulu = Criteria {
        contact: Some(Condition::field(
            ContactField::City,
            ContactField::City
                .parse_filter("Oulu", FieldKind::Text)
                .unwrap(),
        )),
        ..Default::default()
    };
    let before = db.matching_contacts(&oulu);
    assert_eq!(before.len(), 16);
    assert!(!before.contains(&ContactId(2)) && before.contains(&ContactId(3)));
    let mut moved = db.contacts[&ContactId(2)].clone();
    moved.city = "Oulu".into();
    let mut gone = Changes::new();
    gone.put(Record::Contact(moved))
        .delete(RecordKey::Contact(ContactId(3)));
    db.apply(&gone);
    let after = db.matching_contacts(&oulu);
    assert_eq!(after.len(), 16);
    assert!(after.contains(&ContactId(2)) && !after.contains(&ContactId(3)));
    // A copy of the database searches alike.
    assert_eq!(db.clone().matching_contacts(&oulu), after);
}
