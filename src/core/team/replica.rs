//! One replica's documents with their revisions, and the exchange of changes between replicas.
//!
//! A document is one record as the team shares it: an id such as `contact:<identity>` and a JSON
//! object body (the same body a CouchDB document carries). The replica keeps each document's
//! [`RevTree`] and the bodies of its leaves and of their recent ancestors (the versions a later
//! merge may need as its base).
//!
//! Exchange is CouchDB replication reduced to its logic: [`Replica::changes_since`] lists every
//! document changed after a sequence number, with each leaf's path of revisions and its body
//! (and its parent's body, so the receiver can merge even when it has never held that version);
//! [`Replica::receive`] adds what is new, and then settles each document that now has more than
//! one live leaf:
//! * if the versions merge without a field conflict ([`merge3`]), it writes the merged version as
//!   a child of the winner and closes the other leaves with merge tombstones. The new revisions
//!   are hashes of parent and content, so every replica that settles the same leaves writes the
//!   same revisions, and the data converges whatever order exchanges happen in;
//! * otherwise the document stays in conflict: the winner shows, and [`Replica::conflicts`] lists
//!   the fields with both values until someone resolves it ([`Replica::resolve`]), which travels
//!   like any edit.
//!
//! A record deleted on one side and edited on the other keeps the edit (a live leaf wins over a
//! tombstone) and is reported by [`Replica::revived`] until someone acknowledges it.

use super::merge::{merge3, FieldConflict};
use super::revision::{next_rev, Relation, Rev, RevTree};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A document body: a JSON object.
pub type Body = Map<String, Value>;

/// How a replica merges and how much history it keeps.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The list fields of a document (by its id) that merge as a union.
    pub union_fields: fn(&str) -> &'static [&'static str],
    /// The bookkeeping fields of a document (by its id) that follow the winner when both
    /// sides changed them, instead of conflicting.
    pub quiet_fields: fn(&str) -> &'static [&'static str],
    /// Revisions kept on the path to each leaf (CouchDB's `_revs_limit`).
    pub revs_limit: usize,
    /// How many generations below each leaf keep their bodies, as bases of later merges.
    pub body_depth: usize,
}

fn no_union_fields(_: &str) -> &'static [&'static str] {
    &[]
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            union_fields: no_union_fields,
            quiet_fields: no_union_fields,
            revs_limit: 100,
            body_depth: 8,
        }
    }
}

/// The field a merge tombstone carries, so that a leaf closed by a merge is told apart from a
/// record a person deleted.
const MERGED: &str = "_merged";
/// The field an acknowledgement tombstone carries: the person has seen that a deleted record
/// came back because it was edited elsewhere.
const ACKNOWLEDGED: &str = "_seen";

#[derive(Debug, Clone, Default, PartialEq)]
struct Doc {
    tree: RevTree,
    bodies: BTreeMap<Rev, Body>,
    /// The replica's sequence number of this document's last change.
    seq: u64,
}

/// One document as a replica stores it, for storage to write and read back.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocState {
    pub id: String,
    pub seq: u64,
    /// The path (newest first) to each leaf, and whether the leaf is a tombstone.
    pub leaves: Vec<(Vec<Rev>, bool)>,
    pub bodies: Vec<(Rev, Body)>,
}

/// One revision as it travels: its path (newest first), whether it deletes, and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub path: Vec<Rev>,
    pub deleted: bool,
    pub body: Body,
}

/// One changed document as it travels: its leaves and the bodies of their parents.
#[derive(Debug, Clone, PartialEq)]
pub struct DocChange {
    pub id: String,
    pub leaves: Vec<Revision>,
    pub bases: Vec<(Rev, Body)>,
}

/// What receiving a batch of changes did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Received {
    /// Documents this replica did not have.
    pub added: Vec<String>,
    /// Documents that were already here and changed.
    pub changed: Vec<String>,
    /// Documents left in conflict after settling.
    pub in_conflict: Vec<String>,
}

impl Received {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty()
    }
}

/// A document whose versions changed the same fields differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub winner: Rev,
    pub fields: Vec<FieldConflict>,
}

/// One replica's documents.
#[derive(Debug, Clone, Default)]
pub struct Replica {
    docs: BTreeMap<String, Doc>,
    seq: u64,
    policy: Policy,
}

