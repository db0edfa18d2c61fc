//! Contacts: saving (create and update) with validation, deleting, and undoing an import batch
//! (product.md §2, reference-bc.md §1.1–§1.2).
//!
//! Every operation takes `&self` and returns the [`Changes`] it would make, or every
//! [`Problem`] that made it refuse; a refused operation changes nothing.
//!
//! Decisions where Business Central offered a choice or the product differs:
//! * A person's company name is not copied onto the person. BC pushes a company's name down
//!   to its persons; here a person reads its company's name through the `company` link
//!   ([`Db::company_name_of`]), so renaming a company needs no push and cannot go stale.
//! * A person's `name` is rebuilt from first, middle and surname whenever any of them is
//!   filled, as BC rebuilds Name when a name part changes. A person with no parts keeps the
//!   name as typed (imports often bring only a full name).
//! * Deleting a company that still has persons is refused, naming how many. BC deletes the
//!   persons with the company; here a user deletes them together on purpose with
//!   [`Db::delete_contacts`], which accepts a company when all its persons go in the same call.
//! * Deleting a contact with interaction log entries is refused. BC keeps the entries of a
//!   deleted contact, which leaves history pointing at nobody; here the user first cancels
//!   and deletes the entries (or keeps the contact).

use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, ImportBatchId};
use crate::core::model::{AttrValue, ClassificationKind, Contact, ContactKind, Stamps};
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};
use chrono::NaiveDateTime;
use std::collections::{BTreeMap, BTreeSet};

/// The contacts that share an e-mail address with another contact, as possible duplicates
/// (`team.md`: the same person created in two browsers stays two contacts, flagged, never merged
/// silently). Addresses are compared without case and surrounding spaces; an empty address is
/// nobody's duplicate. Linear in the number of contacts.
pub fn possible_duplicates<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
) -> BTreeSet<ContactId> {
    let mut by_email: std::collections::HashMap<String, Vec<ContactId>> =
        std::collections::HashMap::new();
    for contact in contacts {
        let email = contact.email.trim().to_lowercase();
        if !email.is_empty() {
            by_email.entry(email).or_default().push(contact.id);
        }
    }
    by_email
        .into_values()
        .filter(|ids| ids.len() > 1)
        .flatten()
        .collect()
}

