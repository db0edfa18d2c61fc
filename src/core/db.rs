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
//!
//! Contacts live in a [`ContactTable`]: one dense `Vec` in id order with an id → row map, so a
//! lookup by id is an array access (no tree walk) and a scan reads memory in order. Next to the
//! rows it keeps a small column per row (id, Company No.) so that the planner can expand
//! companies to their persons with one pass over 8 bytes per contact.

use crate::core::changes::{Changes, Counters, Record, RecordKey};
use crate::core::criteria::view::ContactView;
use crate::core::criteria::vocabulary::ContactField;
use crate::core::filter::Value;
use crate::core::ids::Numbered;
use crate::core::ids::{
    Code, ContactId, EntryId, ImportBatchId, LoggedSegmentId, OpportunityId, SegmentId,
};
use crate::core::model::*;
use crate::core::team::ident::{format_no, parse_no, Gid, IdKind, Members, TeamIds, TeamSettings};
use crate::core::team::replica::{Policy, Replica};
use crate::core::unshared::{Pending, Unshared};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Contacts grouped by one classification code.
pub type CodeIndex = HashMap<Code, BTreeSet<ContactId>>;

#[derive(Debug, Clone, Default)]
pub struct Db {
    pub contacts: ContactTable,
    pub segments: BTreeMap<SegmentId, Segment>,
    pub logged_segments: BTreeMap<LoggedSegmentId, LoggedSegment>,
    pub entries: EntryTable,
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
    /// What each import changed in contacts it updated, by batch (see `ImportUndo`).
    pub import_undos: BTreeMap<ImportBatchId, ImportUndo>,
    /// What this browser knows of its team (`core::team`); empty until it first shares.
    pub team: TeamData,
    /// The records changed since the team last captured them (`core::unshared`).
    unshared: Unshared,
    indexes: Indexes,
    columns: Columns,
    edition: Edition,
}

/// Which state of the data a [`Db`] holds: a new value for every database made and every change
/// set applied, never the same for two states within one program run (the counter is shared by
/// every `Db`, so a database loaded again does not repeat an edition its predecessor had). Work
/// done in slices across several tasks (letters for a log, `production::LetterRun`) keeps the
/// edition it started on and is used only while the data is still that edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edition(u64);

