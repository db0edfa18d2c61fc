//! Setup tables: classifications, profile questionnaires, salespeople, interaction groups and
//! templates, salutation formulas and our company (product.md §2, reference-bc.md §1.2–§1.5),
//! plus the salutation a contact is greeted with (reference-bc.md §1.3).
//!
//! Setup records are keyed by their code, so saving one with an existing code replaces it
//! (there is no rename: a new code is a new record). Deleting a record that contacts, segments
//! or templates still use is refused, naming the users, because a dangling code would silently
//! drop out of filters and letters. Interaction log entries keep the codes they were logged
//! with as history, so they never block a delete.

use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::contacts::{is_language_code, is_plausible_email, normalize_language};
use crate::core::db::Db;
use crate::core::ids::Code;
use crate::core::letter::salutation;
use crate::core::model::{
    Classification, ClassificationKind, Contact, InteractionGroup, InteractionTemplate, NamePart,
    OurCompany, ProfileQuestionnaire, Salesperson, SalutationFormula, SalutationKind, Segment,
};
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};
use std::collections::BTreeSet;

/// The languages the app knows by name (ISO 639-1): those the contact import recognises
/// (`import::normalise_language`), Finnish, Swedish and English first as the team's own. The
/// template page offers these, together with any other code the data already uses, in a select
/// rather than as a free-text code, so that a letter is never filed under a mistyped language.
pub const LANGUAGE_CODES: &[&str] = &[
    "fi", "sv", "en", "de", "fr", "et", "no", "da", "ru", "es", "it", "nl", "el", "ja",
];

/// Every language a template could be written in: [`LANGUAGE_CODES`], then the other codes the
/// contacts, templates and salutation formulas already use, each once, in that order.
pub fn known_languages(db: &Db) -> Vec<String> {
    let mut languages: Vec<String> = LANGUAGE_CODES.iter().map(|c| c.to_string()).collect();
    let used = db
        .contacts
        .values()
        .map(|c| c.language.as_str())
        .chain(db.templates.values().flat_map(|t| {
            std::iter::once(t.language_default.as_str())
                .chain(t.letters.iter().map(|l| l.language.as_str()))
        }))
        .chain(db.salutation_formulas.values().map(|f| f.language.as_str()));
    let mut others = BTreeSet::new();
    for language in used {
        let language = normalize_language(language);
        if is_language_code(&language) && !languages.contains(&language) {
            others.insert(language);
        }
    }
    languages.extend(others);
    languages
}

/// The stable name of a classification table, used in problem arguments.
pub fn classification_kind_name(kind: ClassificationKind) -> &'static str {
    match kind {
        ClassificationKind::MailingGroup => "mailing_group",
        ClassificationKind::IndustryGroup => "industry_group",
        ClassificationKind::BusinessRelation => "business_relation",
        ClassificationKind::JobResponsibility => "job_responsibility",
    }
}

/// The stable name of a salutation kind, used in problem arguments.
pub fn salutation_kind_name(kind: SalutationKind) -> &'static str {
    match kind {
        SalutationKind::Formal => "formal",
        SalutationKind::Informal => "informal",
    }
}

/// A code must be given and fit [`Code::MAX_LEN`].
fn check_code(code: &Code, problems: &mut Problems) {
    if code.is_empty() {
        problems.push(Problem::field("code", ProblemCode::SetupCodeMissing));
    } else if code.as_str().chars().count() > Code::MAX_LEN {
        problems.push(Problem::field("code", ProblemCode::SetupCodeTooLong).with(Code::MAX_LEN));
    }
}

