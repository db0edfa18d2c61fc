//! Matching criteria against the contacts: the contact sets the index-backed sections are
//! answered with, the [`Matcher`] that tests contacts (one at a time, or by scanning the table's
//! columns), and the [`Db`] operations built on it.
//!
//! Apart from the vocabulary because it needs the database (its indexes and columns), which the
//! vocabulary, stored inside the model, must not.

use crate::core::condition::Condition;
use crate::core::criteria::view::{ContactView, ContactViewBuffers};
use crate::core::criteria::vocabulary::{
    walk, ContactField, ContactFilter, Criteria, EntryField, ProfileField,
};
use crate::core::db::{Column, Db, NONE};
use crate::core::filter::{FieldKind, Filter, Value};
use crate::core::ids::ContactId;
use crate::core::model::{AttrValue, Contact};
use std::collections::HashSet;
use std::sync::Arc;

/// The view's constructor lives here rather than in `view.rs`, which must not import the
/// database (the database reads fields through views).
impl<'a> ContactView<'a> {
    /// A view of `contact`, filling the derived values from `db` into `buffers`.
    pub fn new(db: &'a Db, contact: &'a Contact, buffers: &'a mut ContactViewBuffers) -> Self {
        buffers.no = db.no(contact.id);
        buffers.company_no = contact.company_no().map(|id| db.no(id)).unwrap_or_default();
        ContactView {
            contact,
            no: &buffers.no,
            company_no: &buffers.company_no,
            company_name: db.company_name(contact),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Contact sets

/// A set of contacts. Contact ids come from a counter and are dense, so a bitmap indexed by id
/// is both the smallest and the fastest form; ids far beyond the number of contacts (a hand-made
/// or foreign backup) fall back to a hash set, so that no input can demand a huge allocation.
#[derive(Debug, Clone)]
pub(crate) struct ContactSet {
    repr: Repr,
    len: usize,
}

#[derive(Debug, Clone)]
enum Repr {
    Bits { words: Vec<u64>, cap_words: usize },
    Sparse(HashSet<ContactId>),
}

impl ContactSet {
    /// An empty set sized for the contacts of `db`.
    pub(crate) fn for_db(db: &Db) -> Self {
        let count = db.contacts.len();
        let max = db.contacts.max_id().map_or(0, |id| id.0 as usize);
        // A bitmap costs max/8 bytes. Counter-made ids stay close to the number of contacts;
        // only ids far beyond it (a foreign or hand-made file) make the hash set worth it.
        if max >= count * 64 + (1 << 20) {
            return ContactSet {
                repr: Repr::Sparse(HashSet::new()),
                len: 0,
            };
        }
        // Ids a little beyond the largest (a contact being added) still fit the bitmap.
        let cap_bits = (max + 1).max(count * 4).max(1 << 16);
        ContactSet {
            repr: Repr::Bits {
                words: vec![0; max / 64 + 1],
                cap_words: cap_bits / 64 + 1,
            },
            len: 0,
        }
    }

    pub(crate) fn insert(&mut self, id: ContactId) -> bool {
        let index = id.0 as usize;
        let added = match &mut self.repr {
            Repr::Bits { words, cap_words } => {
                let word = index / 64;
                if word >= words.len() {
                    if word < *cap_words {
                        words.resize(word + 1, 0);
                    } else {
                        self.make_sparse();
                        return self.insert(id);
                    }
                }
                let bit = 1u64 << (index % 64);
                let added = words[word] & bit == 0;
                words[word] |= bit;
                added
            }
            Repr::Sparse(set) => set.insert(id),
        };
        if added {
            self.len += 1;
        }
        added
    }

    fn make_sparse(&mut self) {
        let ids: HashSet<ContactId> = self.iter().collect();
        self.repr = Repr::Sparse(ids);
    }

    pub(crate) fn contains(&self, id: ContactId) -> bool {
        match &self.repr {
            Repr::Bits { words, .. } => {
                let index = id.0 as usize;
                words
                    .get(index / 64)
                    .is_some_and(|word| word & (1u64 << (index % 64)) != 0)
            }
            Repr::Sparse(set) => set.contains(&id),
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The members, in ascending id order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = ContactId> + '_> {
        match &self.repr {
            Repr::Bits { words, .. } => Box::new(words.iter().enumerate().flat_map(|(i, &w)| {
                let mut word = w;
                std::iter::from_fn(move || {
                    if word == 0 {
                        return None;
                    }
                    let bit = word.trailing_zeros();
                    word &= word - 1;
                    Some(ContactId((i * 64) as u32 + bit))
                })
            })),
            Repr::Sparse(set) => {
                let mut ids: Vec<ContactId> = set.iter().copied().collect();
                ids.sort_unstable();
                Box::new(ids.into_iter())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Matching

/// Criteria made ready to test contacts: the index-backed sections are turned into contact sets
/// once, so each contact then costs a few bit tests plus its own field and entry filters.
pub(crate) struct Matcher<'a> {
    db: &'a Db,
    contact: Option<&'a ContactFilter>,
    /// The contact condition over the table's text columns, for tests by row (see
    /// [`Matcher::scanning`]).
    compiled: Option<Compiled<'a>>,
    /// Whether the contact condition reads derived values (numbers, company name).
    derived: bool,
    /// Sets the contact itself must belong to (mailing groups, job responsibilities, profile).
    own: Vec<ContactSet>,
    /// Sets the contact's company must belong to (industry groups, business relations).
    company: Vec<ContactSet>,
    entries: Option<&'a Condition<EntryField>>,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(db: &'a Db, criteria: &'a Criteria) -> Self {
        let ix = db.indexes();
        let code_set = |index: &crate::core::db::CodeIndex, filter: &Filter| {
            let mut set = ContactSet::for_db(db);
            for (code, members) in index {
                if filter.matches(&Value::Text(code.as_str())) {
                    for id in members {
                        set.insert(*id);
                    }
                }
            }
            set
        };
        let mut own = Vec::new();
        let mut company = Vec::new();
        if let Some(filter) = &criteria.mailing_group {
            own.push(code_set(&ix.mailing_group, filter));
        }
        if let Some(filter) = &criteria.job_responsibility {
            own.push(code_set(&ix.job_responsibility, filter));
        }
        if let Some(condition) = &criteria.profile {
            let mut set = ContactSet::for_db(db);
            for (answer, members) in &ix.profile_answer {
                let passes = condition.matches(&|field: &ProfileField| match field {
                    ProfileField::Questionnaire => Value::Text(answer.questionnaire.as_str()),
                    ProfileField::Answer => Value::Number(f64::from(answer.answer)),
                });
                if passes {
                    for id in members {
                        set.insert(*id);
                    }
                }
            }
            own.push(set);
        }
        if let Some(filter) = &criteria.industry_group {
            company.push(code_set(&ix.industry_group, filter));
        }
        if let Some(filter) = &criteria.business_relation {
            company.push(code_set(&ix.business_relation, filter));
        }
        let mut derived = false;
        if let Some(contact) = &criteria.contact {
            walk(contact, &mut |field, _| derived |= field.needs_derived());
        }
        Matcher {
            db,
            contact: criteria.contact.as_ref(),
            compiled: None,
            derived,
            own,
            company,
            entries: criteria.entries.as_ref(),
        }
    }

    /// A matcher for testing many stored contacts: the contact condition's filters on text
    /// fields are matched once per distinct value of the field's column ([`Db::column`]), so a
    /// contact's test is an array lookup. Worth it for scans; for one contact use [`Self::new`].
    pub(crate) fn scanning(db: &'a Db, criteria: &'a Criteria) -> Self {
        let mut matcher = Matcher::new(db, criteria);
        matcher.compiled = criteria
            .contact
            .as_ref()
            .map(|condition| Compiled::of(db, condition));
        matcher
    }

    /// Whether the stored contact with this id passes every section. The sets that need only
    /// the id are tested before the contact is looked up.
    pub(crate) fn matches_id(&self, id: ContactId) -> bool {
        if !self.own.iter().all(|set| set.contains(id)) {
            return false;
        }
        let table = &self.db.contacts;
        let Some(row) = table.row_of(id) else {
            return false;
        };
        let Some(contact) = table.rows()[row].as_ref() else {
            return false;
        };
        self.matches_company(contact) && self.matches_fields_at(contact, Some(row))
    }

    /// Whether a company passes the sections that are checked on the company (industry groups,
    /// business relations). When it does not, none of its contacts can match.
    pub(crate) fn company_passes(&self, company: ContactId) -> bool {
        self.company.iter().all(|set| set.contains(company))
    }

    /// Whether one contact passes every section. The contact need not be stored, so its own
    /// values are read, never the columns.
    pub(crate) fn matches(&self, contact: &Contact) -> bool {
        self.own.iter().all(|set| set.contains(contact.id))
            && self.matches_company(contact)
            && self.matches_fields_at(contact, None)
    }

    /// The company-level sections: reference-bc.md §2.2, linked on Company No.; a person
    /// without one never matches.
    fn matches_company(&self, contact: &Contact) -> bool {
        if self.company.is_empty() {
            return true;
        }
        contact
            .company_no()
            .is_some_and(|company| self.company.iter().all(|set| set.contains(company)))
    }

    /// [`Self::matches_fields_at`] for the stored contact in `row`. When the contact condition
    /// is answered by the text columns alone and there is no entries section, the contact
    /// record is not read at all, so a scan touches only the columns.
    fn matches_row(&self, row: usize) -> bool {
        let rows = self.db.contacts.rows();
        match &self.compiled {
            Some(compiled) if !self.derived && self.entries.is_none() => {
                let value_of = |field: &ContactField| {
                    rows[row]
                        .as_ref()
                        .map_or(Value::Empty, |c| field.value(&ContactView::plain(c)))
                };
                compiled.matches(row, &value_of)
            }
            _ => rows[row]
                .as_ref()
                .is_some_and(|contact| self.matches_fields_at(contact, Some(row))),
        }
    }

    /// Whether a contact passes the contact section and the entries section; the
    /// index-backed sections are the caller's to check. `row` is the contact's row in the
    /// table when it is the stored contact, so the text columns may answer for it.
    fn matches_fields_at(&self, contact: &Contact, row: Option<usize>) -> bool {
        if let Some(condition) = self.contact {
            let compiled = self.compiled.as_ref().zip(row);
            let passes = if self.derived {
                let mut buffers = ContactViewBuffers::default();
                let view = ContactView::new(self.db, contact, &mut buffers);
                let value_of = |field: &ContactField| field.value(&view);
                match compiled {
                    Some((compiled, row)) => compiled.matches(row, &value_of),
                    None => condition.matches(&value_of),
                }
            } else {
                let view = ContactView::plain(contact);
                let value_of = |field: &ContactField| field.value(&view);
                match compiled {
                    Some((compiled, row)) => compiled.matches(row, &value_of),
                    None => condition.matches(&value_of),
                }
            };
            if !passes {
                return false;
            }
        }
        if let Some(condition) = self.entries {
            // Linked on Contact No. AND Contact Company No. (§2.2), so a company matches only
            // on entries logged against the company itself.
            let company = contact.company_no();
            let any = self.db.entries_of(contact.id).any(|entry| {
                entry.company == company
                    && condition.matches(&|field: &EntryField| field.value(entry))
            });
            if !any {
                return false;
            }
        }
        true
    }

    /// Every contact that passes, in id order.
    ///
    /// With index-backed sections, one pass over the table's [`crate::core::db::Hot`] column (8 bytes per
    /// contact) tests each contact's id against the sets of its own and its Company No. against
    /// the company-level sets, which expands companies to their persons without any lookup; only
    /// the contacts left are read, and only when the contact fields or the entries still need
    /// testing. Without any index-backed section the candidates are the contacts that have
    /// entries (when the entries section is used) or, for the contact section alone, all.
    pub(crate) fn matching(&self) -> Vec<ContactId> {
        let db = self.db;
        let table = &db.contacts;
        let needs_record = self.contact.is_some() || self.entries.is_some();
        if !self.own.is_empty() || !self.company.is_empty() {
            let mut out = Vec::new();
            for (row, hot) in table.hot().iter().enumerate() {
                if hot.id == NONE {
                    continue;
                }
                if !self.company.is_empty()
                    && (hot.company_no == NONE
                        || !self
                            .company
                            .iter()
                            .all(|set| set.contains(ContactId(hot.company_no))))
                {
                    continue;
                }
                if !self.own.iter().all(|set| set.contains(ContactId(hot.id))) {
                    continue;
                }
                if needs_record && !self.matches_row(row) {
                    continue;
                }
                out.push(ContactId(hot.id));
            }
            return out;
        }
        if self.entries.is_some() {
            let mut ids: Vec<ContactId> = db.indexes().entries_of.keys().copied().collect();
            ids.sort_unstable();
            return ids
                .into_iter()
                .filter(|id| {
                    table.row_of(*id).is_some_and(|row| {
                        table.rows()[row]
                            .as_ref()
                            .is_some_and(|c| self.matches_fields_at(c, Some(row)))
                    })
                })
                .collect();
        }
        table
            .hot()
            .iter()
            .enumerate()
            .filter(|(row, hot)| hot.id != NONE && self.matches_row(*row))
            .map(|(_, hot)| ContactId(hot.id))
            .collect()
    }
}

/// A contact condition prepared for tests by table row: a filter on a text field with a
/// column is matched once per distinct value, and a row's test reads its value's number.
/// Groups keep the short-circuit rules of [`Condition::matches`].
enum Compiled<'a> {
    Column {
        column: Arc<Column>,
        pass: Vec<bool>,
    },
    Field(&'a ContactField, &'a Filter),
    And(Vec<Compiled<'a>>),
    Or(Vec<Compiled<'a>>),
    Not(Box<Compiled<'a>>),
}

impl<'a> Compiled<'a> {
    fn of(db: &Db, condition: &'a ContactFilter) -> Self {
        match condition {
            Condition::Field { field, filter } => match db.column(field) {
                Some(column) => {
                    let pass = column
                        .values
                        .iter()
                        .map(|value| filter.matches(&Value::Text(value)))
                        .collect();
                    Compiled::Column { column, pass }
                }
                None => Compiled::Field(field, filter),
            },
            Condition::And(items) => {
                Compiled::And(items.iter().map(|item| Compiled::of(db, item)).collect())
            }
            Condition::Or(items) => {
                Compiled::Or(items.iter().map(|item| Compiled::of(db, item)).collect())
            }
            Condition::Not(inner) => Compiled::Not(Box::new(Compiled::of(db, inner))),
        }
    }

    /// Whether the contact in `row`, whose other fields `value_of` reads, passes.
    fn matches<'v>(&self, row: usize, value_of: &impl Fn(&ContactField) -> Value<'v>) -> bool {
        match self {
            Compiled::Column { column, pass } => column
                .codes
                .get(row)
                .and_then(|code| pass.get(*code as usize))
                .copied()
                .unwrap_or(false),
            Compiled::Field(field, filter) => filter.matches(&value_of(field)),
            Compiled::And(items) => items.iter().all(|item| item.matches(row, value_of)),
            Compiled::Or(items) => items.iter().any(|item| item.matches(row, value_of)),
            Compiled::Not(inner) => !inner.matches(row, value_of),
        }
    }
}

impl Db {
    /// The contacts that pass all sections of `criteria`, in id order (reference-bc.md §2.2,
    /// without the Add options).
    pub fn matching_contacts(&self, criteria: &Criteria) -> Vec<ContactId> {
        Matcher::scanning(self, criteria).matching()
    }

    /// Whether one contact passes all sections of `criteria`.
    pub fn contact_matches(&self, criteria: &Criteria, contact: &Contact) -> bool {
        Matcher::new(self, criteria).matches(contact)
    }

    /// The kind of filter an attribute takes: the type of the first stored value of that name,
    /// text when no contact has it. A UI parses an attribute's filter with this kind.
    pub fn attribute_kind(&self, name: &str) -> FieldKind {
        self.contacts
            .values()
            .find_map(|contact| contact.attributes.get(name))
            .map_or(FieldKind::Text, |value| match value {
                AttrValue::Text(_) => FieldKind::Text,
                AttrValue::Number(_) => FieldKind::Number,
                AttrValue::Date(_) => FieldKind::Date,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::changes::{Changes, Record};
    use crate::core::model::Contact;

    fn db_with(ids: &[u32]) -> Db {
        let mut changes = Changes::new();
        for id in ids {
            changes.put(Record::Contact(Contact {
                id: ContactId(*id),
                ..Default::default()
            }));
        }
        Db::from_records(changes.puts)
    }

    #[test]
    fn contact_sets_keep_ids_in_order_and_count_them_once() {
        let db = db_with(&[1, 2, 3, 200]);
        let mut set = ContactSet::for_db(&db);
        for id in [200, 3, 1, 3, 70] {
            set.insert(ContactId(id));
        }
        assert_eq!(set.len(), 4);
        assert!(set.contains(ContactId(70)) && !set.contains(ContactId(2)));
        let ids: Vec<u32> = set.iter().map(|id| id.0).collect();
        assert_eq!(ids, [1, 3, 70, 200]);
    }

    #[test]
    fn contact_sets_fall_back_to_hashing_for_far_away_ids() {
        // A huge id must not make the bitmap allocate hundreds of megabytes.
        let db = db_with(&[1, 2]);
        let mut set = ContactSet::for_db(&db);
        set.insert(ContactId(2));
        set.insert(ContactId(u32::MAX));
        assert!(matches!(set.repr, Repr::Sparse(_)));
        assert!(set.contains(ContactId(u32::MAX)) && set.contains(ContactId(2)));
        let ids: Vec<u32> = set.iter().map(|id| id.0).collect();
        assert_eq!(ids, [2, u32::MAX]);
        let far = db_with(&[1, 4_000_000_000]);
        assert!(matches!(ContactSet::for_db(&far).repr, Repr::Sparse(_)));
    }
}
