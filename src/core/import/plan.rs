//! The import preview and its application as one batch (product.md §6).
//!
//! [`plan_import`] compares the contacts read from a file with the database and with each
//! other, and proposes per row: a new contact, or a duplicate of an existing contact (same
//! e-mail, ignoring case; or same name and same company name), or a duplicate of an earlier row
//! of the file. It also matches organisation names to existing companies (ignoring case) and
//! plans one new company per distinct name otherwise.
//!
//! The user then chooses, per row or for all duplicates at once, [`ImportChoice::Skip`],
//! [`ImportChoice::Update`] (merge the row's non-empty fields into the contact it duplicates) or
//! [`ImportChoice::Add`] (a new contact anyway). [`apply_import`] turns the plan and the choices
//! into one [`Changes`] value: every contact it creates carries the same import batch, so the
//! whole import can be undone as a whole.

use super::{attr, name_key, ImportedContact};
use crate::core::changes::{Changes, Record};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, ImportBatchId};
use crate::core::model::{
    AttrValue, Classification, ClassificationKind, Contact, ContactKind, Stamps,
};
use crate::core::problem::ProblemCode;
use crate::core::problem::{refuse_on_errors, Place, Problem, Problems};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Stored data, so it lives in the model; named here too, where the import that writes it is.
pub use crate::core::model::ImportUndo;

/// Why a row is taken for a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DuplicateReason {
    /// An e-mail address of the row is an e-mail address of the other contact (case ignored).
    SameEmail,
    /// A person with the same first name and surname at a company of the same name.
    SameNameAndCompany,
    /// A company (or a row standing for a company) with the same name.
    SameCompanyName,
    /// The same vCard `UID`: the same card imported again.
    SameUid,
}

impl DuplicateReason {
    pub fn code(self) -> &'static str {
        match self {
            DuplicateReason::SameEmail => "same_email",
            DuplicateReason::SameNameAndCompany => "same_name_and_company",
            DuplicateReason::SameCompanyName => "same_company_name",
            DuplicateReason::SameUid => "same_uid",
        }
    }
}

/// What the plan proposes for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proposal {
    New,
    DuplicateOfExisting {
        contact: ContactId,
        reason: DuplicateReason,
    },
    /// A duplicate of an earlier row of the same file (`row` indexes [`ImportPlan::rows`]).
    DuplicateInFile {
        row: usize,
        reason: DuplicateReason,
    },
}

impl Proposal {
    pub fn is_duplicate(self) -> bool {
        self != Proposal::New
    }

    pub fn reason(self) -> Option<DuplicateReason> {
        match self {
            Proposal::New => None,
            Proposal::DuplicateOfExisting { reason, .. }
            | Proposal::DuplicateInFile { reason, .. } => Some(reason),
        }
    }
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedRow {
    pub contact: ImportedContact,
    pub proposal: Proposal,
    /// Index into [`ImportPlan::companies`]: a person's organisation, or the company a company
    /// row stands for.
    pub company: Option<usize>,
}

/// One distinct organisation name of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedCompany {
    /// The name as first written in the file.
    pub name: String,
    /// The existing company of that name (case ignored), if there is one.
    pub existing: Option<ContactId>,
    /// Rows that stand for the company itself (an organisation without a person name).
    pub rows: Vec<usize>,
    /// How many person rows name it.
    pub persons: usize,
}

/// The preview of an import: a proposal per row, the companies, the new mailing groups.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportPlan {
    pub rows: Vec<PlannedRow>,
    pub companies: Vec<PlannedCompany>,
    /// Labels and categories that are not mailing groups yet; they are created when a contact
    /// that carries them is imported.
    pub new_mailing_groups: Vec<Classification>,
    /// The mailing group code of every label of the file, by the label in lower case.
    pub mailing_group_codes: BTreeMap<String, Code>,
}