impl PartialEq for Replica {
    /// Two replicas hold the same data when every document has the same revisions and the same
    /// current body; sequence numbers are each replica's own.
    fn eq(&self, other: &Self) -> bool {
        self.docs.len() == other.docs.len()
            && self.docs.iter().all(|(id, doc)| {
                other.docs.get(id).is_some_and(|theirs| {
                    doc.tree == theirs.tree && self.current(id) == other.current(id)
                })
            })
    }
}

impl Replica {
    pub fn new(policy: Policy) -> Self {
        Replica {
            policy,
            ..Default::default()
        }
    }

    /// The sequence number of the last change on this replica.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Ids of every document, deleted ones included.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }

    /// The winning revision of a document and whether it is deleted.
    pub fn winner(&self, id: &str) -> Option<(Rev, bool)> {
        self.docs.get(id)?.tree.winner()
    }

    /// The current body of a document as a person sees it; `None` when it does not exist or is
    /// deleted. A document in conflict shows its versions merged, with the winner's value in
    /// each field that conflicts, so that nothing any side added is hidden meanwhile.
    pub fn current(&self, id: &str) -> Option<Body> {
        let doc = self.docs.get(id)?;
        match doc.tree.winner()? {
            (_, true) => None,
            (_, false) => merged_view(doc, self.policy, id).map(|(body, _)| body),
        }
    }

    /// Whether a document's current body is `body`, without building a copy of it when the
    /// document has one live version (capture asks this of every record on every share).
    pub fn current_is(&self, id: &str, body: &Body) -> bool {
        let Some(doc) = self.docs.get(id) else {
            return false;
        };
        match doc.tree.winner() {
            Some((rev, false)) if doc.tree.conflicts().is_empty() => {
                doc.bodies.get(&rev) == Some(body)
            }
            _ => self.current(id).as_ref() == Some(body),
        }
    }

    /// The documents that exist (not deleted), with their bodies.
    pub fn live(&self) -> impl Iterator<Item = (&str, Body)> {
        self.docs
            .keys()
            .filter_map(|id| self.current(id).map(|b| (id.as_str(), b)))
    }

    /// Writes a new version of a document on top of its winner, as a person's edit does.
    pub fn put(&mut self, id: &str, body: Body) -> Rev {
        self.write(id, false, body)
    }

    /// Deletes a document (a tombstone on top of its winner). `None` if it does not exist.
    pub fn delete(&mut self, id: &str) -> Option<Rev> {
        self.delete_with(id, Body::new())
    }

    /// Deletes a document with a tombstone whose body says why (a segment deleted because it
    /// was logged carries what it was logged as). `None` if it does not exist.
    pub fn delete_with(&mut self, id: &str, why: Body) -> Option<Rev> {
        self.current(id)?;
        Some(self.write(id, true, why))
    }

    /// Makes this replica's next change number follow `seq`: a replica that holds only some
    /// documents of another (to compute a change) numbers its changes as that one would.
    pub fn start_at(&mut self, seq: u64) {
        self.seq = self.seq.max(seq);
    }

    fn write(&mut self, id: &str, deleted: bool, body: Body) -> Rev {
        let doc = self.docs.entry(id.to_string()).or_default();
        let parent = doc.tree.winner().map(|(rev, _)| rev);
        let rev = next_rev(parent, deleted, &Value::Object(body.clone()));
        let mut path = vec![rev];
        path.extend(parent);
        doc.tree.insert_path(&path, deleted);
        doc.bodies.insert(rev, body);
        self.touch(id);
        rev
    }

    /// Ends a conflict with the values a person chose for the conflicting fields: the merged
    /// version with those values is written on top of the winner, and every other live leaf is
    /// closed. Fields nobody chose keep the merged value, so changes that did not conflict, and
    /// comments from every side, survive the choice. `None` if the document does not exist.
    pub fn resolve(&mut self, id: &str, choices: &[(String, Value)]) -> Option<Rev> {
        let doc = self.docs.get(id)?;
        let others = doc.tree.conflicts();
        let (mut body, _) = merged_view(doc, self.policy, id)?;
        for (field, value) in choices {
            body.insert(field.clone(), value.clone());
        }
        let rev = self.write(id, false, body);
        let doc = self.docs.get_mut(id).expect("just written");
        for leaf in others {
            close(doc, leaf, MERGED);
        }
        self.touch(id);
        Some(rev)
    }

