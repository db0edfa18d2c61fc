//! Revisions of one record, in CouchDB's model, so that a record maps to one CouchDB document
//! without translation (`../shared/spec/team.md`, "Revisions").
//!
//! A revision is `N-hash`: the generation `N` counts the edits since the record was created and
//! the hash is the MD5 of the parent revision, the deletion flag and the record's canonical
//! content. Two replicas that make the same change to the same revision therefore make the same
//! revision, which is what lets automatic merges on different browsers agree.
//!
//! A [`RevTree`] keeps the revisions a replica knows of one record, each with its parent. The
//! leaves are the record's current versions; more than one non-deleted leaf means the record was
//! changed on two replicas that had not seen each other's change. The winner among the leaves is
//! CouchDB's: a non-deleted leaf before a deleted one, then the highest generation, then the
//! larger hash.

use md5::{Digest, Md5};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// One revision of a record: generation and content hash.
///
/// The derived order is the winner order among leaves of equal deletion state: generation
/// first, then the hash compared byte by byte, which is how CouchDB compares the lowercase hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rev {
    pub generation: u32,
    pub hash: [u8; 16],
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-", self.generation)?;
        for byte in self.hash {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Rev {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Rev {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom(format!("not a revision: {text}")))
    }
}

/// Why a text is not a revision of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRev(pub String);

impl FromStr for Rev {
    type Err = BadRev;

    /// Reads `N-<32 lowercase or uppercase hex digits>`, the only revisions this app writes.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadRev(text.to_string());
        let (generation, hex) = text.split_once('-').ok_or_else(bad)?;
        let generation: u32 = generation.parse().map_err(|_| bad())?;
        if generation == 0 || hex.len() != 32 || !hex.is_ascii() {
            return Err(bad());
        }
        let mut hash = [0u8; 16];
        for (i, byte) in hash.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Rev { generation, hash })
    }
}

/// Writes a JSON value with object keys sorted and no spaces, so that equal content always
/// gives equal bytes whatever order its fields were built in.
pub fn canonical_json(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            out.push(b'{');
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(Value::String(key.clone()).to_string().as_bytes());
                out.push(b':');
                canonical_json(&map[key], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_json(item, out);
            }
            out.push(b']');
        }
        scalar => out.extend_from_slice(scalar.to_string().as_bytes()),
    }
}

/// The revision that follows `parent` when the record becomes `body` (or is deleted).
pub fn next_rev(parent: Option<Rev>, deleted: bool, body: &Value) -> Rev {
    let mut hasher = Md5::new();
    match parent {
        Some(parent) => hasher.update(parent.to_string().as_bytes()),
        None => hasher.update(b"root"),
    }
    hasher.update(if deleted { b"|deleted|" } else { b"|present|" });
    let mut bytes = Vec::new();
    canonical_json(body, &mut bytes);
    hasher.update(&bytes);
    Rev {
        generation: parent.map_or(1, |p| p.generation + 1),
        hash: hasher.finalize().into(),
    }
}

/// How two revisions of one record relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Same,
    /// Mine is an ancestor of theirs: take theirs.
    TheirsNewer,
    /// Theirs is an ancestor of mine: keep mine.
    MineNewer,
    /// Both changed since `base`, their nearest common ancestor (`None` when the shared
    /// history was pruned away or never shared).
    BothChanged {
        base: Option<Rev>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    /// `None` for a root, or for a revision whose ancestors were pruned.
    parent: Option<Rev>,
    /// Whether this revision is a deletion (a tombstone when it is a leaf).
    deleted: bool,
}

/// The revisions of one record that a replica knows, with their parents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevTree {
    nodes: BTreeMap<Rev, Node>,
}

impl RevTree {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn contains(&self, rev: Rev) -> bool {
        self.nodes.contains_key(&rev)
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_deleted(&self, rev: Rev) -> bool {
        self.nodes.get(&rev).is_some_and(|n| n.deleted)
    }

    /// Adds a path of revisions, newest first (CouchDB's `_revisions.ids` order): `path[0]` is
    /// the leaf and each next one its parent. Revisions already known are kept; a parent learnt
    /// for a revision whose ancestors had been pruned is attached again. Returns whether the
    /// tree changed.
    pub fn insert_path(&mut self, path: &[Rev], leaf_deleted: bool) -> bool {
        let mut changed = false;
        for (i, &rev) in path.iter().enumerate() {
            let parent = path.get(i + 1).copied();
            let deleted = i == 0 && leaf_deleted;
            match self.nodes.get_mut(&rev) {
                Some(node) => {
                    if node.parent.is_none() && parent.is_some() {
                        node.parent = parent;
                        changed = true;
                    }
                    if deleted && !node.deleted {
                        node.deleted = true;
                        changed = true;
                    }
                }
                None => {
                    self.nodes.insert(rev, Node { parent, deleted });
                    changed = true;
                }
            }
        }
        changed
    }