impl ImportPlan {
    /// The choice that applies to a row: the row's own, else the one for all duplicates, else
    /// `Add` for a row that duplicates nothing.
    pub fn choice_for(&self, choices: &ImportChoices, row: usize) -> ImportChoice {
        if let Some(choice) = choices.rows.get(&row) {
            return *choice;
        }
        match self.rows.get(row).map(|r| r.proposal) {
            Some(Proposal::New) | None => ImportChoice::Add,
            Some(_) => choices.duplicates,
        }
    }

    /// How many rows duplicate an existing contact.
    pub fn duplicates_of_existing(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.proposal, Proposal::DuplicateOfExisting { .. }))
            .count()
    }

    /// How many rows duplicate an earlier row of the file.
    pub fn duplicates_in_file(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.proposal, Proposal::DuplicateInFile { .. }))
            .count()
    }

    /// What [`apply_import`] will do with these choices, counted from the same decisions it
    /// takes, so that the preview states exactly what the import then reports: a company is
    /// created only for an organisation that an imported person names and that neither exists
    /// nor has an imported row of its own, and a mailing group only for a label that an
    /// imported row carries.
    pub fn outcome(&self, choices: &ImportChoices) -> ImportSummary {
        let decisions = decide(self, choices);
        let mut summary = ImportSummary::default();
        for action in &decisions.actions {
            match action {
                Action::Skip => summary.skipped += 1,
                Action::Add => summary.added += 1,
                Action::Update(_) => summary.updated += 1,
            }
        }
        let mut bare = vec![false; self.companies.len()];
        for (row, action) in self.rows.iter().zip(&decisions.actions) {
            if *action == Action::Skip || row.contact.is_company() {
                continue;
            }
            if let Some(k) = row.company {
                if decisions.primaries.get(k) == Some(&None) {
                    bare[k] = true;
                }
            }
        }
        summary.companies_created = bare.iter().filter(|made| **made).count();
        let used = used_codes(self, &decisions.actions);
        summary.mailing_groups_created = self
            .new_mailing_groups
            .iter()
            .filter(|group| used.contains(&group.code))
            .count();
        summary
    }

    /// How many organisation names have no company yet.
    pub fn new_companies(&self) -> usize {
        self.companies
            .iter()
            .filter(|c| c.existing.is_none())
            .count()
    }
}

/// What to do with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ImportChoice {
    /// Leave it out.
    #[default]
    Skip,
    /// Merge its non-empty fields into the contact it duplicates (for a row that duplicates
    /// nothing, the same as `Add`).
    Update,
    /// Create a new contact, even if it looks like a duplicate.
    Add,
}

/// The user's choices: one for all duplicates, and any per-row choices (by index into
/// [`ImportPlan::rows`]) that override it. Rows that duplicate nothing are added unless chosen
/// otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportChoices {
    pub duplicates: ImportChoice,
    pub rows: BTreeMap<usize, ImportChoice>,
}

impl ImportChoices {
    /// The same choice for every duplicate.
    pub fn for_duplicates(choice: ImportChoice) -> Self {
        ImportChoices {
            duplicates: choice,
            rows: BTreeMap::new(),
        }
    }

    /// A choice for one row.
    pub fn with_row(mut self, row: usize, choice: ImportChoice) -> Self {
        self.rows.insert(row, choice);
        self
    }
}

/// What an applied import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Rows that became new contacts (persons, and rows standing for a company).
    pub added: usize,
    /// Rows merged into an existing contact (or into a contact added by an earlier row).
    pub updated: usize,
    pub skipped: usize,
    /// Companies created from organisation names that no row of their own stood for.
    pub companies_created: usize,
    pub mailing_groups_created: usize,
}

/// The longest mailing group code; labels longer than this are cut to fit.
const CODE_LEN: usize = Code::MAX_LEN;

/// Compares the contacts of a file with the database and with each other.
pub fn plan_import(db: &Db, contacts: Vec<ImportedContact>) -> ImportPlan {
    let mut planner = Planner::new(db);
    planner.extend(contacts);
    planner.finish(db)
}