impl Edition {
    fn next() -> Edition {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Edition(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl Default for Edition {
    fn default() -> Edition {
        Edition::next()
    }
}

/// The team's view from this browser: its own settings, the members it knows, the shared
/// documents with their revisions, and the ties of teammates' records to local ids.
#[derive(Debug, Clone)]
pub struct TeamData {
    pub settings: Option<TeamSettings>,
    pub members: Members,
    pub replica: Replica,
    pub ids: TeamIds,
}

impl Default for TeamData {
    fn default() -> Self {
        TeamData {
            settings: None,
            members: Members::default(),
            replica: Replica::new(team_policy()),
            ids: TeamIds::default(),
        }
    }
}

/// Comments on an interaction log entry merge as a union: nobody's comment is lost.
fn union_fields(doc_id: &str) -> &'static [&'static str] {
    if doc_id.starts_with("entry:") {
        &["comments"]
    } else {
        &[]
    }
}

/// Every record's modification stamps change with each edit; two edits of different fields must
/// not conflict over them.
fn quiet_fields(_doc_id: &str) -> &'static [&'static str] {
    &["stamps"]
}

pub fn team_policy() -> Policy {
    Policy {
        union_fields,
        quiet_fields,
        ..Policy::default()
    }
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

impl Indexes {
    fn shrink_to_fit(&mut self) {
        self.persons_of.shrink_to_fit();
        self.mailing_group.shrink_to_fit();
        self.industry_group.shrink_to_fit();
        self.business_relation.shrink_to_fit();
        self.job_responsibility.shrink_to_fit();
        self.profile_answer.shrink_to_fit();
        self.entries_of.shrink_to_fit();
    }
}

impl Db {
    pub fn new() -> Self {
        Self::default()
    }

    /// The state of the data this database holds (see [`Edition`]).
    pub fn edition(&self) -> Edition {
        self.edition
    }

    /// Builds a database from records loaded from storage (in any order).
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let mut db = Db::new();
        for record in records {
            db.put(record);
        }
        db.finish_loading();
        db
    }

    /// Puts one record loaded from storage, as [`Db::from_records`] does, so that the store can
    /// decode records straight into the database without first collecting them all. Call
    /// [`Db::finish_loading`] when every record is in.
    pub fn load_record(&mut self, record: Record) {
        if !matches!(record, Record::Contact(_)) {
            // Snapshots keep contacts together: the contact table has its final size, so
            // give back the growth slack now, before the other records take their memory.
            self.contacts.trim();
        }
        self.put(record);
    }

    /// Restores the order of the contact table after [`Db::load_record`] and gives back the
    /// memory that growing the tables left unused.
    pub fn finish_loading(&mut self) {
        self.contacts.settle();
        self.contacts.trim();
        self.entries.settle();
        self.entries.trim();
        self.indexes.shrink_to_fit();
    }

    /// Like [`Db::apply`] for a change set that is not needed afterwards (a journal entry
    /// replayed at start): its records are moved in, not cloned.
    pub fn apply_owned(&mut self, changes: Changes) {
        self.unshared.mark(&changes);
        for key in &changes.deletes {
            self.delete(key);
        }
        for record in changes.puts {
            self.put(record);
        }
        self.contacts.settle();
        self.entries.settle();
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
        out.extend(self.import_undos.values().cloned().map(Record::ImportUndo));
        out.extend(self.team.settings.clone().map(Record::TeamSettings));
        out.extend(self.team.members.0.values().cloned().map(Record::Member));
        out.extend(self.team.ids.aliases().into_iter().map(Record::Alias));
        let replica = &self.team.replica;
        out.extend(
            replica
                .ids()
                .filter_map(|id| replica.export(id))
                .map(Record::TeamDoc),
        );
        out
    }

    /// What the team's next capture should look at (`core::unshared`).
    pub fn unshared(&self) -> Pending {
        self.unshared.pending()
    }

    /// Forgets what a committed capture of `pending` took care of.
    pub fn settle_unshared(&mut self, pending: &Pending) {
        self.unshared
            .settle(pending.everything, &pending.keys, pending.through);
    }

    /// The keys of every record that travels to the team, and `None` for our company: what a
    /// first capture after opening the database looks at.
    pub fn shared_keys(&self) -> Vec<Option<RecordKey>> {
        let mut keys = vec![None];
        keys.extend(
            self.contacts
                .values()
                .map(|r| Some(RecordKey::Contact(r.id))),
        );
        keys.extend(self.segments.keys().map(|id| Some(RecordKey::Segment(*id))));
        keys.extend(
            self.logged_segments
                .keys()
                .map(|id| Some(RecordKey::LoggedSegment(*id))),
        );
        keys.extend(self.entries.values().map(|r| Some(RecordKey::Entry(r.id))));
        keys.extend(
            self.opportunities
                .keys()
                .map(|id| Some(RecordKey::Opportunity(*id))),
        );
        keys.extend(
            self.saved_criteria
                .keys()
                .map(|c| Some(RecordKey::SavedCriteria(c.clone()))),
        );
        for (kind, table) in &self.classifications {
            keys.extend(
                table
                    .keys()
                    .map(|c| Some(RecordKey::Classification(*kind, c.clone()))),
            );
        }
        keys.extend(
            self.questionnaires
                .keys()
                .map(|c| Some(RecordKey::Questionnaire(c.clone()))),
        );
        keys.extend(
            self.salespeople
                .keys()
                .map(|c| Some(RecordKey::Salesperson(c.clone()))),
        );
        keys.extend(
            self.interaction_groups
                .keys()
                .map(|c| Some(RecordKey::InteractionGroup(c.clone()))),
        );
        keys.extend(
            self.templates
                .keys()
                .map(|c| Some(RecordKey::Template(c.clone()))),
        );
        keys.extend(
            self.salutation_formulas
                .keys()
                .map(|(c, l, k)| Some(RecordKey::SalutationFormula(c.clone(), l.clone(), *k))),
        );
        keys.extend(
            self.team
                .members
                .0
                .keys()
                .map(|o| Some(RecordKey::Member(*o))),
        );
        keys
    }

    /// The record stored under `key` (`None` for our company), if it is here.
    pub fn record(&self, key: &Option<RecordKey>) -> Option<Record> {
        let Some(key) = key else {
            return Some(Record::OurCompany(self.our_company.clone()));
        };
        Some(match key {
            RecordKey::Contact(id) => Record::Contact(self.contacts.get(id)?.clone()),
            RecordKey::Segment(id) => Record::Segment(self.segments.get(id)?.clone()),
            RecordKey::LoggedSegment(id) => {
                Record::LoggedSegment(self.logged_segments.get(id)?.clone())
            }
            RecordKey::Entry(id) => Record::Entry(self.entries.get(id)?.clone()),
            RecordKey::Opportunity(id) => Record::Opportunity(self.opportunities.get(id)?.clone()),
            RecordKey::SavedCriteria(code) => {
                Record::SavedCriteria(self.saved_criteria.get(code)?.clone())
            }
            RecordKey::Classification(kind, code) => {
                Record::Classification(*kind, self.classifications.get(kind)?.get(code)?.clone())
            }
            RecordKey::Questionnaire(code) => {
                Record::Questionnaire(self.questionnaires.get(code)?.clone())
            }
            RecordKey::Salesperson(code) => {
                Record::Salesperson(self.salespeople.get(code)?.clone())
            }
            RecordKey::InteractionGroup(code) => {
                Record::InteractionGroup(self.interaction_groups.get(code)?.clone())
            }
            RecordKey::Template(code) => Record::Template(self.templates.get(code)?.clone()),
            RecordKey::SalutationFormula(code, language, kind) => Record::SalutationFormula(
                self.salutation_formulas
                    .get(&(code.clone(), language.clone(), *kind))?
                    .clone(),
            ),
            RecordKey::ImportUndo(batch) => {
                Record::ImportUndo(self.import_undos.get(batch)?.clone())
            }
            RecordKey::TeamDoc(id) => Record::TeamDoc(self.team.replica.export(id)?),
            RecordKey::Alias(kind, local) => Record::Alias(crate::core::team::ident::Alias {
                kind: *kind,
                local: *local,
                gid: self.team.ids.foreign(*kind, *local)?,
            }),
            RecordKey::Member(origin) => Record::Member(self.team.members.0.get(origin)?.clone()),
        })
    }

    /// Whether a record with this key is here.
    pub fn has(&self, key: &RecordKey) -> bool {
        match key {
            RecordKey::Contact(id) => self.contacts.get(id).is_some(),
            RecordKey::Segment(id) => self.segments.contains_key(id),
            RecordKey::LoggedSegment(id) => self.logged_segments.contains_key(id),
            RecordKey::Entry(id) => self.entries.get(id).is_some(),
            RecordKey::Opportunity(id) => self.opportunities.contains_key(id),
            RecordKey::SavedCriteria(code) => self.saved_criteria.contains_key(code),
            RecordKey::Classification(kind, code) => self
                .classifications
                .get(kind)
                .is_some_and(|t| t.contains_key(code)),
            RecordKey::Questionnaire(code) => self.questionnaires.contains_key(code),
            RecordKey::Salesperson(code) => self.salespeople.contains_key(code),
            RecordKey::InteractionGroup(code) => self.interaction_groups.contains_key(code),
            RecordKey::Template(code) => self.templates.contains_key(code),
            RecordKey::SalutationFormula(code, language, kind) => self
                .salutation_formulas
                .contains_key(&(code.clone(), language.clone(), *kind)),
            RecordKey::ImportUndo(batch) => self.import_undos.contains_key(batch),
            RecordKey::TeamDoc(id) => self.team.replica.export(id).is_some(),
            RecordKey::Alias(kind, local) => self.team.ids.foreign(*kind, *local).is_some(),
            RecordKey::Member(origin) => self.team.members.0.contains_key(origin),
        }
    }

    /// The number people see for a record (`CT000123` alone, `CT-AV000123` in a team): made
    /// from the record's global identity and the code of the member who created it, so two
    /// records in a team's data never show one number (`core::team::ident`).
    pub fn no(&self, id: impl Numbered) -> String {
        let (kind, local) = (id.kind(), id.local());
        if let Some(gid) = self.team.ids.foreign(kind, local) {
            let code = self.team.members.display_code(gid.origin);
            return format_no(kind, Some(&code), gid.serial);
        }
        match &self.team.settings {
            Some(settings) => {
                let code = self.team.members.display_code(settings.origin);
                format_no(kind, Some(&code), local)
            }
            None => format_no(kind, None, local),
        }
    }

    /// Reads a number a person typed back to the record's local id: the team form
    /// (`CT-AV000123`), and the form without a code (`CT000123`), which finds this browser's
    /// record of that serial (its number before it joined a team) or else a teammate's.
    pub fn find_no<I: Numbered>(&self, text: &str) -> Option<I> {
        let kind = I::KIND;
        let (code, serial) = parse_no(kind, text)?;
        let own = || {
            let own = I::from_local(serial);
            self.has_numbered(kind, serial).then_some(own)
        };
        match code {
            None => own().or_else(|| {
                self.team
                    .ids
                    .with_serial(kind, serial)
                    .into_iter()
                    .next()
                    .map(I::from_local)
            }),
            Some(code) => {
                let mine = self.team.settings.as_ref().map(|s| s.origin);
                let origin = self
                    .team
                    .members
                    .0
                    .keys()
                    .copied()
                    .find(|o| self.team.members.display_code(*o) == code)?;
                if Some(origin) == mine {
                    return Some(I::from_local(serial));
                }
                self.team
                    .ids
                    .local(kind, Gid { origin, serial })
                    .map(I::from_local)
            }
        }
    }

    fn has_numbered(&self, kind: IdKind, local: u32) -> bool {
        self.team.ids.foreign(kind, local).is_none()
            && match kind {
                IdKind::Contact => self.contacts.get(&ContactId(local)).is_some(),
                IdKind::Segment => self.segments.contains_key(&SegmentId(local)),
                IdKind::LoggedSegment => self.logged_segments.contains_key(&LoggedSegmentId(local)),
                IdKind::Entry => self.entries.get(&EntryId(local)).is_some(),
                IdKind::Opportunity => self.opportunities.contains_key(&OpportunityId(local)),
            }
    }

    pub fn indexes(&self) -> &Indexes {
        &self.indexes
    }

    /// Moves the database on by a committed change set: deletes first, then puts in order, so
    /// a change set that deletes and re-puts a key keeps the put.
    pub fn apply(&mut self, changes: &Changes) {
        self.edition = Edition::next();
        self.unshared.mark(changes);
        for key in &changes.deletes {
            self.delete(key);
        }
        for record in &changes.puts {
            self.put(record.clone());
        }
        self.contacts.settle();
        self.entries.settle();
    }

    fn put(&mut self, record: Record) {
        match record {
            Record::Contact(contact) => {
                self.columns.clear();
                let id = contact.id;
                if let Some(old) = self.contacts.insert(contact) {
                    unindex_contact(&mut self.indexes, &old);
                }
                if let Some(new) = self.contacts.get(&id) {
                    index_contact(&mut self.indexes, new);
                }
            }
            Record::Segment(r) => {
                self.segments.insert(r.id, r);
            }
            Record::LoggedSegment(r) => {
                self.logged_segments.insert(r.id, r);
            }
            Record::Entry(entry) => {
                let (id, contact) = (entry.id, entry.contact);
                if let Some(old) = self.entries.insert(entry) {
                    remove_from(&mut self.indexes.entries_of, &old.contact, &old.id);
                }
                self.indexes
                    .entries_of
                    .entry(contact)
                    .or_default()
                    .insert(id);
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
            Record::ImportUndo(r) => {
                self.import_undos.insert(r.batch, r);
            }
            Record::TeamDoc(doc) => self.team.replica.import(doc),
            Record::Alias(alias) => self.team.ids.insert(alias),
            Record::Member(member) => {
                self.team.members.0.insert(member.origin, member);
            }
            Record::TeamSettings(settings) => self.team.settings = Some(settings),
        }
    }

    fn delete(&mut self, key: &RecordKey) {
        match key {
            RecordKey::Contact(id) => {
                self.columns.clear();
                if let Some(old) = self.contacts.remove(id) {
                    unindex_contact(&mut self.indexes, &old);
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
            RecordKey::ImportUndo(batch) => {
                self.import_undos.remove(batch);
            }
            RecordKey::TeamDoc(id) => self.team.replica.forget(id),
            RecordKey::Alias(kind, local) => self.team.ids.remove(*kind, *local),
            RecordKey::Member(origin) => {
                self.team.members.0.remove(origin);
            }
        }
    }
}

fn index_contact(ix: &mut Indexes, contact: &Contact) {
    let id = contact.id;
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

fn unindex_contact(ix: &mut Indexes, contact: &Contact) {
    let id = contact.id;
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

impl Db {
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
        self.company_name(contact).to_string()
    }

    /// [`Db::company_name_of`], borrowed, for the filters that read it once per contact.
    pub(crate) fn company_name<'a>(&'a self, contact: &'a Contact) -> &'a str {
        match contact.company_no() {
            Some(company) if company == contact.id => &contact.name,
            Some(company) => self.contact(company).map_or("", |c| c.name.as_str()),
            None => "",
        }
    }

    /// The segments (not yet logged) that have a line for this contact.
    pub fn segments_with(&self, contact: ContactId) -> impl Iterator<Item = &Segment> + '_ {
        self.segments
            .values()
            .filter(move |s| s.lines.iter().any(|l| l.contact == contact))
    }
}

// ---------------------------------------------------------------------------------------------
// The contact table

/// "No row" and "no company" in the `u32` columns of [`ContactTable`].
pub(crate) const NONE: u32 = u32::MAX;

/// The per-row column the planner scans: the contact's id and its Company No. (a company's
/// own id, a person's company), [`NONE`] when it has none; both are [`NONE`] in an empty row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hot {
    pub(crate) id: u32,
    pub(crate) company_no: u32,
}

/// Where each id's row is: a plain array indexed by id while ids are dense (they come from a
/// counter), a hash map when an id is far beyond the number of contacts (a foreign backup),
/// so no input can demand a huge array.
#[derive(Debug, Clone)]
enum Slots {
    Dense(Vec<u32>),
    Sparse(HashMap<u32, u32>),
}

impl Default for Slots {
    fn default() -> Self {
        Slots::Dense(Vec::new())
    }
}

/// Whether ids up to `max` may use a dense array for `count` contacts (4 bytes per id).
fn dense_fits(max: u32, count: usize) -> bool {
    (max as usize) < count.saturating_mul(4) + (1 << 16)
}

/// The contacts, in ascending id order, with an O(1) lookup by id.
///
/// Rows sit in one `Vec` in id order; a deleted contact leaves an empty row until enough of
/// them have gathered to compact the table (at [`ContactTable::settle`], so each change set
/// costs at most one pass). Reading it is like reading a `BTreeMap<ContactId, Contact>`:
/// `get`, `contains_key`, `[&id]`, and `values` / `keys` / `iter` in id order.
#[derive(Clone, Default)]
pub struct ContactTable {
    rows: Vec<Option<Contact>>,
    hot: Vec<Hot>,
    slots: Slots,
    len: usize,
    /// The greatest id appended since the table was last settled.
    max_appended: Option<u32>,
    /// A contact was appended after a row with a greater id; [`ContactTable::settle`] sorts.
    unsorted: bool,
    /// [`ContactTable::trim`] gave back the growth slack; grow by small steps from now on.
    trimmed: bool,
}

impl ContactTable {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The row of a contact: its position among the rows, stable until the next change.
    pub(crate) fn row_of(&self, id: ContactId) -> Option<usize> {
        let row = match &self.slots {
            Slots::Dense(rows) => rows.get(id.0 as usize).copied(),
            Slots::Sparse(rows) => rows.get(&id.0).copied(),
        }?;
        (row != NONE).then_some(row as usize)
    }

    pub fn get(&self, id: &ContactId) -> Option<&Contact> {
        self.row_of(*id).and_then(|row| self.rows[row].as_ref())
    }

    pub fn contains_key(&self, id: &ContactId) -> bool {
        self.row_of(*id).is_some()
    }

    /// The contacts in ascending id order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Contact> + Clone + '_ {
        self.rows.iter().flatten()
    }

    /// The ids in ascending order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &ContactId> + Clone + '_ {
        self.values().map(|contact| &contact.id)
    }

    /// `(id, contact)` pairs in ascending id order, as a map would give them.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&ContactId, &Contact)> + Clone + '_ {
        self.values().map(|contact| (&contact.id, contact))
    }

