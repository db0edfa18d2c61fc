//! Replicas that exchange changes in any order end with the same data (`team.md`, "Exchange
//! files": "any order of exchanges that brings every change everywhere ends in identical data").
//!
//! Each case starts 3 to 5 replicas and runs a random script of edits of every kind — create,
//! edit one field, delete, log a segment (entries created, the segment deleted), cancel an entry,
//! comment on an entry, resolve a conflict — mixed with exchanges between random pairs. Then
//! every replica exchanges with every other until nothing new travels, and the test checks that
//! all replicas hold the same documents, that no entry or comment was lost, and that every
//! replica lists the same conflicts.

use proptest::prelude::*;
use segmentti::core::team::replica::{Body, Policy, Replica};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn union_fields(id: &str) -> &'static [&'static str] {
    if id.starts_with("entry:") {
        &["comments"]
    } else {
        &[]
    }
}

fn policy() -> Policy {
    Policy {
        union_fields,
        ..Policy::default()
    }
}

fn body(value: Value) -> Body {
    value.as_object().cloned().expect("an object")
}

/// A small deterministic generator, so that one proptest seed drives a whole script.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        // xorshift64*: plenty for picking script steps.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Exchanges until a full round moves nothing: the state after "every change everywhere".
fn exchange_until_quiet(replicas: &mut [Replica]) {
    for _round in 0..20 {
        let mut moved = false;
        for from in 0..replicas.len() {
            for to in 0..replicas.len() {
                if from != to {
                    let (changes, _) = replicas[from].changes_since(0);
                    moved |= !replicas[to].receive(&changes).is_empty();
                }
            }
        }
        if !moved {
            return;
        }
    }
    panic!("exchanges did not settle in 20 rounds");
}

fn pick_live(replica: &Replica, prefix: &str, dice: &mut Dice) -> Option<String> {
    let ids: Vec<String> = replica
        .live()
        .filter(|(id, _)| id.starts_with(prefix))
        .map(|(id, _)| id.to_string())
        .collect();
    (!ids.is_empty()).then(|| ids[dice.below(ids.len())].clone())
}