/// Plans an import a slice of rows at a time, so that a caller with a user interface can show
/// progress between slices. Each row is compared with the database and with the rows before it,
/// so feeding the rows in any slices gives exactly the plan of [`plan_import`].
///
/// The planner keeps an index of the database it was made with; the caller passes the same
/// database to [`Planner::finish`] and must not plan against a changed one in between (the
/// store would refuse applying a stale plan anyway, see [`apply_import`]).
pub struct Planner {
    existing: ExistingIndex,
    plan: ImportPlan,
    company_by_key: HashMap<String, usize>,
    in_file: FileIndex,
}

impl Planner {
    pub fn new(db: &Db) -> Self {
        Planner {
            existing: ExistingIndex::new(db),
            plan: ImportPlan::default(),
            company_by_key: HashMap::new(),
            in_file: FileIndex::default(),
        }
    }

    /// How many rows have been planned.
    pub fn len(&self) -> usize {
        self.plan.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.plan.rows.is_empty()
    }

    /// Plans the next rows of the file, after those already planned.
    pub fn extend(&mut self, contacts: impl IntoIterator<Item = ImportedContact>) {
        for contact in contacts {
            self.push(contact);
        }
    }

    /// Plans the next row of the file.
    pub fn push(&mut self, contact: ImportedContact) {
        let index = self.plan.rows.len();
        let plan = &mut self.plan;
        let existing = &self.existing;
        let company = if contact.company_name.is_empty() {
            None
        } else {
            let key = name_key(&contact.company_name);
            let k = *self.company_by_key.entry(key.clone()).or_insert_with(|| {
                plan.companies.push(PlannedCompany {
                    name: contact.company_name.clone(),
                    existing: existing.company_by_name.get(&key).copied(),
                    rows: Vec::new(),
                    persons: 0,
                });
                plan.companies.len() - 1
            });
            if contact.is_company() {
                plan.companies[k].rows.push(index);
            } else {
                plan.companies[k].persons += 1;
            }
            Some(k)
        };
        let keys = Keys::of(&contact);
        let proposal = match existing.find(&keys) {
            Some((contact, reason)) => Proposal::DuplicateOfExisting { contact, reason },
            None => match self.in_file.find(&keys) {
                Some((row, reason)) => Proposal::DuplicateInFile { row, reason },
                None => Proposal::New,
            },
        };
        self.in_file.add(&keys, index);
        plan.rows.push(PlannedRow {
            contact,
            proposal,
            company,
        });
    }

    /// The plan of every row pushed, with the mailing groups the file's labels need.
    pub fn finish(mut self, db: &Db) -> ImportPlan {
        plan_mailing_groups(db, &mut self.plan);
        self.plan
    }
}

/// Gives every label a mailing group code: an existing group with that code or that
/// description, else a new group (code = the label in upper case, cut to the code length).
fn plan_mailing_groups(db: &Db, plan: &mut ImportPlan) {
    let groups = db.classifications.get(&ClassificationKind::MailingGroup);
    let mut new_codes = BTreeSet::new();
    for row in &plan.rows {
        for label in &row.contact.mailing_groups {
            let lower = label.to_lowercase();
            if plan.mailing_group_codes.contains_key(&lower) {
                continue;
            }
            let code = Code::new(&label.trim().chars().take(CODE_LEN).collect::<String>());
            let known = groups.and_then(|groups| {
                if groups.contains_key(&code) {
                    Some(code.clone())
                } else {
                    groups
                        .values()
                        .find(|g| g.description.to_lowercase() == lower)
                        .map(|g| g.code.clone())
                }
            });
            let code = match known {
                Some(code) => code,
                None => {
                    if new_codes.insert(code.clone()) {
                        plan.new_mailing_groups.push(Classification {
                            code: code.clone(),
                            description: label.trim().to_string(),
                        });
                    }
                    code
                }
            };
            plan.mailing_group_codes.insert(lower, code);
        }
    }
}