    /// The greatest id, if any.
    pub fn max_id(&self) -> Option<ContactId> {
        self.keys().next_back().copied()
    }

    /// The rows, some empty (deleted contacts), in id order; indexes fit [`Self::hot`].
    pub(crate) fn rows(&self) -> &[Option<Contact>] {
        &self.rows
    }

    /// One [`Hot`] per row.
    pub(crate) fn hot(&self) -> &[Hot] {
        &self.hot
    }

    /// Puts a contact in, replacing the one with its id; returns the replaced one.
    pub(crate) fn insert(&mut self, contact: Contact) -> Option<Contact> {
        let hot = Hot {
            id: contact.id.0,
            company_no: contact.company_no().map_or(NONE, |id| id.0),
        };
        if let Some(row) = self.row_of(contact.id) {
            self.hot[row] = hot;
            return self.rows[row].replace(contact);
        }
        let row = self.rows.len();
        if self.trimmed && self.rows.len() == self.rows.capacity() {
            // Once trimmed to its size, the table grows by an eighth, not by doubling: a
            // doubling of 100,000 rows would take as much memory again for one new contact.
            let more = self.rows.len() / 8 + 16;
            self.rows.reserve_exact(more);
            self.hot.reserve_exact(more);
        }
        match self.max_appended {
            Some(max) if max > hot.id => self.unsorted = true,
            _ => self.max_appended = Some(hot.id),
        }
        self.rows.push(Some(contact));
        self.hot.push(hot);
        self.len += 1;
        self.set_slot(hot.id, row as u32);
        None
    }

