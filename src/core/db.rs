//! `Db`: every table in memory, with the indexes that segment criteria need.
//!
//! The whole database lives in memory (the store loads it at start), so previews over 100,000
//! contacts need no storage round trip. `Db` is changed only by [`Db::apply`], which takes a
//! [`Changes`] value after the store has committed it; operations elsewhere in the core take
//! `&self` and return the `Changes` they would make.
//!
//! The indexes map each classification code to the contacts that carry it, so an "at least one
//! related record matches" test over a filter section costs one pass over the (few) codes and a
//! union of their member sets, instead of a scan of every contact.

use crate::core::changes::{Changes, Counters, Record, RecordKey};
use crate::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, OpportunityId, SegmentId};
use crate::core::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Contacts grouped by one classification code.
pub type CodeIndex = HashMap<Code, BTreeSet<ContactId>>;

#[derive(Debug, Clone, Default)]
pub struct Db {
    pub contacts: BTreeMap<ContactId, Contact>,
    pub segments: BTreeMap<SegmentId, Segment>,
    pub logged_segments: BTreeMap<LoggedSegmentId, LoggedSegment>,
    pub entries: BTreeMap<EntryId, InteractionLogEntry>,
    pub opportunities: BTreeMap<OpportunityId, Opportunity>,
    pub saved_criteria: BTreeMap<Code, SavedCriteria>,
    pub classifications: BTreeMap<ClassificationKind, BTreeMap<Code, Classification>>,
    pub questionnaires: BTreeMap<Code, ProfileQuestionnaire>,
    pub salespeople: BTreeMap<Code, Salesperson>,
    pub interaction_groups: BTreeMap<Code, InteractionGroup>,
    pub templates: BTreeMap<Code, InteractionTemplate>,
    pub salutation_formulas: BTreeMap<(Code, String, SalutationKind), SalutationFormula>,
    pub our_company: OurCompany,
    pub counters: Counters,
    indexes: Indexes,
}

/// Derived lookups, rebuilt record by record in [`Db::apply`]; never stored.
#[derive(Debug, Clone, Default)]
pub struct Indexes {
    /// Persons of each company.
    pub persons_of: HashMap<ContactId, BTreeSet<ContactId>>,
    pub mailing_group: CodeIndex,
    /// Industry groups and business relations are kept on companies only.
    pub industry_group: CodeIndex,
    pub business_relation: CodeIndex,
    pub job_responsibility: CodeIndex,
    pub profile_answer: HashMap<ProfileAnswerRef, BTreeSet<ContactId>>,
    /// Interaction log entries of each contact.
    pub entries_of: HashMap<ContactId, BTreeSet<EntryId>>,
}