/// What a row is compared by.
struct Keys {
    company: bool,
    emails: Vec<String>,
    /// First name and surname with the company name, for persons at a company.
    person: Option<(String, String)>,
    /// The company's own name, for rows standing for a company.
    company_name: Option<String>,
    uid: Option<String>,
}

impl Keys {
    fn of(contact: &ImportedContact) -> Keys {
        let company = contact.is_company();
        Keys {
            company,
            emails: emails_of(&contact.email, &contact.email_2),
            person: (!company)
                .then(|| person_key(contact.first_name.as_str(), &contact.surname, &contact.name))
                .filter(|name| !name.is_empty() && !contact.company_name.is_empty())
                .map(|name| (name, name_key(&contact.company_name))),
            company_name: company
                .then(|| name_key(&contact.name))
                .filter(|n| !n.is_empty()),
            uid: match contact.attributes.get(attr::UID) {
                Some(AttrValue::Text(uid)) if !uid.trim().is_empty() => {
                    Some(uid.trim().to_string())
                }
                _ => None,
            },
        }
    }
}

fn emails_of(email: &str, email_2: &str) -> Vec<String> {
    [email, email_2]
        .iter()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect()
}

/// First name and surname (the middle name is often left out in one source and not another);
/// the full name when there are no parts.
fn person_key(first: &str, surname: &str, name: &str) -> String {
    if first.trim().is_empty() && surname.trim().is_empty() {
        name_key(name)
    } else {
        name_key(&format!("{first} {surname}"))
    }
}

/// The database's contacts by the keys duplicates are found with.
struct ExistingIndex {
    /// (is company, address) → the contact with the lowest id.
    email: HashMap<(bool, String), ContactId>,
    person: HashMap<(String, String), ContactId>,
    company_by_name: HashMap<String, ContactId>,
    uid: HashMap<String, ContactId>,
}

impl ExistingIndex {
    fn new(db: &Db) -> Self {
        let mut index = ExistingIndex {
            email: HashMap::new(),
            person: HashMap::new(),
            company_by_name: HashMap::new(),
            uid: HashMap::new(),
        };
        for contact in db.contacts.values() {
            let company = contact.is_company();
            for email in emails_of(&contact.email, &contact.email_2) {
                index.email.entry((company, email)).or_insert(contact.id);
            }
            if company {
                let key = name_key(&contact.name);
                if !key.is_empty() {
                    index.company_by_name.entry(key).or_insert(contact.id);
                }
            } else {
                let name = person_key(&contact.first_name, &contact.surname, &contact.name);
                let company_name = name_key(&db.company_name_of(contact));
                if !name.is_empty() && !company_name.is_empty() {
                    index
                        .person
                        .entry((name, company_name))
                        .or_insert(contact.id);
                }
            }
            if let Some(AttrValue::Text(uid)) = contact.attributes.get(attr::UID) {
                if !uid.trim().is_empty() {
                    index
                        .uid
                        .entry(uid.trim().to_string())
                        .or_insert(contact.id);
                }
            }
        }
        index
    }

    fn find(&self, keys: &Keys) -> Option<(ContactId, DuplicateReason)> {
        if let Some(id) = keys.uid.as_ref().and_then(|uid| self.uid.get(uid)) {
            return Some((*id, DuplicateReason::SameUid));
        }
        for email in &keys.emails {
            if let Some(id) = self.email.get(&(keys.company, email.clone())) {
                return Some((*id, DuplicateReason::SameEmail));
            }
        }
        if let Some(id) = keys.person.as_ref().and_then(|key| self.person.get(key)) {
            return Some((*id, DuplicateReason::SameNameAndCompany));
        }
        if let Some(id) = keys
            .company_name
            .as_ref()
            .and_then(|name| self.company_by_name.get(name))
        {
            return Some((*id, DuplicateReason::SameCompanyName));
        }
        None
    }
}