    /// Documents that came back because they were edited on one replica while deleted on
    /// another, not yet acknowledged.
    pub fn revived(&self) -> Vec<String> {
        self.docs
            .iter()
            .filter(|(_, doc)| {
                let leaves = doc.tree.leaves();
                matches!(leaves.first(), Some((_, false)))
                    && leaves.iter().skip(1).any(|(rev, deleted)| {
                        *deleted
                            && doc.bodies.get(rev).is_some_and(|b| {
                                !b.contains_key(MERGED) && !b.contains_key(ACKNOWLEDGED)
                            })
                    })
            })
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Marks a revived document as seen, so that it is no longer reported; travels like an edit.
    pub fn acknowledge_revival(&mut self, id: &str) {
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        let deletions: Vec<Rev> = doc
            .tree
            .leaves()
            .into_iter()
            .skip(1)
            .filter(|(rev, deleted)| {
                *deleted && doc.bodies.get(rev).is_some_and(|b| !b.contains_key(MERGED))
            })
            .map(|(rev, _)| rev)
            .collect();
        if deletions.is_empty() {
            return;
        }
        for rev in deletions {
            close(doc, rev, ACKNOWLEDGED);
        }
        self.touch(id);
    }

    /// Closes every live version of a document as seen, leaving only tombstones: for edits to a
    /// segment that was logged elsewhere, once a person has made a new segment of them or let
    /// them go. Every replica that closes the same leaves writes the same tombstones.
    pub fn close_live(&mut self, id: &str) {
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        let live: Vec<Rev> = doc
            .tree
            .leaves()
            .into_iter()
            .filter(|(_, deleted)| !deleted)
            .map(|(rev, _)| rev)
            .collect();
        if live.is_empty() {
            return;
        }
        for rev in live {
            close(doc, rev, ACKNOWLEDGED);
        }
        self.touch(id);
    }

    /// Every document changed after `since`, as it travels, and the sequence it brings the
    /// reader up to.
    pub fn changes_since(&self, since: u64) -> (Vec<DocChange>, u64) {
        let mut out = Vec::new();
        for (id, doc) in &self.docs {
            if doc.seq <= since {
                continue;
            }
            let mut leaves = Vec::new();
            let mut bases = merge_bases(doc);
            for (leaf, deleted) in doc.tree.leaves() {
                let Some(body) = doc.bodies.get(&leaf) else {
                    continue;
                };
                let path = doc.tree.ancestry(leaf);
                if let Some(parent) = path.get(1) {
                    bases.insert(*parent);
                }
                leaves.push(Revision {
                    path,
                    deleted,
                    body: body.clone(),
                });
            }
            let bases = bases
                .into_iter()
                .filter_map(|rev| doc.bodies.get(&rev).map(|b| (rev, b.clone())))
                .collect();
            out.push(DocChange {
                id: id.clone(),
                leaves,
                bases,
            });
        }
        (out, self.seq)
    }

    /// Adds what a batch of changes brings and settles each document it changed.
    pub fn receive(&mut self, changes: &[DocChange]) -> Received {
        let mut received = Received::default();
        for change in changes {
            self.receive_doc(Cow::Borrowed(change), &mut received);
        }
        received
    }

    /// [`Replica::receive`] of changes the caller no longer needs: the bodies move into the
    /// replica instead of being copied (a pull hands over every batch this way).
    pub fn receive_owned(&mut self, changes: Vec<DocChange>) -> Received {
        let mut received = Received::default();
        for change in changes {
            self.receive_doc(Cow::Owned(change), &mut received);
        }
        received
    }

    fn receive_doc(&mut self, mut change: Cow<'_, DocChange>, received: &mut Received) {
        // A body is copied out of a borrowed change and taken out of an owned one, either way
        // only when it is new here.
        let id = change.id.clone();
        let existed = self.docs.contains_key(&id);
        let doc = self.docs.entry(id.clone()).or_default();
        let mut changed = false;
        for i in 0..change.leaves.len() {
            let revision = &change.leaves[i];
            if revision.path.is_empty() {
                continue;
            }
            changed |= doc.tree.insert_path(&revision.path, revision.deleted);
            if let std::collections::btree_map::Entry::Vacant(slot) =
                doc.bodies.entry(revision.path[0])
            {
                slot.insert(match &mut change {
                    Cow::Borrowed(change) => change.leaves[i].body.clone(),
                    Cow::Owned(change) => std::mem::take(&mut change.leaves[i].body),
                });
                changed = true;
            }
        }
        // A base is news too: it can turn a conflict over every differing field into a
        // merge, so it must reach every replica that holds the conflict.
        for i in 0..change.bases.len() {
            let rev = change.bases[i].0;
            if doc.tree.contains(rev) && !doc.bodies.contains_key(&rev) {
                let body = match &mut change {
                    Cow::Borrowed(change) => change.bases[i].1.clone(),
                    Cow::Owned(change) => std::mem::take(&mut change.bases[i].1),
                };
                doc.bodies.insert(rev, body);
                changed = true;
            }
        }
        if !changed {
            if !existed && doc.tree.is_empty() {
                self.docs.remove(&id);
            }
            return;
        }
        self.settle(&id);
        self.touch(&id);
        if existed {
            received.changed.push(id.clone());
        } else {
            received.added.push(id.clone());
        }
        if !self.docs[&id].tree.conflicts().is_empty() {
            received.in_conflict.push(id);
        }
    }

    /// Merges the live leaves of a document when no field conflicts; see the module docs.
    fn settle(&mut self, id: &str) {
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        let others = doc.tree.conflicts();
        let Some((winner, false)) = doc.tree.winner() else {
            return;
        };
        if others.is_empty() {
            return;
        }
        let Some((merged, conflicts)) = merged_view(doc, self.policy, id) else {
            return;
        };
        if !conflicts.is_empty() {
            return;
        }
        let rev = next_rev(Some(winner), false, &Value::Object(merged.clone()));
        doc.tree.insert_path(&[rev, winner], false);
        doc.bodies.insert(rev, merged);
        for other in others {
            close(doc, other, MERGED);
        }
    }

    /// Documents in conflict, with the fields that conflict and both values.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for (id, doc) in &self.docs {
            if doc.tree.conflicts().is_empty() {
                continue;
            }
            let Some((winner, false)) = doc.tree.winner() else {
                continue;
            };
            let Some((_, fields)) = merged_view(doc, self.policy, id) else {
                continue;
            };
            out.push(Conflict {
                id: id.clone(),
                winner,
                fields,
            });
        }
        out
    }

    /// One document as it is stored: its revision tree as the path to each leaf, and the bodies
    /// kept. `None` if the replica has no such document.
    pub fn export(&self, id: &str) -> Option<DocState> {
        let doc = self.docs.get(id)?;
        Some(DocState {
            id: id.to_string(),
            seq: doc.seq,
            leaves: doc
                .tree
                .leaves()
                .into_iter()
                .map(|(leaf, deleted)| (doc.tree.ancestry(leaf), deleted))
                .collect(),
            bodies: doc.bodies.iter().map(|(r, b)| (*r, b.clone())).collect(),
        })
    }

    /// Puts back a document exactly as [`Replica::export`] gave it (loading from storage), in
    /// place of whatever this replica held under its id.
    pub fn import(&mut self, state: DocState) {
        let mut doc = Doc {
            seq: state.seq,
            ..Default::default()
        };
        for (path, deleted) in &state.leaves {
            doc.tree.insert_path(path, *deleted);
        }
        doc.bodies = state.bodies.into_iter().collect();
        self.seq = self.seq.max(state.seq);
        self.docs.insert(state.id, doc);
    }

    /// Forgets a document (a stored team document deleted).
    pub fn forget(&mut self, id: &str) {
        self.docs.remove(id);
    }

    /// The body of every leaf of a document, with whether it is a tombstone, winner first.
    pub fn leaves(&self, id: &str) -> Vec<(Rev, bool, Option<&Body>)> {
        let Some(doc) = self.docs.get(id) else {
            return Vec::new();
        };
        doc.tree
            .leaves()
            .into_iter()
            .map(|(rev, deleted)| (rev, deleted, doc.bodies.get(&rev)))
            .collect()
    }

    /// The number of documents, deleted ones included.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn touch(&mut self, id: &str) {
        self.seq += 1;
        let policy = self.policy;
        if let Some(doc) = self.docs.get_mut(id) {
            doc.seq = self.seq;
            doc.tree.prune(policy.revs_limit);
            let mut keep = merge_bases(doc);
            for (leaf, _) in doc.tree.leaves() {
                keep.extend(doc.tree.ancestry(leaf).into_iter().take(policy.body_depth));
            }
            doc.bodies.retain(|rev, _| keep.contains(rev));
        }
    }

    // What CouchDB replication (`core::team::couch`) needs besides the exchange above: it asks
    // about single documents and revisions, and pushes in batches ordered by sequence.

    /// Of the given revisions of a document, those this replica does not know: the answer to
    /// CouchDB's `_revs_diff` when this replica is the target.
    pub fn missing_revs(&self, id: &str, revs: &[Rev]) -> Vec<Rev> {
        let doc = self.docs.get(id);
        revs.iter()
            .copied()
            .filter(|rev| !doc.is_some_and(|doc| doc.tree.contains(*rev)))
            .collect()
    }

    /// The documents changed after `since`, each with the sequence of its last change, oldest
    /// change first: a push goes through them in this order and checkpoints the sequence of
    /// the last one it sent.
    pub fn changed_since(&self, since: u64) -> Vec<(u64, String)> {
        let mut out: Vec<(u64, String)> = self
            .docs
            .iter()
            .filter(|(_, doc)| doc.seq > since)
            .map(|(id, doc)| (doc.seq, id.clone()))
            .collect();
        out.sort_unstable();
        out
    }

    /// One revision of a document with its path and body, as a push sends it; `None` when the
    /// replica does not know it or no longer keeps its body. A push asks the server about the
    /// leaves' revisions first and takes the bodies of the missing ones only, so that a batch
    /// the server already holds costs no copies.
    pub fn revision(&self, id: &str, rev: Rev) -> Option<Revision> {
        let doc = self.docs.get(id)?;
        let body = doc.bodies.get(&rev)?;
        Some(Revision {
            path: doc.tree.ancestry(rev),
            deleted: doc.tree.is_deleted(rev),
            body: body.clone(),
        })
    }

    /// The leaf revisions of one document, winner first, as a push asks the server about them:
    /// those of [`Replica::leaves_of`], without copying a body.
    pub fn leaf_revs(&self, id: &str) -> Vec<Rev> {
        let Some(doc) = self.docs.get(id) else {
            return Vec::new();
        };
        doc.tree
            .leaves()
            .into_iter()
            .filter(|(leaf, _)| doc.bodies.contains_key(leaf))
            .map(|(leaf, _)| leaf)
            .collect()
    }

    /// The leaves of one document with their paths and bodies, winner first, as a push sends
    /// them (without the merge bases [`Replica::changes_since`] adds: a CouchDB server keeps
    /// no bodies but the leaves').
    pub fn leaves_of(&self, id: &str) -> Vec<Revision> {
        let Some(doc) = self.docs.get(id) else {
            return Vec::new();
        };
        doc.tree
            .leaves()
            .into_iter()
            .filter_map(|(leaf, deleted)| {
                Some(Revision {
                    path: doc.tree.ancestry(leaf),
                    deleted,
                    body: doc.bodies.get(&leaf)?.clone(),
                })
            })
            .collect()
    }
}