fn run_script(seed: u64, replica_count: usize, steps: usize) {
    let mut dice = Dice(seed | 1);
    let mut replicas: Vec<Replica> = (0..replica_count).map(|_| Replica::new(policy())).collect();
    let mut seen = vec![vec![0u64; replica_count]; replica_count];
    let mut created = 0usize;
    let mut entries_made = BTreeSet::new();
    let mut comments_made = BTreeSet::new();
    for step in 0..steps {
        let r = dice.below(replica_count);
        match dice.below(9) {
            0 => {
                created += 1;
                let kind = ["contact", "segment"][dice.below(2)];
                replicas[r].put(
                    &format!("{kind}:{r}-{created}"),
                    body(json!({"name": format!("n{created}"), "city": "Oulu", "phone": ""})),
                );
            }
            1 | 2 => {
                let prefix = ["contact:", "segment:"][dice.below(2)];
                if let Some(id) = pick_live(&replicas[r], prefix, &mut dice) {
                    let mut b = replicas[r].current(&id).unwrap();
                    let field = ["name", "city", "phone"][dice.below(3)];
                    b.insert(field.into(), json!(format!("{field}{}", dice.below(4))));
                    replicas[r].put(&id, b);
                }
            }
            3 => {
                if let Some(id) = pick_live(&replicas[r], "contact:", &mut dice) {
                    replicas[r].delete(&id);
                }
            }
            4 => {
                // Logging a segment: its entries are written, the segment goes.
                if let Some(id) = pick_live(&replicas[r], "segment:", &mut dice) {
                    for line in 0..2 {
                        let entry = format!("entry:{id}-{step}-{line}");
                        replicas[r].put(
                            &entry,
                            body(json!({"canceled": false, "evaluation": "", "comments": []})),
                        );
                        entries_made.insert(entry);
                    }
                    replicas[r].delete(&id);
                }
            }
            5 => {
                if let Some(id) = pick_live(&replicas[r], "entry:", &mut dice) {
                    let mut b = replicas[r].current(&id).unwrap();
                    let field = ["canceled", "evaluation"][dice.below(2)];
                    let value = if field == "canceled" {
                        json!(dice.below(2) == 0)
                    } else {
                        json!(["positive", "negative"][dice.below(2)])
                    };
                    b.insert(field.into(), value);
                    replicas[r].put(&id, b);
                }
            }
            6 => {
                if let Some(id) = pick_live(&replicas[r], "entry:", &mut dice) {
                    let mut b = replicas[r].current(&id).unwrap();
                    let comment = format!("c{step}@{r}");
                    b["comments"].as_array_mut().unwrap().push(json!(comment));
                    comments_made.insert((id.clone(), comment));
                    replicas[r].put(&id, b);
                }
            }
            7 => {
                if let Some(conflict) = replicas[r].conflicts().into_iter().next() {
                    let choices: Vec<(String, Value)> = conflict
                        .fields
                        .iter()
                        .map(|f| (f.field.clone(), f.other.clone()))
                        .collect();
                    replicas[r].resolve(&conflict.id, &choices);
                }
            }
            _ => {
                let to = dice.below(replica_count);
                if to != r {
                    let (changes, upto) = replicas[r].changes_since(seen[r][to]);
                    // Receiving owned changes (as a pull does) must do exactly what receiving
                    // borrowed ones does: the same report and the same stored documents.
                    let mut owned = replicas[to].clone();
                    let by_value = owned.receive_owned(changes.clone());
                    let by_reference = replicas[to].receive(&changes);
                    assert_eq!(by_value, by_reference);
                    let ids: Vec<String> = owned.ids().map(String::from).collect();
                    for id in ids {
                        assert_eq!(owned.export(&id), replicas[to].export(&id), "{id}");
                    }
                    assert_eq!(owned.len(), replicas[to].len());
                    seen[r][to] = upto;
                }
            }
        }
    }
    exchange_until_quiet(&mut replicas);

    for (i, replica) in replicas.iter().enumerate().skip(1) {
        for id in replicas[0].ids() {
            assert_eq!(
                replicas[0].current(id),
                replica.current(id),
                "{id} differs on replica {i}: winners {:?} / {:?}",
                replicas[0].winner(id),
                replica.winner(id)
            );
        }
        assert!(
            replicas[0] == *replica,
            "replica {i} differs from replica 0"
        );
        let ids =
            |r: &Replica| -> Vec<String> { r.conflicts().into_iter().map(|c| c.id).collect() };
        assert_eq!(
            ids(&replicas[0]),
            ids(replica),
            "conflicts differ on replica {i}"
        );
    }
    let first = &replicas[0];
    for entry in &entries_made {
        assert!(first.current(entry).is_some(), "entry {entry} was lost");
    }
    for (entry, comment) in &comments_made {
        let comments = &first.current(entry).unwrap()["comments"];
        assert!(
            comments.as_array().unwrap().contains(&json!(comment)),
            "comment {comment} on {entry} was lost: {comments}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_whatever_the_order_of_exchanges(
        seed in any::<u64>(),
        replica_count in 3usize..=5,
        steps in 10usize..120,
    ) {
        run_script(seed, replica_count, steps);
    }
}

#[test]
fn receiving_the_same_changes_twice_changes_nothing() {
    let mut a = Replica::new(policy());
    let mut b = Replica::new(policy());
    a.put("contact:a-1", body(json!({"name": "Anna"})));
    let (changes, _) = a.changes_since(0);
    assert_eq!(b.receive(&changes).added, vec!["contact:a-1".to_string()]);
    let seq = b.seq();
    assert!(b.receive(&changes).is_empty());
    assert_eq!(b.seq(), seq);
}

#[test]
fn different_fields_changed_on_two_replicas_are_both_kept_without_a_conflict() {
    let mut a = Replica::new(policy());
    let mut b = Replica::new(policy());
    a.put("contact:a-1", body(json!({"name": "Anna", "city": "Oulu"})));
    b.receive(&a.changes_since(0).0);
    a.put(
        "contact:a-1",
        body(json!({"name": "Anna K", "city": "Oulu"})),
    );
    b.put(
        "contact:a-1",
        body(json!({"name": "Anna", "city": "Turku"})),
    );
    b.receive(&a.changes_since(0).0);
    a.receive(&b.changes_since(0).0);
    assert!(a == b);
    assert_eq!(
        a.current("contact:a-1"),
        Some(body(json!({"name": "Anna K", "city": "Turku"})))
    );
    assert!(a.conflicts().is_empty());
}

#[test]
fn the_same_field_changed_on_two_replicas_is_a_conflict_with_both_values_until_resolved() {
    let mut a = Replica::new(policy());
    let mut b = Replica::new(policy());
    a.put("contact:a-1", body(json!({"name": "Anna"})));
    b.receive(&a.changes_since(0).0);
    a.put("contact:a-1", body(json!({"name": "Anna A"})));
    b.put("contact:a-1", body(json!({"name": "Anna B"})));
    b.receive(&a.changes_since(0).0);
    a.receive(&b.changes_since(0).0);
    let conflicts = a.conflicts();
    assert_eq!(conflicts.len(), 1);
    let field = &conflicts[0].fields[0];
    assert_eq!(field.field, "name");
    let mut values = vec![field.winner.clone(), field.other.clone()];
    values.sort_by_key(|v| v.to_string());
    assert_eq!(values, vec![json!("Anna A"), json!("Anna B")]);
    assert_eq!(b.conflicts(), conflicts);
    // The choice made on one replica travels to the other and ends the conflict there too.
    a.resolve("contact:a-1", &[("name".into(), json!("Anna C"))]);
    b.receive(&a.changes_since(0).0);
    assert!(b.conflicts().is_empty());
    assert_eq!(
        b.current("contact:a-1"),
        Some(body(json!({"name": "Anna C"})))
    );
}

#[test]
fn a_record_deleted_on_one_replica_and_edited_on_another_comes_back_and_is_reported() {
    let mut a = Replica::new(policy());
    let mut b = Replica::new(policy());
    a.put("contact:a-1", body(json!({"name": "Anna"})));
    b.receive(&a.changes_since(0).0);
    a.delete("contact:a-1");
    b.put("contact:a-1", body(json!({"name": "Anna B"})));
    a.receive(&b.changes_since(0).0);
    assert_eq!(
        a.current("contact:a-1"),
        Some(body(json!({"name": "Anna B"})))
    );
    assert_eq!(a.revived(), vec!["contact:a-1".to_string()]);
    a.acknowledge_revival("contact:a-1");
    assert!(a.revived().is_empty());
    b.receive(&a.changes_since(0).0);
    assert!(b.revived().is_empty());
}