/// The rows seen so far by the same keys, for duplicates within the file.
#[derive(Default)]
struct FileIndex {
    email: HashMap<(bool, String), usize>,
    person: HashMap<(String, String), usize>,
    company: HashMap<String, usize>,
    uid: HashMap<String, usize>,
}

impl FileIndex {
    fn find(&self, keys: &Keys) -> Option<(usize, DuplicateReason)> {
        if let Some(row) = keys.uid.as_ref().and_then(|uid| self.uid.get(uid)) {
            return Some((*row, DuplicateReason::SameUid));
        }
        for email in &keys.emails {
            if let Some(row) = self.email.get(&(keys.company, email.clone())) {
                return Some((*row, DuplicateReason::SameEmail));
            }
        }
        if let Some(row) = keys.person.as_ref().and_then(|key| self.person.get(key)) {
            return Some((*row, DuplicateReason::SameNameAndCompany));
        }
        if let Some(row) = keys.company_name.as_ref().and_then(|n| self.company.get(n)) {
            return Some((*row, DuplicateReason::SameCompanyName));
        }
        None
    }

    fn add(&mut self, keys: &Keys, row: usize) {
        for email in &keys.emails {
            self.email
                .entry((keys.company, email.clone()))
                .or_insert(row);
        }
        if let Some(key) = &keys.person {
            self.person.entry(key.clone()).or_insert(row);
        }
        if let Some(name) = &keys.company_name {
            self.company.entry(name.clone()).or_insert(row);
        }
        if let Some(uid) = &keys.uid {
            self.uid.entry(uid.clone()).or_insert(row);
        }
    }
}

/// The contact a row ends up as: an existing one, or the one another row adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Existing(ContactId),
    Row(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Skip,
    Add,
    Update(Target),
}

/// Applies a plan with the user's choices, as one batch. Refused (nothing changes) when the
/// plan no longer fits the database, e.g. a contact it would update was deleted meanwhile.
pub fn apply_import(
    db: &Db,
    plan: &ImportPlan,
    choices: &ImportChoices,
    now: NaiveDateTime,
) -> Result<(Changes, ImportBatchId, ImportSummary), Problems> {
    refuse_on_errors(check_plan(db, plan, choices))?;
    let Decisions { actions, primaries } = decide(plan, choices);

    let mut counters = db.counters.clone();
    let batch = counters.take_import_batch();
    let mut builder = Builder {
        db,
        plan,
        now,
        batch,
        counters,
        row_ids: vec![None; plan.rows.len()],
        bare_companies: vec![None; plan.companies.len()],
        primaries,
        pending: BTreeMap::new(),
        summary: ImportSummary::default(),
    };
    for (index, action) in actions.iter().enumerate() {
        match *action {
            Action::Skip => builder.summary.skipped += 1,
            Action::Add => builder.add(index),
            Action::Update(target) => builder.update(index, target),
        }
    }

    let Builder {
        counters,
        pending,
        mut summary,
        ..
    } = builder;
    let mut changes = Changes::new();
    changes.put(Record::Counters(counters));
    let used_codes = used_codes(plan, &actions);
    for group in &plan.new_mailing_groups {
        if used_codes.contains(&group.code) {
            changes.put(Record::Classification(
                ClassificationKind::MailingGroup,
                group.clone(),
            ));
            summary.mailing_groups_created += 1;
        }
    }
    let updated: Vec<(Contact, Contact)> = pending
        .values()
        .filter_map(|after| {
            let before = db.contacts.get(&after.id)?;
            Some((before.clone(), after.clone()))
        })
        .collect();
    if !updated.is_empty() {
        changes.put(Record::ImportUndo(ImportUndo { batch, updated }));
    }
    for contact in pending.into_values() {
        changes.put(Record::Contact(contact));
    }
    Ok((changes, batch, summary))
}