/// The nearest common ancestors of the winner and each other live leaf: the versions a merge
/// of the document's conflict starts from, kept and shipped while the conflict lasts so that
/// every replica merges from the same base.
fn merge_bases(doc: &Doc) -> BTreeSet<Rev> {
    let Some((winner, _)) = doc.tree.winner() else {
        return BTreeSet::new();
    };
    doc.tree
        .conflicts()
        .into_iter()
        .filter_map(|other| match doc.tree.relation(winner, other) {
            Relation::BothChanged { base } => base,
            _ => None,
        })
        .collect()
}

/// The live leaves of a document merged into the winner, one after another in winner order,
/// each against its nearest common ancestor with the winner; with the fields that conflict.
/// `None` when the winner's body is not here (it always is for a leaf this replica holds).
fn merged_view(doc: &Doc, policy: Policy, id: &str) -> Option<(Body, Vec<FieldConflict>)> {
    let (union_fields, quiet_fields) = ((policy.union_fields)(id), (policy.quiet_fields)(id));
    let (winner, _) = doc.tree.winner()?;
    let mut merged = doc.bodies.get(&winner)?.clone();
    let mut conflicts = Vec::new();
    for other in doc.tree.conflicts() {
        let Some(theirs) = doc.bodies.get(&other) else {
            continue;
        };
        let base = match doc.tree.relation(winner, other) {
            Relation::BothChanged { base } => base.and_then(|b| doc.bodies.get(&b)),
            _ => None,
        };
        let result = merge3(base, &merged, theirs, union_fields, quiet_fields);
        merged = result.body;
        conflicts.extend(result.conflicts);
    }
    Some((merged, conflicts))
}

/// Closes a leaf with a tombstone whose body says why (`MERGED` or `ACKNOWLEDGED`), so that two
/// replicas closing the same leaf for the same reason write the same revision.
fn close(doc: &mut Doc, leaf: Rev, why: &str) {
    let mut body = Body::new();
    body.insert(why.to_string(), Value::Bool(true));
    let rev = next_rev(Some(leaf), true, &Value::Object(body.clone()));
    doc.tree.insert_path(&[rev, leaf], true);
    doc.bodies.insert(rev, body);
}