    /// Takes a contact out, leaving its row empty.
    pub(crate) fn remove(&mut self, id: &ContactId) -> Option<Contact> {
        let row = self.row_of(*id)?;
        self.set_slot(id.0, NONE);
        self.hot[row] = Hot {
            id: NONE,
            company_no: NONE,
        };
        self.len -= 1;
        self.rows[row].take()
    }

    fn set_slot(&mut self, id: u32, row: u32) {
        set_slot(&mut self.slots, self.len, id, row);
    }

    /// Gives back the memory that growing the table left unused, when it is more than an
    /// eighth of what is used; after that the table grows by small steps.
    pub(crate) fn trim(&mut self) {
        let slack = self.rows.capacity() - self.rows.len();
        if slack > self.rows.len() / 8 + 16 {
            self.rows.shrink_to_fit();
            self.hot.shrink_to_fit();
            if let Slots::Dense(slots) = &mut self.slots {
                slots.shrink_to_fit();
            }
        }
        self.trimmed = true;
    }

    /// Restores the table's order after a change set: sorts rows appended out of id order, and
    /// drops empty rows once they are a quarter of all. Linear unless a sort is needed.
    pub(crate) fn settle(&mut self) {
        let empty = self.rows.len() - self.len;
        if !self.unsorted && (empty == 0 || empty < self.rows.len() / 4) {
            return;
        }
        let mut rows: Vec<Contact> = std::mem::take(&mut self.rows)
            .into_iter()
            .flatten()
            .collect();
        if self.unsorted {
            rows.sort_by_key(|contact| contact.id);
        }
        let max = rows.last().map_or(0, |contact| contact.id.0);
        self.slots = if dense_fits(max, rows.len()) {
            Slots::Dense(vec![NONE; rows.len().max(max as usize + 1)])
        } else {
            Slots::Sparse(HashMap::with_capacity(rows.len()))
        };
        self.hot.clear();
        self.len = 0;
        self.unsorted = false;
        self.max_appended = None;
        self.rows.reserve(rows.len());
        for contact in rows {
            self.insert(contact);
        }
    }
}