/// What each row does and which contact each organisation ends up as: taken once, for both
/// the preview's counts ([`ImportPlan::outcome`]) and the import itself ([`apply_import`]).
struct Decisions {
    actions: Vec<Action>,
    /// Per planned company: the row added for it, or the existing company; `None` when a
    /// company has to be made from the name alone (if any imported person names it).
    primaries: Vec<Option<Target>>,
}

fn decide(plan: &ImportPlan, choices: &ImportChoices) -> Decisions {
    // First decide what each row does, without ids: a row that updates a duplicate within the
    // file merges into whatever the earlier row became.
    let mut actions = Vec::with_capacity(plan.rows.len());
    let mut identity: Vec<Option<Target>> = Vec::with_capacity(plan.rows.len());
    for (index, row) in plan.rows.iter().enumerate() {
        let duplicate_of = match row.proposal {
            Proposal::New => None,
            Proposal::DuplicateOfExisting { contact, .. } => Some(Target::Existing(contact)),
            Proposal::DuplicateInFile { row, .. } => identity.get(row).copied().flatten(),
        };
        let action = match plan.choice_for(choices, index) {
            ImportChoice::Skip => Action::Skip,
            ImportChoice::Add => Action::Add,
            // Updating when there is nothing to update means the user wants the data in.
            ImportChoice::Update => duplicate_of.map_or(Action::Add, Action::Update),
        };
        identity.push(match action {
            Action::Add => Some(Target::Row(index)),
            Action::Update(target) => Some(target),
            Action::Skip => duplicate_of,
        });
        actions.push(action);
    }

    // Each organisation's company: the first row standing for it that is added, else the
    // existing company of that name, else a new company made from the name alone.
    let primaries = plan
        .companies
        .iter()
        .map(|company| {
            company
                .rows
                .iter()
                .find(|r| actions.get(**r) == Some(&Action::Add))
                .map(|r| Target::Row(*r))
                .or(company.existing.map(Target::Existing))
        })
        .collect();
    Decisions { actions, primaries }
}

/// The mailing group codes of the labels of every row that is added or merged: the new
/// mailing groups the import creates are those among them.
fn used_codes(plan: &ImportPlan, actions: &[Action]) -> BTreeSet<Code> {
    plan.rows
        .iter()
        .zip(actions)
        .filter(|(_, action)| **action != Action::Skip)
        .flat_map(|(row, _)| row.contact.mailing_groups.iter())
        .filter_map(|label| plan.mailing_group_codes.get(&label.to_lowercase()))
        .cloned()
        .collect()
}

/// Everything that makes a plan unusable against the database as it is now.
fn check_plan(db: &Db, plan: &ImportPlan, choices: &ImportChoices) -> Problems {
    let mut problems = Problems::new();
    for row in choices.rows.keys().filter(|row| **row >= plan.rows.len()) {
        problems.push(Problem::record(ProblemCode::ImportChoiceRowOutOfRange).with(row));
    }
    for row in &plan.rows {
        match row.proposal {
            Proposal::DuplicateOfExisting { contact, .. }
                if !db.contacts.contains_key(&contact) =>
            {
                problems.push(
                    Problem::error(
                        Place::Line {
                            line_no: u32::try_from(row.contact.source_row).unwrap_or(u32::MAX),
                            field: None,
                        },
                        ProblemCode::ImportDuplicateTargetMissing,
                    )
                    .with(db.no(contact)),
                );
            }
            Proposal::DuplicateInFile { row: earlier, .. } if earlier >= plan.rows.len() => {
                problems.push(Problem::record(ProblemCode::ImportPlanInconsistent).with(earlier));
            }
            _ => {}
        }
        if row.company.is_some_and(|k| k >= plan.companies.len()) {
            problems.push(
                Problem::record(ProblemCode::ImportPlanInconsistent).with(row.contact.source_row),
            );
        }
    }
    for company in &plan.companies {
        if let Some(id) = company.existing {
            if !db.contacts.get(&id).is_some_and(Contact::is_company) {
                problems
                    .push(Problem::record(ProblemCode::ImportCompanyMissing).with(&company.name));
            }
        }
    }
    problems
}