    /// The leaves (revisions no other revision builds on), each with its deletion flag, in
    /// winner order: the winner first.
    pub fn leaves(&self) -> Vec<(Rev, bool)> {
        let parents: BTreeSet<Rev> = self.nodes.values().filter_map(|n| n.parent).collect();
        let mut leaves: Vec<(Rev, bool)> = self
            .nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev))
            .map(|(rev, node)| (*rev, node.deleted))
            .collect();
        leaves.sort_by_key(|&(rev, deleted)| std::cmp::Reverse((!deleted, rev)));
        leaves
    }

    /// The winning leaf and whether it is deleted.
    pub fn winner(&self) -> Option<(Rev, bool)> {
        self.leaves().into_iter().next()
    }

    /// Non-deleted leaves other than the winner: CouchDB's `_conflicts`.
    pub fn conflicts(&self) -> Vec<Rev> {
        self.leaves()
            .into_iter()
            .skip(1)
            .filter(|(_, deleted)| !deleted)
            .map(|(rev, _)| rev)
            .collect()
    }

    /// `rev` and its known ancestors, newest first.
    pub fn ancestry(&self, rev: Rev) -> Vec<Rev> {
        let mut out = Vec::new();
        let mut at = Some(rev);
        while let Some(current) = at {
            let Some(node) = self.nodes.get(&current) else {
                break;
            };
            out.push(current);
            at = node.parent;
        }
        out
    }

    /// How `theirs` relates to `mine` in this tree.
    pub fn relation(&self, mine: Rev, theirs: Rev) -> Relation {
        if mine == theirs {
            return Relation::Same;
        }
        let mine_line = self.ancestry(mine);
        let theirs_line = self.ancestry(theirs);
        if theirs_line.contains(&mine) {
            Relation::TheirsNewer
        } else if mine_line.contains(&theirs) {
            Relation::MineNewer
        } else {
            let base = mine_line.into_iter().find(|r| theirs_line.contains(r));
            Relation::BothChanged { base }
        }
    }

    /// Keeps at most `limit` revisions on the path to each leaf (CouchDB's `_revs_limit`),
    /// forgetting older ones; the oldest kept revision of each path becomes a root.
    pub fn prune(&mut self, limit: usize) {
        let limit = limit.max(1);
        let mut keep = BTreeSet::new();
        for (leaf, _) in self.leaves() {
            keep.extend(self.ancestry(leaf).into_iter().take(limit));
        }
        self.nodes.retain(|rev, _| keep.contains(rev));
        let known: BTreeSet<Rev> = self.nodes.keys().copied().collect();
        for node in self.nodes.values_mut() {
            if node.parent.is_some_and(|p| !known.contains(&p)) {
                node.parent = None;
            }
        }
    }

    /// Every revision known, oldest generation first.
    pub fn revs(&self) -> impl Iterator<Item = Rev> + '_ {
        self.nodes.keys().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_revision_reads_back_what_it_writes() {
        let rev = next_rev(None, false, &json!({"name": "Anna"}));
        assert_eq!(rev.generation, 1);
        let text = rev.to_string();
        assert_eq!(text.len(), 2 + 32);
        assert_eq!(text.parse::<Rev>().unwrap(), rev);
        for bad in [
            "",
            "1",
            "0-00000000000000000000000000000000",
            "1-xyz",
            "a-b",
            "1-é",
        ] {
            assert!(bad.parse::<Rev>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_change_on_two_replicas_makes_the_same_revision() {
        let first = next_rev(None, false, &json!({"a": 1, "b": [1, {"y": 2, "x": 1}]}));
        let again = next_rev(None, false, &json!({"b": [1, {"x": 1, "y": 2}], "a": 1}));
        assert_eq!(first, again);
        assert_ne!(first, next_rev(None, true, &json!({"a": 1})));
        assert_ne!(
            first,
            next_rev(None, false, &json!({"a": 2, "b": [1, {"y": 2, "x": 1}]}))
        );
    }

    #[test]
    fn the_winner_is_a_live_leaf_of_the_highest_generation_then_the_larger_hash() {
        let root = next_rev(None, false, &json!({"v": 0}));
        let a = next_rev(Some(root), false, &json!({"v": 1}));
        let b = next_rev(Some(root), false, &json!({"v": 2}));
        let b2 = next_rev(Some(b), true, &json!({}));
        let mut tree = RevTree::new();
        tree.insert_path(&[a, root], false);
        tree.insert_path(&[b, root], false);
        assert_eq!(tree.winner().unwrap().0, a.max(b));
        assert_eq!(tree.conflicts(), vec![a.min(b)]);
        // A deleted leaf of a higher generation loses to a live one.
        tree.insert_path(&[b2, b, root], true);
        assert_eq!(tree.winner(), Some((a, false)));
        assert!(tree.conflicts().is_empty());
    }

    #[test]
    fn relation_tells_newer_from_both_changed() {
        let root = next_rev(None, false, &json!({"v": 0}));
        let mine = next_rev(Some(root), false, &json!({"v": 1}));
        let theirs = next_rev(Some(root), false, &json!({"v": 2}));
        let later = next_rev(Some(mine), false, &json!({"v": 3}));
        let mut tree = RevTree::new();
        tree.insert_path(&[later, mine, root], false);
        tree.insert_path(&[theirs, root], false);
        assert_eq!(tree.relation(mine, later), Relation::TheirsNewer);
        assert_eq!(tree.relation(later, mine), Relation::MineNewer);
        assert_eq!(
            tree.relation(later, theirs),
            Relation::BothChanged { base: Some(root) }
        );
    }

    #[test]
    fn pruning_keeps_the_newest_revisions_of_each_leaf() {
        let mut tree = RevTree::new();
        let mut path = vec![next_rev(None, false, &json!(0))];
        for i in 1..10 {
            let next = next_rev(Some(path[0]), false, &json!(i));
            path.insert(0, next);
        }
        tree.insert_path(&path, false);
        tree.prune(3);
        assert_eq!(tree.len(), 3);
        assert_eq!(tree.ancestry(path[0]), path[..3].to_vec());
        // The full path arriving again re-attaches nothing that was pruned as new leaves.
        assert_eq!(tree.winner().unwrap().0, path[0]);
    }
}