/// Points `id` at `row` ([`NONE`]: at no row) in a table of `len` rows, turning a dense array
/// into a hash map when the id is too far beyond the rows for an array to pay.
fn set_slot(slots: &mut Slots, len: usize, id: u32, row: u32) {
    if let Slots::Dense(rows) = slots {
        let index = id as usize;
        if index >= rows.len() {
            if row == NONE {
                return;
            }
            if !dense_fits(id, len) {
                let sparse = rows
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| **row != NONE)
                    .map(|(id, row)| (id as u32, *row))
                    .collect();
                *slots = Slots::Sparse(sparse);
                return set_slot(slots, len, id, row);
            }
            let wanted = (index + 1).max(rows.len() * 3 / 2);
            rows.resize(wanted, NONE);
        }
        rows[index] = row;
        return;
    }
    if let Slots::Sparse(rows) = slots {
        if row == NONE {
            rows.remove(&id);
        } else {
            rows.insert(id, row);
        }
    }
}

impl std::ops::Index<&ContactId> for ContactTable {
    type Output = Contact;

    fn index(&self, id: &ContactId) -> &Contact {
        self.get(id).expect("no contact with this id")
    }
}

impl PartialEq for ContactTable {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.values().eq(other.values())
    }
}

impl std::fmt::Debug for ContactTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a ContactTable {
    type Item = (&'a ContactId, &'a Contact);
    type IntoIter = Box<dyn DoubleEndedIterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

// ---------------------------------------------------------------------------------------------
// The interaction log

/// The interaction log entries, in ascending id order, with an O(1) lookup by id.
///
/// Like [`ContactTable`]: one `Vec` of rows in id order and an id → row array, so 500,000
/// entries take their own size and 4 bytes each, not the half-empty nodes of a `BTreeMap`
/// (which held about 650 bytes per entry). A deleted entry leaves an empty row until
/// [`EntryTable::settle`] compacts the table. Reading it is like reading a
/// `BTreeMap<EntryId, InteractionLogEntry>`: `get`, `contains_key`, `[&id]`, and `values` /
/// `keys` / `iter` in id order.
#[derive(Clone, Default)]
pub struct EntryTable {
    rows: Vec<Option<InteractionLogEntry>>,
    slots: Slots,
    len: usize,
    /// The greatest id appended since the table was last settled.
    max_appended: Option<u32>,
    /// An entry was appended after a row with a greater id; [`EntryTable::settle`] sorts.
    unsorted: bool,
    /// [`EntryTable::trim`] gave back the growth slack; grow by small steps from now on.
    trimmed: bool,
}

impl EntryTable {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn row_of(&self, id: EntryId) -> Option<usize> {
        let row = match &self.slots {
            Slots::Dense(rows) => rows.get(id.0 as usize).copied(),
            Slots::Sparse(rows) => rows.get(&id.0).copied(),
        }?;
        (row != NONE).then_some(row as usize)
    }

