//! The merge rule for two versions of one record that changed apart (`team.md`, "Merge rules").
//!
//! Records are merged field by field against the version both started from: a field only one
//! side changed takes that side's value; a field both sides changed to the same value takes it;
//! a field both sides changed to different values is a conflict, reported with both values so
//! that a person can choose. A few fields are lists that only ever grow in meaning (comments on
//! an interaction log entry): those are merged as a union, so that nobody's comment is lost.
//!
//! The merge is told which side is the winner (CouchDB's rule, decided by the revision tree), and
//! lists the winner's items first, so every replica that merges the same two versions gets the
//! same result, byte for byte, and hence the same revision.

use crate::core::merge::three_way;
use serde_json::{Map, Value};

/// One field both sides changed to different values.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    /// The value the shown (winning) version has.
    pub winner: Value,
    /// The value the other version has.
    pub other: Value,
}

/// The result of merging two versions of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Every field merged; a conflicting field holds the winner's value.
    pub body: Map<String, Value>,
    /// The fields both sides changed differently; empty when the merge needs nobody.
    pub conflicts: Vec<FieldConflict>,
}

/// Merges `winner` and `other`, which both derive from `base` (`None` when their common
/// version is not known: then every field that differs is a conflict, since nobody can tell
/// which side changed it). Fields named in `union_fields` are lists merged as a union; fields
/// named in `quiet_fields` take the winner's value when both sides changed them, without a
/// conflict.
pub fn merge3(
    base: Option<&Map<String, Value>>,
    winner: &Map<String, Value>,
    other: &Map<String, Value>,
    union_fields: &[&str],
    quiet_fields: &[&str],
) -> Merged {
    let mut body = Map::new();
    let mut conflicts = Vec::new();
    let mut fields: Vec<&String> = winner.keys().chain(other.keys()).collect();
    fields.sort();
    fields.dedup();
    for field in fields {
        let w = winner.get(field).cloned().unwrap_or(Value::Null);
        let o = other.get(field).cloned().unwrap_or(Value::Null);
        let b = base.map(|b| b.get(field).cloned().unwrap_or(Value::Null));
        let value = if w != o && union_fields.contains(&field.as_str()) {
            union(b.as_ref(), &w, &o)
        } else {
            // The winner's side plays "theirs": equal sides or an unchanged winner give the
            // winner's value first, so every replica writes the same merged body.
            match three_way(b.as_ref(), &w, &o) {
                Some(value) => value,
                // Bookkeeping (when a record was last modified) changes with every edit on both
                // sides; it follows the winner instead of making every two edits a conflict.
                None if quiet_fields.contains(&field.as_str()) => w,
                None => {
                    conflicts.push(FieldConflict {
                        field: field.clone(),
                        winner: w.clone(),
                        other: o,
                    });
                    w
                }
            }
        };
        if !value.is_null() || winner.contains_key(field) || other.contains_key(field) {
            body.insert(field.clone(), value);
        }
    }
    Merged { body, conflicts }
}

/// A list field merged as a union: the winner's items, then the other's items the winner lacks,
/// leaving out only items that one side removed from the base and the other did not add back.
fn union(base: Option<&Value>, winner: &Value, other: &Value) -> Value {
    let items = |v: &Value| -> Vec<Value> {
        match v {
            Value::Array(items) => items.clone(),
            Value::Null => Vec::new(),
            single => vec![single.clone()],
        }
    };
    let base = base.map(items).unwrap_or_default();
    let (w, o) = (items(winner), items(other));
    let removed = |item: &Value| base.contains(item) && (!w.contains(item) || !o.contains(item));
    let mut out: Vec<Value> = Vec::new();
    for item in w.iter().chain(o.iter()) {
        if !out.contains(item) && !removed(item) {
            out.push(item.clone());
        }
    }
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    /// One row of the merge table: base, winner, other → merged body and conflicting fields.
    fn check(base: Option<Value>, winner: Value, other: Value, body: Value, conflicts: &[&str]) {
        let base = base.map(map);
        let merged = merge3(base.as_ref(), &map(winner), &map(other), &["comments"], &[]);
        assert_eq!(Value::Object(merged.body), body);
        let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, conflicts);
    }

    #[test]
    fn the_merge_table() {
        // Different fields changed: both kept, no conflict.
        check(
            Some(json!({"name": "A", "city": "Oulu"})),
            json!({"name": "B", "city": "Oulu"}),
            json!({"name": "A", "city": "Turku"}),
            json!({"name": "B", "city": "Turku"}),
            &[],
        );
        // The same field changed to the same value: no conflict.
        check(
            Some(json!({"name": "A"})),
            json!({"name": "B"}),
            json!({"name": "B"}),
            json!({"name": "B"}),
            &[],
        );
        // The same field changed differently: the winner's value shows, the field is listed.
        check(
            Some(json!({"name": "A", "city": "Oulu"})),
            json!({"name": "B", "city": "Oulu"}),
            json!({"name": "C", "city": "Vaasa"}),
            json!({"name": "B", "city": "Vaasa"}),
            &["name"],
        );
        // A field added on one side only is kept.
        check(
            Some(json!({"name": "A"})),
            json!({"name": "A", "phone": "123"}),
            json!({"name": "A"}),
            json!({"name": "A", "phone": "123"}),
            &[],
        );
        // Without a known base, every difference is a conflict.
        check(
            None,
            json!({"name": "B", "city": "Oulu"}),
            json!({"name": "C", "city": "Oulu"}),
            json!({"name": "B", "city": "Oulu"}),
            &["name"],
        );
        // Comments from both sides are all kept, the winner's first.
        check(
            Some(json!({"comments": ["one"]})),
            json!({"comments": ["one", "two"]}),
            json!({"comments": ["one", "three"]}),
            json!({"comments": ["one", "two", "three"]}),
            &[],
        );
        // A comment one side removed stays removed when the other did not touch it.
        check(
            Some(json!({"comments": ["one", "two"]})),
            json!({"comments": ["two"]}),
            json!({"comments": ["one", "two", "three"]}),
            json!({"comments": ["two", "three"]}),
            &[],
        );
    }
}