/// Builds the contacts of an applied import, handing out ids in file order.
struct Builder<'a> {
    db: &'a Db,
    plan: &'a ImportPlan,
    now: NaiveDateTime,
    batch: ImportBatchId,
    counters: crate::core::changes::Counters,
    /// The id of each row that adds a contact, taken when first needed.
    row_ids: Vec<Option<ContactId>>,
    /// Companies made from a name alone, per planned company.
    bare_companies: Vec<Option<ContactId>>,
    primaries: Vec<Option<Target>>,
    /// Every contact added or updated, by id.
    pending: BTreeMap<ContactId, Contact>,
    summary: ImportSummary,
}

impl Builder<'_> {
    fn row_id(&mut self, row: usize) -> ContactId {
        if let Some(id) = self.row_ids[row] {
            return id;
        }
        let id = self.counters.take_contact();
        self.row_ids[row] = Some(id);
        id
    }

    fn target_id(&mut self, target: Target) -> ContactId {
        match target {
            Target::Existing(id) => id,
            Target::Row(row) => self.row_id(row),
        }
    }

    /// The company a person row belongs to, created now if it does not exist yet.
    fn company_of(&mut self, row: usize) -> Option<ContactId> {
        let k = self.plan.rows[row].company?;
        if let Some(target) = self.primaries[k] {
            return Some(self.target_id(target));
        }
        if let Some(id) = self.bare_companies[k] {
            return Some(id);
        }
        let id = self.counters.take_contact();
        self.bare_companies[k] = Some(id);
        let company = Contact {
            id,
            kind: ContactKind::Company,
            name: self.plan.companies[k].name.clone(),
            import_batch: Some(self.batch),
            stamps: Stamps::new(self.now),
            ..Default::default()
        };
        self.pending.insert(id, company);
        self.summary.companies_created += 1;
        Some(id)
    }

    fn codes(&self, imported: &ImportedContact) -> BTreeSet<Code> {
        imported
            .mailing_groups
            .iter()
            .filter_map(|label| self.plan.mailing_group_codes.get(&label.to_lowercase()))
            .cloned()
            .collect()
    }

    fn add(&mut self, row: usize) {
        let plan = self.plan;
        let imported = &plan.rows[row].contact;
        let company = if imported.is_company() {
            None
        } else {
            self.company_of(row)
        };
        let id = self.row_id(row);
        let contact = Contact {
            id,
            kind: imported.kind,
            company,
            name: imported.name.clone(),
            first_name: imported.first_name.clone(),
            middle_name: imported.middle_name.clone(),
            surname: imported.surname.clone(),
            job_title: imported.job_title.clone(),
            address: imported.address.clone(),
            address_2: imported.address_2.clone(),
            post_code: imported.post_code.clone(),
            city: imported.city.clone(),
            county: imported.county.clone(),
            country: imported.country.clone(),
            phone: imported.phone.clone(),
            mobile: imported.mobile.clone(),
            email: imported.email.clone(),
            email_2: imported.email_2.clone(),
            website: imported.website.clone(),
            language: imported.language.clone(),
            attributes: imported.attributes.clone(),
            notes: imported.notes.clone(),
            mailing_groups: self.codes(imported),
            import_batch: Some(self.batch),
            stamps: Stamps::new(self.now),
            ..Default::default()
        };
        self.pending.insert(id, contact);
        self.summary.added += 1;
    }

    fn update(&mut self, row: usize, target: Target) {
        let plan = self.plan;
        let imported = &plan.rows[row].contact;
        let company = if imported.is_company() {
            None
        } else {
            self.company_of(row)
        };
        let id = self.target_id(target);
        let Some(mut contact) = self
            .pending
            .get(&id)
            .or_else(|| self.db.contacts.get(&id))
            .cloned()
        else {
            // check_plan makes sure every existing target is there, and added rows come before
            // the rows that update them; should it still be missing, the row is left out rather
            // than invented.
            self.summary.skipped += 1;
            return;
        };
        let codes = self.codes(imported);
        merge(&mut contact, imported, company, codes, self.now);
        self.pending.insert(id, contact);
        self.summary.updated += 1;
    }
}