    pub fn get(&self, id: &EntryId) -> Option<&InteractionLogEntry> {
        self.row_of(*id).and_then(|row| self.rows[row].as_ref())
    }

    pub fn contains_key(&self, id: &EntryId) -> bool {
        self.row_of(*id).is_some()
    }

    /// The entries in ascending id order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &InteractionLogEntry> + Clone + '_ {
        self.rows.iter().flatten()
    }

    /// The ids in ascending order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &EntryId> + Clone + '_ {
        self.values().map(|entry| &entry.id)
    }

    /// `(id, entry)` pairs in ascending id order, as a map would give them.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&EntryId, &InteractionLogEntry)> + Clone + '_ {
        self.values().map(|entry| (&entry.id, entry))
    }

    /// Puts an entry in, replacing the one with its id; returns the replaced one.
    pub(crate) fn insert(&mut self, entry: InteractionLogEntry) -> Option<InteractionLogEntry> {
        if let Some(row) = self.row_of(entry.id) {
            return self.rows[row].replace(entry);
        }
        let id = entry.id.0;
        let row = self.rows.len();
        if self.trimmed && self.rows.len() == self.rows.capacity() {
            // Grow by an eighth once trimmed, as the contact table does.
            self.rows.reserve_exact(self.rows.len() / 8 + 16);
        }
        match self.max_appended {
            Some(max) if max > id => self.unsorted = true,
            _ => self.max_appended = Some(id),
        }
        self.rows.push(Some(entry));
        self.len += 1;
        set_slot(&mut self.slots, self.len, id, row as u32);
        None
    }

    /// Takes an entry out, leaving its row empty.
    pub(crate) fn remove(&mut self, id: &EntryId) -> Option<InteractionLogEntry> {
        let row = self.row_of(*id)?;
        set_slot(&mut self.slots, self.len, id.0, NONE);
        self.len -= 1;
        self.rows[row].take()
    }

    /// Sorts rows appended out of id order and drops empty rows once they are a quarter of
    /// all. Linear unless a sort is needed.
    pub(crate) fn settle(&mut self) {
        let empty = self.rows.len() - self.len;
        if !self.unsorted && (empty == 0 || empty < self.rows.len() / 4) {
            return;
        }
        let mut rows: Vec<InteractionLogEntry> = std::mem::take(&mut self.rows)
            .into_iter()
            .flatten()
            .collect();
        if self.unsorted {
            rows.sort_by_key(|entry| entry.id);
        }
        let max = rows.last().map_or(0, |entry| entry.id.0);
        self.slots = if dense_fits(max, rows.len()) {
            Slots::Dense(vec![NONE; rows.len().max(max as usize + 1)])
        } else {
            Slots::Sparse(HashMap::with_capacity(rows.len()))
        };
        self.len = 0;
        self.unsorted = false;
        self.max_appended = None;
        self.rows.reserve_exact(rows.len());
        for entry in rows {
            self.insert(entry);
        }
    }

    /// Gives back the memory that growing the table left unused, when it is more than an
    /// eighth of what is used; after that the table grows by small steps.
    pub(crate) fn trim(&mut self) {
        let slack = self.rows.capacity() - self.rows.len();
        if slack > self.rows.len() / 8 + 16 {
            self.rows.shrink_to_fit();
            if let Slots::Dense(slots) = &mut self.slots {
                slots.shrink_to_fit();
            }
        }
        self.trimmed = true;
    }
}