fn refuse_or(problems: Problems, changes: Changes) -> Result<Changes, Problems> {
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

fn put(record: Record) -> Changes {
    let mut changes = Changes::new();
    changes.put(record);
    changes
}

fn delete(key: RecordKey) -> Changes {
    let mut changes = Changes::new();
    changes.delete(key);
    changes
}

/// A problem listing the numbers of the segments that still use something.
fn used_by_segments(code: ProblemCode, segments: Vec<&Segment>) -> Option<Problem> {
    if segments.is_empty() {
        return None;
    }
    let mut problem = Problem::record(code);
    problem.args = segments.iter().map(|s| s.id.no()).collect();
    Some(problem)
}

impl Db {
    // ----- classifications -------------------------------------------------------------

    /// Creates or replaces a mailing group, industry group, business relation or job
    /// responsibility.
    pub fn save_classification(
        &self,
        kind: ClassificationKind,
        classification: Classification,
    ) -> Result<Changes, Problems> {
        let mut problems = Vec::new();
        check_code(&classification.code, &mut problems);
        refuse_or(problems, put(Record::Classification(kind, classification)))
    }

    /// Deletes a classification; refused with the number of contacts that carry it
    /// (`setup.classification_in_use`), because removing it would silently change who the
    /// contacts' segments find.
    pub fn delete_classification(
        &self,
        kind: ClassificationKind,
        code: &Code,
    ) -> Result<Changes, Problems> {
        if !self
            .classifications
            .get(&kind)
            .is_some_and(|t| t.contains_key(code))
        {
            return Err(vec![Problem::record(
                ProblemCode::SetupClassificationUnknown,
            )
            .with(classification_kind_name(kind))
            .with(code)]);
        }
        let ix = self.indexes();
        let index = match kind {
            ClassificationKind::MailingGroup => &ix.mailing_group,
            ClassificationKind::IndustryGroup => &ix.industry_group,
            ClassificationKind::BusinessRelation => &ix.business_relation,
            ClassificationKind::JobResponsibility => &ix.job_responsibility,
        };
        let users = index.get(code).map_or(0, |set| set.len());
        if users > 0 {
            return Err(vec![Problem::record(ProblemCode::SetupClassificationInUse)
                .with(classification_kind_name(kind))
                .with(code)
                .with(users)]);
        }
        Ok(delete(RecordKey::Classification(kind, code.clone())))
    }

    // ----- profile questionnaires --------------------------------------------------------

    /// Creates or replaces a profile questionnaire with its answers. Answer line numbers must
    /// be unique and non-zero and every answer needs a text. Removing an answer that contacts
    /// have given is refused (`setup.answer_in_use`, with the line and the count).
    pub fn save_questionnaire(
        &self,
        questionnaire: ProfileQuestionnaire,
    ) -> Result<Changes, Problems> {
        let mut problems = Vec::new();
        check_code(&questionnaire.code, &mut problems);
        let mut seen = BTreeSet::new();
        for answer in &questionnaire.answers {
            if answer.line == 0 {
                problems.push(Problem::field(
                    "answers",
                    ProblemCode::SetupAnswerLineMissing,
                ));
            } else if !seen.insert(answer.line) {
                problems.push(
                    Problem::field("answers", ProblemCode::SetupAnswerLineDuplicate)
                        .with(answer.line),
                );
            }
            if answer.text.trim().is_empty() {
                problems.push(
                    Problem::field("answers", ProblemCode::SetupAnswerTextMissing)
                        .with(answer.line),
                );
            }
        }
        if let Some(old) = self.questionnaires.get(&questionnaire.code) {
            for answer in &old.answers {
                if seen.contains(&answer.line) {
                    continue;
                }
                let given = self.contacts_with_answer(&questionnaire.code, Some(answer.line));
                if given > 0 {
                    problems.push(
                        Problem::field("answers", ProblemCode::SetupAnswerInUse)
                            .with(answer.line)
                            .with(given),
                    );
                }
            }
        }
        refuse_or(problems, put(Record::Questionnaire(questionnaire)))
    }

    /// Deletes a questionnaire; refused with the number of contacts that answered it.
    pub fn delete_questionnaire(&self, code: &Code) -> Result<Changes, Problems> {
        if !self.questionnaires.contains_key(code) {
            return Err(vec![Problem::record(
                ProblemCode::SetupQuestionnaireUnknown,
            )
            .with(code)]);
        }
        let given = self.contacts_with_answer(code, None);
        if given > 0 {
            return Err(vec![Problem::record(ProblemCode::SetupQuestionnaireInUse)
                .with(code)
                .with(given)]);
        }
        Ok(delete(RecordKey::Questionnaire(code.clone())))
    }

    /// How many contacts gave an answer to the questionnaire (one answer line, or any).
    fn contacts_with_answer(&self, questionnaire: &Code, line: Option<u32>) -> usize {
        let mut contacts = BTreeSet::new();
        for (answer, members) in &self.indexes().profile_answer {
            if &answer.questionnaire == questionnaire && line.is_none_or(|l| l == answer.answer) {
                contacts.extend(members.iter().copied());
            }
        }
        contacts.len()
    }

    // ----- salespeople -----------------------------------------------------------------

    /// Creates or replaces a salesperson; the e-mail, if given, must look like one.
    pub fn save_salesperson(&self, mut salesperson: Salesperson) -> Result<Changes, Problems> {
        salesperson.email = salesperson.email.trim().to_string();
        let mut problems = Vec::new();
        check_code(&salesperson.code, &mut problems);
        if !salesperson.email.is_empty() && !is_plausible_email(&salesperson.email) {
            problems.push(
                Problem::field("email", ProblemCode::SetupEmailInvalid).with(&salesperson.email),
            );
        }
        refuse_or(problems, put(Record::Salesperson(salesperson)))
    }

    /// Deletes a salesperson; refused while contacts (`setup.salesperson_on_contacts`, with the
    /// count) or segments (`setup.salesperson_on_segments`, with their numbers, header or line)
    /// name it. Logged entries keep the code as history.
    pub fn delete_salesperson(&self, code: &Code) -> Result<Changes, Problems> {
        if !self.salespeople.contains_key(code) {
            return Err(vec![
                Problem::record(ProblemCode::SetupSalespersonUnknown).with(code)
            ]);
        }
        let mut problems = Vec::new();
        let on_contacts = self
            .contacts
            .values()
            .filter(|c| c.salesperson.as_ref() == Some(code))
            .count();
        if on_contacts > 0 {
            problems
                .push(Problem::record(ProblemCode::SetupSalespersonOnContacts).with(on_contacts));
        }
        let segments = self.segments_using(
            |s| s.salesperson.as_ref() == Some(code),
            |l| l.salesperson.as_ref() == Some(code),
        );
        problems.extend(used_by_segments(
            ProblemCode::SetupSalespersonOnSegments,
            segments,
        ));
        refuse_or(problems, delete(RecordKey::Salesperson(code.clone())))
    }

    /// The segments whose header or any line matches.
    fn segments_using(
        &self,
        header: impl Fn(&Segment) -> bool,
        line: impl Fn(&crate::core::model::SegmentLine) -> bool,
    ) -> Vec<&Segment> {
        self.segments
            .values()
            .filter(|s| header(s) || s.lines.iter().any(&line))
            .collect()
    }

    // ----- interaction groups ------------------------------------------------------------

    pub fn save_interaction_group(&self, group: InteractionGroup) -> Result<Changes, Problems> {
        let mut problems = Vec::new();
        check_code(&group.code, &mut problems);
        refuse_or(problems, put(Record::InteractionGroup(group)))
    }

    /// Deletes an interaction group; refused while templates (`setup.group_on_templates`, with
    /// their codes) or segments (`setup.group_on_segments`, with their numbers) use it.
    pub fn delete_interaction_group(&self, code: &Code) -> Result<Changes, Problems> {
        if !self.interaction_groups.contains_key(code) {
            return Err(vec![
                Problem::record(ProblemCode::SetupGroupUnknown).with(code)
            ]);
        }
        let mut problems = Vec::new();
        let templates: Vec<String> = self
            .templates
            .values()
            .filter(|t| &t.group == code)
            .map(|t| t.code.to_string())
            .collect();
        if !templates.is_empty() {
            let mut problem = Problem::record(ProblemCode::SetupGroupOnTemplates);
            problem.args = templates;
            problems.push(problem);
        }
        let segments = self.segments_using(
            |s| s.group.as_ref() == Some(code),
            |l| l.group.as_ref() == Some(code),
        );
        problems.extend(used_by_segments(
            ProblemCode::SetupGroupOnSegments,
            segments,
        ));
        refuse_or(problems, delete(RecordKey::InteractionGroup(code.clone())))
    }

    // ----- interaction templates ---------------------------------------------------------

    /// Creates or replaces an interaction template (reference-bc.md §1.5).
    ///
    /// The group is required and must exist; cost and duration are finite and not negative;
    /// the default language and every letter's language are language codes (lower-cased on
    /// save); no two letters share a language, since a contact's letter is chosen by language.
    /// The letter text itself is checked by the letter module, not here.
    pub fn save_template(&self, mut template: InteractionTemplate) -> Result<Changes, Problems> {
        template.language_default = normalize_language(&template.language_default);
        for letter in &mut template.letters {
            letter.language = normalize_language(&letter.language);
        }
        // An e-mail goes with the letter of its language, so one without such a letter, or
        // with nothing of its own, would never be sent; it is not kept.
        for email in &mut template.emails {
            email.language = normalize_language(&email.language);
        }
        let letters: BTreeSet<String> = template
            .letters
            .iter()
            .map(|l| l.language.clone())
            .collect();
        template
            .emails
            .retain(|email| !email.is_blank() && letters.contains(&email.language));

        let mut problems = Vec::new();
        check_code(&template.code, &mut problems);
        if template.group.is_empty() {
            problems.push(Problem::field(
                "group",
                ProblemCode::SetupTemplateGroupMissing,
            ));
        } else if !self.interaction_groups.contains_key(&template.group) {
            problems.push(
                Problem::field("group", ProblemCode::SetupTemplateGroupUnknown)
                    .with(&template.group),
            );
        }
        for (field, value) in [
            ("unit_cost", template.unit_cost),
            ("unit_duration_min", template.unit_duration_min),
        ] {
            if !value.is_finite() || value < 0.0 {
                problems.push(Problem::field(field, ProblemCode::SetupAmountInvalid));
            }
        }
        if !is_language_code(&template.language_default) {
            problems.push(
                Problem::field("language_default", ProblemCode::SetupLanguageInvalid)
                    .with(&template.language_default),
            );
        }
        let mut languages = BTreeSet::new();
        for letter in &template.letters {
            if !is_language_code(&letter.language) {
                problems.push(
                    Problem::field("letters", ProblemCode::SetupLanguageInvalid)
                        .with(&letter.language),
                );
            } else if !languages.insert(letter.language.as_str()) {
                problems.push(
                    Problem::field("letters", ProblemCode::SetupLetterLanguageDuplicate)
                        .with(&letter.language),
                );
            }
        }
        refuse_or(problems, put(Record::Template(template)))
    }

    /// Deletes a template; refused while segments use it on the header or a line
    /// (`setup.template_on_segments`, with their numbers).
    pub fn delete_template(&self, code: &Code) -> Result<Changes, Problems> {
        if !self.templates.contains_key(code) {
            return Err(vec![
                Problem::record(ProblemCode::SetupTemplateUnknown).with(code)
            ]);
        }
        let segments = self.segments_using(
            |s| s.template.as_ref() == Some(code),
            |l| l.template.as_ref() == Some(code),
        );
        let problems: Problems = used_by_segments(ProblemCode::SetupTemplateOnSegments, segments)
            .into_iter()
            .collect();
        refuse_or(problems, delete(RecordKey::Template(code.clone())))
    }

    // ----- salutation formulas -----------------------------------------------------------

    /// Creates or replaces a salutation formula.
    ///
    /// The salutation code may be empty: that formula greets contacts without a salutation
    /// code (BC takes a default code from its Marketing Setup instead). The formula text is
    /// required, and every `%n` it uses needs a chosen name part `n`
    /// (`setup.formula_slot_without_part`), so a greeting never shows a raw `%3`.
    pub fn save_salutation_formula(
        &self,
        mut formula: SalutationFormula,
    ) -> Result<Changes, Problems> {
        formula.language = normalize_language(&formula.language);
        let mut problems = Vec::new();
        if formula.salutation_code.as_str().chars().count() > Code::MAX_LEN {
            problems.push(
                Problem::field("salutation_code", ProblemCode::SetupCodeTooLong)
                    .with(Code::MAX_LEN),
            );
        }
        if !is_language_code(&formula.language) {
            problems.push(
                Problem::field("language", ProblemCode::SetupLanguageInvalid)
                    .with(&formula.language),
            );
        }
        if formula.formula.trim().is_empty() {
            problems.push(Problem::field("formula", ProblemCode::SetupFormulaMissing));
        }
        for slot in slots(&formula.formula) {
            if slot > formula.parts.len() {
                problems.push(
                    Problem::field("formula", ProblemCode::SetupFormulaSlotWithoutPart).with(slot),
                );
            }
        }
        refuse_or(problems, put(Record::SalutationFormula(formula)))
    }

    /// Deletes a salutation formula. Nothing refers to a formula by key (contacts name only the
    /// salutation code), so this is never refused for use; a contact left without a formula is
    /// reported when its letter is merged.
    pub fn delete_salutation_formula(
        &self,
        code: &Code,
        language: &str,
        kind: SalutationKind,
    ) -> Result<Changes, Problems> {
        let key = (code.clone(), language.to_string(), kind);
        if !self.salutation_formulas.contains_key(&key) {
            return Err(vec![Problem::record(ProblemCode::SetupFormulaUnknown)
                .with(code)
                .with(language)
                .with(salutation_kind_name(kind))]);
        }
        Ok(delete(RecordKey::SalutationFormula(key.0, key.1, key.2)))
    }

    /// The salutation for a contact in a language (reference-bc.md §1.3).
    ///
    /// The formula is the one for the contact's salutation code, the language and the kind,
    /// falling back to the same code and kind with an empty language. Each `%n` is replaced by
    /// the contact's n-th chosen name part by the letter module's [`salutation`], so an empty
    /// part leaves no stray space behind (`Dear %1 %2,` with no first name gives `Dear Smith,`).
    /// Without a formula the problem `salutation.formula_missing` names the code, the language
    /// and the kind, as BC's "You have to set up the salutation formula…" does.
    pub fn salutation_for(
        &self,
        contact: &Contact,
        language: &str,
        kind: SalutationKind,
    ) -> Result<String, Problem> {
        let language = normalize_language(language);
        let code = &contact.salutation_code;
        let formula = self
            .salutation_formulas
            .get(&(code.clone(), language.clone(), kind))
            .or_else(|| {
                self.salutation_formulas
                    .get(&(code.clone(), String::new(), kind))
            })
            .ok_or_else(|| {
                Problem::field("salutation_code", ProblemCode::SalutationFormulaMissing)
                    .with(code)
                    .with(&language)
                    .with(salutation_kind_name(kind))
            })?;
        let values: Vec<String> = formula
            .parts
            .iter()
            .map(|part| self.name_part(contact, *part))
            .collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        Ok(salutation(&formula.formula, &values))
    }

    /// One name part of a contact, as a salutation slot shows it.
    fn name_part(&self, contact: &Contact, part: NamePart) -> String {
        match part {
            NamePart::JobTitle => contact.job_title.trim().to_string(),
            NamePart::FirstName => contact.first_name.trim().to_string(),
            NamePart::MiddleName => contact.middle_name.trim().to_string(),
            NamePart::Surname => contact.surname.trim().to_string(),
            // The model keeps no Initials field: they are derived from the first and middle
            // names, e.g. "J.R." for John Ronald.
            NamePart::Initials => [&contact.first_name, &contact.middle_name]
                .iter()
                .filter_map(|name| name.trim().chars().next())
                .map(|c| format!("{}.", c.to_uppercase()))
                .collect(),
            NamePart::CompanyName => self.company_name_of(contact),
        }
    }

    // ----- our company -------------------------------------------------------------------

    /// Replaces the sender's details; the e-mail, if given, must look like one.
    pub fn save_our_company(&self, mut company: OurCompany) -> Result<Changes, Problems> {
        company.email = company.email.trim().to_string();
        let mut problems = Vec::new();
        if !company.email.is_empty() && !is_plausible_email(&company.email) {
            problems
                .push(Problem::field("email", ProblemCode::SetupEmailInvalid).with(&company.email));
        }
        refuse_or(problems, put(Record::OurCompany(company)))
    }
}

/// The `%n` slot numbers a formula uses, in order. Slots are `%1`…`%9`, one digit, as the
/// letter module's [`salutation`] fills them (`%12` is slot 1 followed by a `2`).
fn slots(formula: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut chars = formula.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if let Some(digit @ '1'..='9') = chars.peek().copied() {
            chars.next();
            out.push(digit as usize - '0' as usize);
        }
    }
    out
}

/// A step of setting up a new database, in the order a person takes them (product.md: first run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstRunStep {
    Contacts,
    Salesperson,
    Template,
    Salutations,
    OurCompany,
}

/// Every first-run step with whether it is done, read from what the database holds, so a step
/// is ticked however it was done (by hand, by an import, by a teammate's exchange file).
pub fn first_run_steps(db: &crate::core::db::Db) -> [(FirstRunStep, bool); 5] {
    [
        (FirstRunStep::Contacts, !db.contacts.is_empty()),
        (FirstRunStep::Salesperson, !db.salespeople.is_empty()),
        (FirstRunStep::Template, !db.templates.is_empty()),
        (
            FirstRunStep::Salutations,
            !db.salutation_formulas.is_empty(),
        ),
        (
            FirstRunStep::OurCompany,
            !db.our_company.name.trim().is_empty(),
        ),
    ]
}

/// Whether the database is still new enough to show the first-run checklist: nothing has been
/// logged yet and some step is still open.
pub fn is_first_run(db: &crate::core::db::Db) -> bool {
    db.logged_segments.is_empty() && first_run_steps(db).iter().any(|(_, done)| !done)
}