/// Merges the non-empty fields of an imported row into a contact. The address is taken as a
/// whole (a new street with the old city would be no address at all), e-mail addresses are
/// pooled (the row's first), notes are added to rather than replaced, and labels are added.
fn merge(
    contact: &mut Contact,
    imported: &ImportedContact,
    company: Option<ContactId>,
    codes: BTreeSet<Code>,
    now: NaiveDateTime,
) {
    fn take(slot: &mut String, value: &str) {
        if !value.trim().is_empty() {
            *slot = value.to_string();
        }
    }
    if contact.is_company() {
        take(&mut contact.name, &imported.name);
    } else {
        take(&mut contact.first_name, &imported.first_name);
        take(&mut contact.middle_name, &imported.middle_name);
        take(&mut contact.surname, &imported.surname);
        let full = contact.full_name_from_parts();
        if full.is_empty() {
            take(&mut contact.name, &imported.name);
        } else {
            contact.name = full;
        }
        if company.is_some() {
            contact.company = company;
        }
    }
    take(&mut contact.job_title, &imported.job_title);
    let address = [
        &imported.address,
        &imported.address_2,
        &imported.post_code,
        &imported.city,
        &imported.county,
        &imported.country,
    ];
    if address.iter().any(|field| !field.is_empty()) {
        contact.address = imported.address.clone();
        contact.address_2 = imported.address_2.clone();
        contact.post_code = imported.post_code.clone();
        contact.city = imported.city.clone();
        contact.county = imported.county.clone();
        contact.country = imported.country.clone();
    }
    take(&mut contact.phone, &imported.phone);
    take(&mut contact.mobile, &imported.mobile);
    take(&mut contact.website, &imported.website);
    take(&mut contact.language, &imported.language);

    let mut emails: Vec<String> = Vec::new();
    for email in [
        &imported.email,
        &imported.email_2,
        &contact.email,
        &contact.email_2,
    ] {
        let email = email.trim();
        if !email.is_empty() && !emails.iter().any(|e| e.eq_ignore_ascii_case(email)) {
            emails.push(email.to_string());
        }
    }
    let mut emails = emails.into_iter();
    contact.email = emails.next().unwrap_or_default();
    contact.email_2 = emails.next().unwrap_or_default();
    for (n, extra) in emails.enumerate() {
        contact
            .attributes
            .insert(format!("{} {}", attr::EMAIL, n + 3), AttrValue::Text(extra));
    }

    let notes = imported.notes.trim();
    if !notes.is_empty() && !contact.notes.contains(notes) {
        if contact.notes.trim().is_empty() {
            contact.notes = notes.to_string();
        } else {
            contact.notes = format!("{}\n\n{notes}", contact.notes.trim_end());
        }
    }
    for (name, value) in &imported.attributes {
        contact.attributes.insert(name.clone(), value.clone());
    }
    contact.mailing_groups.extend(codes);
    contact.stamps.modified = now;
}

impl Db {
    /// See [`plan_import`].
    pub fn plan_import(&self, contacts: Vec<ImportedContact>) -> ImportPlan {
        plan_import(self, contacts)
    }

    /// See [`apply_import`].
    pub fn apply_import(
        &self,
        plan: &ImportPlan,
        choices: &ImportChoices,
        now: NaiveDateTime,
    ) -> Result<(Changes, ImportBatchId, ImportSummary), Problems> {
        apply_import(self, plan, choices, now)
    }
}