impl std::ops::Index<&EntryId> for EntryTable {
    type Output = InteractionLogEntry;

    fn index(&self, id: &EntryId) -> &InteractionLogEntry {
        self.get(id).expect("no entry with this id")
    }
}

impl PartialEq for EntryTable {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.values().eq(other.values())
    }
}

impl std::fmt::Debug for EntryTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a EntryTable {
    type Item = (&'a EntryId, &'a InteractionLogEntry);
    type IntoIter = Box<dyn DoubleEndedIterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

// ---------------------------------------------------------------------------------------------
// Text columns

/// One text field of every contact, dictionary-encoded: the distinct values once, and per row
/// of the [`ContactTable`] the number of its value ([`NONE`] for an empty row). A filter is then
/// matched once per distinct value instead of once per contact, and a contact's test is an
/// array lookup instead of a read of its string somewhere in the heap.
#[derive(Debug)]
pub(crate) struct Column {
    pub(crate) codes: Vec<u32>,
    pub(crate) values: Vec<String>,
}

/// The text columns built so far, by field; `None` for a field with too many distinct values
/// for a column to pay (names, e-mail addresses). Built on first use by a scan and dropped
/// whenever a contact changes, so a filter typed key by key reuses them. A cache only: a clone
/// of the database starts without it.
#[derive(Default)]
struct Columns(Mutex<HashMap<ContactField, Option<Arc<Column>>>>);

impl Columns {
    fn clear(&mut self) {
        if let Ok(map) = self.0.get_mut() {
            map.clear();
        }
    }
}

impl Clone for Columns {
    fn clone(&self) -> Self {
        Columns::default()
    }
}

impl std::fmt::Debug for Columns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Columns")
    }
}