impl Db {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a database from records loaded from storage (in any order).
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let mut db = Db::new();
        for record in records {
            db.put(record);
        }
        db
    }

    /// Every record, for a backup or a snapshot; counters and our company included.
    pub fn records(&self) -> Vec<Record> {
        let mut out = vec![
            Record::Counters(self.counters.clone()),
            Record::OurCompany(self.our_company.clone()),
        ];
        out.extend(self.contacts.values().cloned().map(Record::Contact));
        out.extend(self.segments.values().cloned().map(Record::Segment));
        out.extend(
            self.logged_segments
                .values()
                .cloned()
                .map(Record::LoggedSegment),
        );
        out.extend(self.entries.values().cloned().map(Record::Entry));
        out.extend(
            self.opportunities
                .values()
                .cloned()
                .map(Record::Opportunity),
        );
        out.extend(
            self.saved_criteria
                .values()
                .cloned()
                .map(Record::SavedCriteria),
        );
        for (kind, table) in &self.classifications {
            out.extend(
                table
                    .values()
                    .cloned()
                    .map(|c| Record::Classification(*kind, c)),
            );
        }
        out.extend(
            self.questionnaires
                .values()
                .cloned()
                .map(Record::Questionnaire),
        );
        out.extend(self.salespeople.values().cloned().map(Record::Salesperson));
        out.extend(
            self.interaction_groups
                .values()
                .cloned()
                .map(Record::InteractionGroup),
        );
        out.extend(self.templates.values().cloned().map(Record::Template));
        out.extend(
            self.salutation_formulas
                .values()
                .cloned()
                .map(Record::SalutationFormula),
        );
        out
    }

    pub fn indexes(&self) -> &Indexes {
        &self.indexes
    }

    /// Moves the database on by a committed change set: deletes first, then puts in order, so
    /// a change set that deletes and re-puts a key keeps the put.
    pub fn apply(&mut self, changes: &Changes) {
        for key in &changes.deletes {
            self.delete(key);
        }
        for record in &changes.puts {
            self.put(record.clone());
        }
    }

    fn put(&mut self, record: Record) {
        match record {
            Record::Contact(contact) => {
                if let Some(old) = self.contacts.remove(&contact.id) {
                    self.unindex_contact(&old);
                }
                self.index_contact(&contact);
                self.contacts.insert(contact.id, contact);
            }
            Record::Segment(r) => {
                self.segments.insert(r.id, r);
            }
            Record::LoggedSegment(r) => {
                self.logged_segments.insert(r.id, r);
            }
            Record::Entry(entry) => {
                if let Some(old) = self.entries.remove(&entry.id) {
                    remove_from(&mut self.indexes.entries_of, &old.contact, &old.id);
                }
                self.indexes
                    .entries_of
                    .entry(entry.contact)
                    .or_default()
                    .insert(entry.id);
                self.entries.insert(entry.id, entry);
            }
            Record::Opportunity(r) => {
                self.opportunities.insert(r.id, r);
            }
            Record::SavedCriteria(r) => {
                self.saved_criteria.insert(r.code.clone(), r);
            }
            Record::Classification(kind, r) => {
                self.classifications
                    .entry(kind)
                    .or_default()
                    .insert(r.code.clone(), r);
            }
            Record::Questionnaire(r) => {
                self.questionnaires.insert(r.code.clone(), r);
            }
            Record::Salesperson(r) => {
                self.salespeople.insert(r.code.clone(), r);
            }
            Record::InteractionGroup(r) => {
                self.interaction_groups.insert(r.code.clone(), r);
            }
            Record::Template(r) => {
                self.templates.insert(r.code.clone(), r);
            }
            Record::SalutationFormula(r) => {
                let key = (r.salutation_code.clone(), r.language.clone(), r.kind);
                self.salutation_formulas.insert(key, r);
            }
            Record::OurCompany(r) => self.our_company = r,
            Record::Counters(r) => self.counters = r,
        }
    }

    fn delete(&mut self, key: &RecordKey) {
        match key {
            RecordKey::Contact(id) => {
                if let Some(old) = self.contacts.remove(id) {
                    self.unindex_contact(&old);
                }
            }
            RecordKey::Segment(id) => {
                self.segments.remove(id);
            }
            RecordKey::LoggedSegment(id) => {
                self.logged_segments.remove(id);
            }
            RecordKey::Entry(id) => {
                if let Some(old) = self.entries.remove(id) {
                    remove_from(&mut self.indexes.entries_of, &old.contact, &old.id);
                }
            }
            RecordKey::Opportunity(id) => {
                self.opportunities.remove(id);
            }
            RecordKey::SavedCriteria(code) => {
                self.saved_criteria.remove(code);
            }
            RecordKey::Classification(kind, code) => {
                if let Some(table) = self.classifications.get_mut(kind) {
                    table.remove(code);
                }
            }
            RecordKey::Questionnaire(code) => {
                self.questionnaires.remove(code);
            }
            RecordKey::Salesperson(code) => {
                self.salespeople.remove(code);
            }
            RecordKey::InteractionGroup(code) => {
                self.interaction_groups.remove(code);
            }
            RecordKey::Template(code) => {
                self.templates.remove(code);
            }
            RecordKey::SalutationFormula(code, language, kind) => {
                self.salutation_formulas
                    .remove(&(code.clone(), language.clone(), *kind));
            }
        }
    }

    fn index_contact(&mut self, contact: &Contact) {
        let id = contact.id;
        let ix = &mut self.indexes;
        if let Some(company) = contact.company {
            ix.persons_of.entry(company).or_default().insert(id);
        }
        for code in &contact.mailing_groups {
            ix.mailing_group.entry(code.clone()).or_default().insert(id);
        }
        for code in &contact.industry_groups {
            ix.industry_group
                .entry(code.clone())
                .or_default()
                .insert(id);
        }
        for code in &contact.business_relations {
            ix.business_relation
                .entry(code.clone())
                .or_default()
                .insert(id);
        }
        for code in &contact.job_responsibilities {
            ix.job_responsibility
                .entry(code.clone())
                .or_default()
                .insert(id);
        }
        for answer in &contact.profile_answers {
            ix.profile_answer
                .entry(answer.clone())
                .or_default()
                .insert(id);
        }
    }

    fn unindex_contact(&mut self, contact: &Contact) {
        let id = contact.id;
        let ix = &mut self.indexes;
        if let Some(company) = contact.company {
            remove_from(&mut ix.persons_of, &company, &id);
        }
        for code in &contact.mailing_groups {
            remove_from(&mut ix.mailing_group, code, &id);
        }
        for code in &contact.industry_groups {
            remove_from(&mut ix.industry_group, code, &id);
        }
        for code in &contact.business_relations {
            remove_from(&mut ix.business_relation, code, &id);
        }
        for code in &contact.job_responsibilities {
            remove_from(&mut ix.job_responsibility, code, &id);
        }
        for answer in &contact.profile_answers {
            remove_from(&mut ix.profile_answer, answer, &id);
        }
    }

    pub fn contact(&self, id: ContactId) -> Option<&Contact> {
        self.contacts.get(&id)
    }

    /// The persons of a company, in id order.
    pub fn persons_of(&self, company: ContactId) -> impl Iterator<Item = &Contact> + '_ {
        self.indexes
            .persons_of
            .get(&company)
            .into_iter()
            .flatten()
            .filter_map(|id| self.contacts.get(id))
    }

    /// The interaction log entries of a contact, oldest id first.
    pub fn entries_of(
        &self,
        contact: ContactId,
    ) -> impl Iterator<Item = &InteractionLogEntry> + '_ {
        self.indexes
            .entries_of
            .get(&contact)
            .into_iter()
            .flatten()
            .filter_map(|id| self.entries.get(id))
    }

    /// The company name shown for a contact: its own name for a company, its company's for a person.
    pub fn company_name_of(&self, contact: &Contact) -> String {
        match contact.company_no() {
            Some(company) if company == contact.id => contact.name.clone(),
            Some(company) => self
                .contacts
                .get(&company)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            None => String::new(),
        }
    }

    /// The segments (not yet logged) that have a line for this contact.
    pub fn segments_with(&self, contact: ContactId) -> impl Iterator<Item = &Segment> + '_ {
        self.segments
            .values()
            .filter(move |s| s.lines.iter().any(|l| l.contact == contact))
    }
}