/// True when `text` looks like an e-mail address: one `@`, something before it, a domain with
/// a dot that neither starts nor ends it, and no spaces. Deliberately loose: the aim is to catch
/// typing and import mistakes (a phone number in the e-mail column), not to implement RFC 5322.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// True when `text` is a language code as the product stores it: empty (unknown), or two or
/// three ASCII letters (ISO 639-1 or 639-2). Callers lower-case it first.
pub fn is_language_code(text: &str) -> bool {
    text.is_empty()
        || ((2..=3).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Normalises a language code as stored: trimmed and lower case.
pub fn normalize_language(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

impl Db {
    /// Creates (when `contact.id` is 0) or updates a contact.
    ///
    /// The contact is normalised first (trimmed names, lower-case language, a person's name
    /// built from its parts, an empty salesperson code read as none), then validated; every
    /// problem is reported at its field. On an update the creation time and the import batch
    /// stay those of the stored contact, because neither is the user's to edit.
    pub fn save_contact(&self, contact: Contact, now: NaiveDateTime) -> Result<Changes, Problems> {
        let mut contact = normalize_contact(contact);
        let problems = self.normalized_contact_problems(&contact);
        if !problems.is_empty() {
            return Err(problems);
        }
        let old = self.contacts.get(&contact.id);

        let mut changes = Changes::new();
        match old {
            Some(old) => {
                contact.stamps = Stamps {
                    created: old.stamps.created,
                    modified: now,
                };
                contact.import_batch = old.import_batch;
            }
            None => {
                let mut counters = self.counters.clone();
                contact.id = counters.take_contact();
                contact.stamps = Stamps::new(now);
                changes.put(Record::Counters(counters));
            }
        }
        changes.put(Record::Contact(contact));
        Ok(changes)
    }

    /// Every problem [`Db::save_contact`] would report for this contact, without saving; the
    /// UI may call it to show problems at their fields while the user types.
    pub fn validate_contact(&self, contact: &Contact) -> Problems {
        self.normalized_contact_problems(&normalize_contact(contact.clone()))
    }

    /// The problems of a normalised contact: its own values, and on an update the rules that
    /// depend on what it was before.
    fn normalized_contact_problems(&self, contact: &Contact) -> Problems {
        if contact.id == ContactId(0) {
            return self.contact_value_problems(contact);
        }
        match self.contacts.get(&contact.id) {
            None => vec![Problem::record(ProblemCode::ContactUnknown).with(self.no(contact.id))],
            Some(old) => {
                let mut problems = self.contact_value_problems(contact);
                problems.extend(self.check_contact_update(old, contact));
                problems
            }
        }
    }

    /// Every problem of a contact's own values, each at its field.
    fn contact_value_problems(&self, contact: &Contact) -> Problems {
        let mut problems = Vec::new();
        let is_company = contact.is_company();

        if contact.name.trim().is_empty() {
            // A person may give either the name or its parts; the name is built from the parts,
            // so an empty name here means both are missing.
            problems.push(Problem::field("name", ProblemCode::ContactNameMissing));
        }

        match (is_company, contact.company) {
            (true, Some(_)) => problems.push(Problem::field(
                "company",
                ProblemCode::ContactCompanyCannotHaveCompany,
            )),
            (false, Some(company)) => match self.contacts.get(&company) {
                None => problems.push(
                    Problem::field("company", ProblemCode::ContactCompanyUnknown)
                        .with(self.no(company)),
                ),
                Some(linked) if !linked.is_company() || linked.id == contact.id => problems.push(
                    Problem::field("company", ProblemCode::ContactCompanyNotACompany)
                        .with(self.no(company)),
                ),
                Some(_) => {}
            },
            (_, None) => {}
        }

        for (field, email) in [("email", &contact.email), ("email_2", &contact.email_2)] {
            if !email.is_empty() && !is_plausible_email(email) {
                problems.push(Problem::field(field, ProblemCode::ContactEmailInvalid).with(email));
            }
        }

        if !is_language_code(&contact.language) {
            problems.push(
                Problem::field("language", ProblemCode::ContactLanguageInvalid)
                    .with(&contact.language),
            );
        }

        if let Some(code) = &contact.salesperson {
            if !self.salespeople.contains_key(code) {
                problems.push(
                    Problem::field("salesperson", ProblemCode::ContactSalespersonUnknown)
                        .with(code),
                );
            }
        }

        self.check_classifications(contact, &mut problems);

        // Industry groups and business relations belong to companies (persons inherit them
        // through the link), job responsibilities to persons: reference-bc.md §1.2.
        if !is_company && !contact.industry_groups.is_empty() {
            problems.push(Problem::field(
                "industry_groups",
                ProblemCode::ContactIndustryGroupsCompanyOnly,
            ));
        }
        if !is_company && !contact.business_relations.is_empty() {
            problems.push(Problem::field(
                "business_relations",
                ProblemCode::ContactBusinessRelationsCompanyOnly,
            ));
        }
        if is_company && !contact.job_responsibilities.is_empty() {
            problems.push(Problem::field(
                "job_responsibilities",
                ProblemCode::ContactJobResponsibilitiesPersonOnly,
            ));
        }

        for (name, value) in &contact.attributes {
            if name.trim().is_empty() {
                problems.push(Problem::field(
                    "attributes",
                    ProblemCode::ContactAttributeNameMissing,
                ));
            }
            if let AttrValue::Number(number) = value {
                if !number.is_finite() {
                    problems.push(
                        Problem::field("attributes", ProblemCode::ContactAttributeNumberInvalid)
                            .with(name),
                    );
                }
            }
        }
        problems
    }

    /// Every classification code on the contact must exist in its table, and every profile
    /// answer must name an existing questionnaire and one of its answer lines.
    fn check_classifications(&self, contact: &Contact, problems: &mut Problems) {
        let tables = [
            (
                ClassificationKind::MailingGroup,
                "mailing_groups",
                &contact.mailing_groups,
                ProblemCode::ContactMailingGroupUnknown,
            ),
            (
                ClassificationKind::IndustryGroup,
                "industry_groups",
                &contact.industry_groups,
                ProblemCode::ContactIndustryGroupUnknown,
            ),
            (
                ClassificationKind::BusinessRelation,
                "business_relations",
                &contact.business_relations,
                ProblemCode::ContactBusinessRelationUnknown,
            ),
            (
                ClassificationKind::JobResponsibility,
                "job_responsibilities",
                &contact.job_responsibilities,
                ProblemCode::ContactJobResponsibilityUnknown,
            ),
        ];
        for (kind, field, codes, problem) in tables {
            let table = self.classifications.get(&kind);
            for code in codes {
                if !table.is_some_and(|t| t.contains_key(code)) {
                    problems.push(Problem::field(field, problem).with(code));
                }
            }
        }
        for answer in &contact.profile_answers {
            let known = self
                .questionnaires
                .get(&answer.questionnaire)
                .is_some_and(|q| q.answers.iter().any(|a| a.line == answer.answer));
            if !known {
                problems.push(
                    Problem::field("profile_answers", ProblemCode::ContactProfileAnswerUnknown)
                        .with(&answer.questionnaire)
                        .with(answer.answer),
                );
            }
        }
    }

    /// The rules that depend on what the contact was before: the company link and the kind are
    /// fixed once other records rely on them (reference-bc.md §1.1).
    fn check_contact_update(&self, old: &Contact, new: &Contact) -> Problems {
        let mut problems = Vec::new();
        if old.company_no() != new.company_no() && old.kind == new.kind {
            let segments: Vec<String> = self.segments_with(old.id).map(|s| self.no(s.id)).collect();
            if !segments.is_empty() {
                let mut problem =
                    Problem::field("company", ProblemCode::ContactCompanyLockedBySegment);
                problem.args = segments;
                problems.push(problem);
            }
        }
        if old.kind != new.kind {
            let entries = self.entries_of(old.id).count();
            if entries > 0 {
                problems.push(
                    Problem::field("kind", ProblemCode::ContactKindLockedByEntries).with(entries),
                );
            }
            let persons = self.persons_of(old.id).count();
            if persons > 0 {
                problems.push(
                    Problem::field("kind", ProblemCode::ContactKindLockedByPersons).with(persons),
                );
            }
            // A kind change also changes the contact's "Company No."; a segment line keeps the
            // company it was built with, so the same segment rule applies.
            let segments: Vec<String> = self.segments_with(old.id).map(|s| self.no(s.id)).collect();
            if !segments.is_empty() {
                let mut problem = Problem::field("kind", ProblemCode::ContactKindLockedBySegment);
                problem.args = segments;
                problems.push(problem);
            }
        }
        problems
    }

    /// Deletes one contact; see [`Db::delete_contacts`] for the rules.
    pub fn delete_contact(&self, id: ContactId) -> Result<Changes, Problems> {
        self.delete_contacts(&[id])
    }

    /// Deletes contacts together, or none of them.
    ///
    /// Refused, naming each contact (first argument of every problem), when a contact:
    /// * is on a segment line (`contact.on_segment`, with the segment numbers), because a
    ///   segment would otherwise send to nobody (reference-bc.md §1.1);
    /// * has interaction log entries (`contact.has_entries`, with the count), because the
    ///   interaction history must keep pointing at someone;
    /// * has opportunities (`contact.has_opportunities`, with the count), for the same reason;
    /// * is a company whose persons are not all deleted in the same call
    ///   (`contact.company_has_persons`, with how many would be left behind).
    pub fn delete_contacts(&self, ids: &[ContactId]) -> Result<Changes, Problems> {
        let doomed: BTreeSet<ContactId> = ids.iter().copied().collect();
        let mut problems = Vec::new();
        for &id in &doomed {
            let Some(contact) = self.contacts.get(&id) else {
                problems.push(Problem::record(ProblemCode::ContactUnknown).with(self.no(id)));
                continue;
            };
            problems.extend(self.deletion_problems(contact, &doomed));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut changes = Changes::new();
        for id in doomed {
            changes.delete(RecordKey::Contact(id));
        }
        Ok(changes)
    }

    fn deletion_problems(&self, contact: &Contact, doomed: &BTreeSet<ContactId>) -> Problems {
        let mut problems = Vec::new();
        let id = contact.id;
        let segments: Vec<String> = self.segments_with(id).map(|s| self.no(s.id)).collect();
        if !segments.is_empty() {
            let mut problem = Problem::record(ProblemCode::ContactOnSegment).with(self.no(id));
            problem.args.extend(segments);
            problems.push(problem);
        }
        let entries = self.entries_of(id).count();
        if entries > 0 {
            problems.push(
                Problem::record(ProblemCode::ContactHasEntries)
                    .with(self.no(id))
                    .with(entries),
            );
        }
        let opportunities = self
            .opportunities
            .values()
            .filter(|o| o.contact == id)
            .count();
        if opportunities > 0 {
            problems.push(
                Problem::record(ProblemCode::ContactHasOpportunities)
                    .with(self.no(id))
                    .with(opportunities),
            );
        }
        if contact.is_company() {
            let left_behind = self
                .persons_of(id)
                .filter(|p| !doomed.contains(&p.id))
                .count();
            if left_behind > 0 {
                problems.push(
                    Problem::record(ProblemCode::ContactCompanyHasPersons)
                        .with(self.no(id))
                        .with(left_behind),
                );
            }
        }
        problems
    }

    /// The contacts an import batch created, in id order.
    pub fn contacts_of_import_batch(&self, batch: ImportBatchId) -> Vec<ContactId> {
        self.contacts
            .values()
            .filter(|c| c.import_batch == Some(batch))
            .map(|c| c.id)
            .collect()
    }

    /// Undoes an import (product.md §6): deletes every contact the batch created and puts every
    /// contact it updated back exactly as it was before the import, or changes nothing.
    ///
    /// Refused with the same problems as [`Db::delete_contacts`], listing every contact that is
    /// on a segment, has entries or opportunities, or is a company of the batch that persons
    /// from elsewhere (added by hand or by another import) have since been linked to. Also
    /// refused, naming each one, when a contact the import updated has been changed or deleted
    /// since (`contact.changed_since_import`): putting the old version back would silently
    /// throw that later work away. An unknown or already undone batch is
    /// `contact.import_batch_empty`.
    pub fn delete_import_batch(&self, batch: ImportBatchId) -> Result<Changes, Problems> {
        let created = self.contacts_of_import_batch(batch);
        let undo = self.import_undos.get(&batch);
        if created.is_empty() && undo.is_none() {
            return Err(vec![
                Problem::record(ProblemCode::ContactImportBatchEmpty).with(batch.no())
            ]);
        }
        let mut problems = Vec::new();
        let mut restored = Vec::new();
        for (before, after) in undo.map_or(&[][..], |undo| &undo.updated[..]) {
            if self.contacts.get(&before.id) == Some(after) {
                restored.push(before);
            } else {
                problems.push(
                    Problem::record(ProblemCode::ContactChangedSinceImport)
                        .with(self.no(before.id))
                        .with(batch.no()),
                );
            }
        }
        // A restored person goes back to the company it had before the import, which the batch
        // cannot have created; so it no longer holds a created company back from deletion.
        let mut leaving: BTreeSet<ContactId> = created.iter().copied().collect();
        leaving.extend(restored.iter().map(|contact| contact.id));
        for id in &created {
            if let Some(contact) = self.contacts.get(id) {
                problems.extend(self.deletion_problems(contact, &leaving));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut changes = Changes::new();
        for id in created {
            changes.delete(RecordKey::Contact(id));
        }
        for contact in restored {
            changes.put(Record::Contact(contact.clone()));
        }
        if undo.is_some() {
            changes.delete(RecordKey::ImportUndo(batch));
        }
        Ok(changes)
    }
}

/// The normalisation save applies before validating, so that validation and storage see the
/// same values: trimmed names and e-mails, lower-case language, a person's name built from its
/// parts, trimmed attribute names, and an empty salesperson code read as none.
fn normalize_contact(mut contact: Contact) -> Contact {
    for text in [
        &mut contact.name,
        &mut contact.first_name,
        &mut contact.middle_name,
        &mut contact.surname,
        &mut contact.email,
        &mut contact.email_2,
    ] {
        *text = text.trim().to_string();
    }
    contact.language = normalize_language(&contact.language);
    if contact.kind == ContactKind::Person {
        let from_parts = contact.full_name_from_parts();
        if !from_parts.is_empty() {
            contact.name = from_parts;
        }
    }
    if contact.salesperson.as_ref().is_some_and(Code::is_empty) {
        contact.salesperson = None;
    }
    // Trimming attribute names can make two names equal; the later one wins rather than
    // failing, because both were meant as the same attribute.
    let attributes = std::mem::take(&mut contact.attributes);
    contact.attributes = attributes
        .into_iter()
        .map(|(name, value)| (name.trim().to_string(), value))
        .collect::<BTreeMap<_, _>>();
    contact
}