impl Db {
    /// The column of a text field, built now if it is not yet; `None` when the field is not a
    /// plain text field of the contact or has too many distinct values.
    pub(crate) fn column(&self, field: &ContactField) -> Option<Arc<Column>> {
        if !field.is_plain_text() {
            return None;
        }
        let mut cache = self.columns.0.lock().ok()?;
        if let Some(column) = cache.get(field) {
            return column.clone();
        }
        let column = self.build_column(field).map(Arc::new);
        cache.insert(field.clone(), column.clone());
        column
    }

    fn build_column(&self, field: &ContactField) -> Option<Column> {
        let rows = self.contacts.rows();
        // More distinct values than this and a scan of the strings is as good.
        let limit = (self.contacts.len() / 8).max(256);
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let mut codes = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(contact) = row else {
                codes.push(NONE);
                continue;
            };
            let Value::Text(text) = field.value(&ContactView::plain(contact)) else {
                return None;
            };
            let next = numbers.len() as u32;
            let code = *numbers.entry(text).or_insert(next);
            if numbers.len() > limit {
                return None;
            }
            codes.push(code);
        }
        let mut values = vec![String::new(); numbers.len()];
        for (text, code) in numbers {
            values[code as usize] = text.to_string();
        }
        Some(Column { codes, values })
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