fn remove_from<K: std::hash::Hash + Eq, V: Ord>(
    index: &mut HashMap<K, BTreeSet<V>>,
    key: &K,
    value: &V,
) {
    if let Some(set) = index.get_mut(key) {
        set.remove(value);
        if set.is_empty() {
            index.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(id: u32, name: &str) -> Contact {
        Contact {
            id: ContactId(id),
            kind: ContactKind::Company,
            name: name.into(),
            ..Default::default()
        }
    }

    fn person(id: u32, company: Option<u32>, name: &str) -> Contact {
        Contact {
            id: ContactId(id),
            company: company.map(ContactId),
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn applying_a_contact_indexes_its_company_and_groups() {
        let mut db = Db::new();
        let mut p = person(2, Some(1), "Anna");
        p.mailing_groups.insert(Code::new("gift"));
        let mut changes = Changes::new();
        changes
            .put(Record::Contact(company(1, "Acme")))
            .put(Record::Contact(p));
        db.apply(&changes);
        assert_eq!(db.persons_of(ContactId(1)).count(), 1);
        assert!(db.indexes().mailing_group[&Code::new("GIFT")].contains(&ContactId(2)));
        assert_eq!(db.company_name_of(&db.contacts[&ContactId(2)]), "Acme");
    }

    #[test]
    fn replacing_a_contact_moves_it_between_index_entries() {
        let mut db = Db::new();
        let mut p = person(2, Some(1), "Anna");
        p.mailing_groups.insert(Code::new("A"));
        db.apply(Changes::new().put(Record::Contact(p.clone())));
        p.mailing_groups = [Code::new("B")].into();
        p.company = None;
        db.apply(Changes::new().put(Record::Contact(p)));
        assert!(!db.indexes().mailing_group.contains_key(&Code::new("A")));
        assert!(db.indexes().mailing_group[&Code::new("B")].contains(&ContactId(2)));
        assert_eq!(db.persons_of(ContactId(1)).count(), 0);
    }

    #[test]
    fn records_round_trip_through_from_records() {
        let mut db = Db::new();
        db.apply(
            Changes::new()
                .put(Record::Contact(company(1, "Acme")))
                .put(Record::Counters(Counters {
                    contact: 1,
                    ..Default::default()
                })),
        );
        let copy = Db::from_records(db.records());
        assert_eq!(copy.contacts, db.contacts);
        assert_eq!(copy.counters, db.counters);
    }
}
