//! Problems that an operation reports instead of doing anything.
//!
//! Every validation collects all of its problems (it does not stop at the first one), each with
//! where it is and a stable code. The code is the key of the message in the UI's translation
//! catalogue, so wording stays out of the core; `args` carries the values the message names.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// The operation is refused while this problem remains.
    Error,
    /// The user may accept it and go on (e.g. a letter field without a value).
    Warning,
}

/// Where a problem is: a field of the record being edited, a segment line, or the record as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// The record as a whole (e.g. "this contact is on a segment").
    Record,
    /// A field of the record, by its stable English name (`email`, `company`, …).
    Field(String),
    /// A segment line, by its line number, optionally with the field of the line.
    Line { line_no: u32, field: Option<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    /// Stable identifier, e.g. `contact.email_invalid`; the UI translates it. Stored and sent as
    /// its text ([`ProblemCode::as_str`]), as when this field was a string.
    pub code: ProblemCode,
    /// Values the message mentions, e.g. the segment number that holds the contact.
    pub args: Vec<String>,
}

impl Problem {
    pub fn error(place: Place, code: ProblemCode) -> Self {
        Problem {
            severity: Severity::Error,
            place,
            code,
            args: Vec::new(),
        }
    }

    pub fn warning(place: Place, code: ProblemCode) -> Self {
        Problem {
            severity: Severity::Warning,
            place,
            code,
            args: Vec::new(),
        }
    }

    pub fn field(field: &str, code: ProblemCode) -> Self {
        Problem::error(Place::Field(field.to_string()), code)
    }

    pub fn record(code: ProblemCode) -> Self {
        Problem::error(Place::Record, code)
    }

    /// Adds a value the message names.
    pub fn with(mut self, arg: impl ToString) -> Self {
        self.args.push(arg.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The problems that made an operation refuse; never empty when returned as an error.
pub type Problems = Vec<Problem>;

/// Returns `Err(problems)` when any of them is an error, so callers can write `refuse_on_errors(p)?`.
pub fn refuse_on_errors(problems: Problems) -> Result<Problems, Problems> {
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok(problems)
    }
}

/// Declares [`ProblemCode`] from one list of variants and their stable codes, so that the
/// variant, its text and the parsing of the text cannot drift apart.
macro_rules! problem_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// Every problem code there is: the core's and storage's, and the few the UI reports
        /// itself (`ui.…`). The UI's problem catalogue matches on it exhaustively, so a code
        /// without a message does not compile. [`ProblemCode::as_str`] is the code as
        /// [`Problem::code`] carries it; [`ProblemCode::parse`] reads it back.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ProblemCode {
            $($(#[$doc])* $variant,)*
        }

        impl ProblemCode {
            /// Every code, in the order of the list.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant,)*];

            /// The stable code, e.g. `contact.unknown`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $code,)*
                }
            }

            /// The code with this text, if there is one.
            pub fn parse(code: &str) -> Option<ProblemCode> {
                match code {
                    $($code => Some(ProblemCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

problem_codes! {
    // contacts
    ContactUnknown = "contact.unknown",
    ContactNameMissing = "contact.name_missing",
    ContactCompanyCannotHaveCompany = "contact.company_cannot_have_company",
    ContactCompanyUnknown = "contact.company_unknown",
    ContactCompanyNotACompany = "contact.company_not_a_company",
    ContactEmailInvalid = "contact.email_invalid",
    ContactLanguageInvalid = "contact.language_invalid",
    ContactSalespersonUnknown = "contact.salesperson_unknown",
    ContactMailingGroupUnknown = "contact.mailing_group_unknown",
    ContactIndustryGroupUnknown = "contact.industry_group_unknown",
    ContactBusinessRelationUnknown = "contact.business_relation_unknown",
    ContactJobResponsibilityUnknown = "contact.job_responsibility_unknown",
    ContactProfileAnswerUnknown = "contact.profile_answer_unknown",
    ContactIndustryGroupsCompanyOnly = "contact.industry_groups_company_only",
    ContactBusinessRelationsCompanyOnly = "contact.business_relations_company_only",
    ContactJobResponsibilitiesPersonOnly = "contact.job_responsibilities_person_only",
    ContactAttributeNameMissing = "contact.attribute_name_missing",
    ContactAttributeNumberInvalid = "contact.attribute_number_invalid",
    ContactCompanyLockedBySegment = "contact.company_locked_by_segment",
    ContactKindLockedByEntries = "contact.kind_locked_by_entries",
    ContactKindLockedByPersons = "contact.kind_locked_by_persons",
    ContactKindLockedBySegment = "contact.kind_locked_by_segment",
    ContactOnSegment = "contact.on_segment",
    ContactHasEntries = "contact.has_entries",
    ContactHasOpportunities = "contact.has_opportunities",
    ContactCompanyHasPersons = "contact.company_has_persons",
    ContactImportBatchEmpty = "contact.import_batch_empty",
    EditChangedElsewhere = "edit.changed_elsewhere",
    ContactChangedSinceImport = "contact.changed_since_import",
    // set-up
    SetupCodeMissing = "setup.code_missing",
    SetupCodeTooLong = "setup.code_too_long",
    SetupClassificationUnknown = "setup.classification_unknown",
    SetupClassificationInUse = "setup.classification_in_use",
    SetupAnswerLineMissing = "setup.answer_line_missing",
    SetupAnswerLineDuplicate = "setup.answer_line_duplicate",
    SetupAnswerTextMissing = "setup.answer_text_missing",
    SetupAnswerInUse = "setup.answer_in_use",
    SetupQuestionnaireUnknown = "setup.questionnaire_unknown",
    SetupQuestionnaireInUse = "setup.questionnaire_in_use",
    SetupEmailInvalid = "setup.email_invalid",
    SetupSalespersonUnknown = "setup.salesperson_unknown",
    SetupSalespersonOnContacts = "setup.salesperson_on_contacts",
    SetupSalespersonOnSegments = "setup.salesperson_on_segments",
    SetupGroupUnknown = "setup.group_unknown",
    SetupGroupOnTemplates = "setup.group_on_templates",
    SetupGroupOnSegments = "setup.group_on_segments",
    SetupTemplateGroupMissing = "setup.template_group_missing",
    SetupTemplateGroupUnknown = "setup.template_group_unknown",
    SetupAmountInvalid = "setup.amount_invalid",
    SetupLanguageInvalid = "setup.language_invalid",
    SetupLetterLanguageDuplicate = "setup.letter_language_duplicate",
    SetupTemplateUnknown = "setup.template_unknown",
    SetupTemplateOnSegments = "setup.template_on_segments",
    SetupFormulaMissing = "setup.formula_missing",
    SetupFormulaSlotWithoutPart = "setup.formula_slot_without_part",
    SetupFormulaUnknown = "setup.formula_unknown",
    SalutationFormulaMissing = "salutation.formula_missing",
    // logging
    LogSegmentUnknown = "log.segment_unknown",
    LogSegmentAlreadyLogged = "log.segment_already_logged",
    LogDescriptionMissing = "log.description_missing",
    LogSegmentEmpty = "log.segment_empty",
    LogContactDuplicate = "log.contact_duplicate",
    LogLineDescriptionMissing = "log.line_description_missing",
    LogDateMissing = "log.date_missing",
    LogSalespersonMissing = "log.salesperson_missing",
    LogSalespersonUnknown = "log.salesperson_unknown",
    LogTemplateMissing = "log.template_missing",
    LogTemplateUnknown = "log.template_unknown",
    LogContactUnknown = "log.contact_unknown",
    LogContactPrivacyBlocked = "log.contact_privacy_blocked",
    LogEmailMissing = "log.email_missing",
    LogEmailInvalid = "log.email_invalid",
    LogAddressMissing = "log.address_missing",
    LogLetterForUnknownLine = "log.letter_for_unknown_line",
    LogLoggedSegmentUnknown = "log.logged_segment_unknown",
    LogLoggedSegmentEmpty = "log.logged_segment_empty",
    LogEntryUnknown = "log.entry_unknown",
    LogLoggedSegmentCanceled = "log.logged_segment_canceled",
    LogCommentMissing = "log.comment_missing",
    LogEntryNotCanceled = "log.entry_not_canceled",
    // segments
    SegmentUnknown = "segment.unknown",
    SegmentDescriptionTooLong = "segment.description_too_long",
    SegmentSalespersonUnknown = "segment.salesperson_unknown",
    SegmentTemplateUnknown = "segment.template_unknown",
    SegmentGroupUnknown = "segment.group_unknown",
    SegmentNumberInvalid = "segment.number_invalid",
    SegmentNoCriteria = "segment.no_criteria",
    SegmentContactUnknown = "segment.contact_unknown",
    SegmentContactAlreadyOnSegment = "segment.contact_already_on_segment",
    SegmentContactNotOnSegment = "segment.contact_not_on_segment",
    SegmentLoggedSegmentUnknown = "segment.logged_segment_unknown",
    SegmentTooManyLines = "segment.too_many_lines",
    SegmentMailingGroupUnknown = "segment.mailing_group_unknown",
    SegmentEmpty = "segment.empty",
    SegmentContactPrivacyBlocked = "segment.contact_privacy_blocked",
    SegmentOpportunitiesExist = "segment.opportunities_exist",
    SegmentOpportunityUnknown = "segment.opportunity_unknown",
    SegmentOpportunityNotContacted = "segment.opportunity_not_contacted",
    SegmentLineUnknown = "segment.line_unknown",
    // saved criteria and criteria
    SavedCriteriaCodeRequired = "saved_criteria.code_required",
    SavedCriteriaCodeTooLong = "saved_criteria.code_too_long",
    SavedCriteriaCodeExists = "saved_criteria.code_exists",
    SavedCriteriaDescriptionTooLong = "saved_criteria.description_too_long",
    SavedCriteriaUnknown = "saved_criteria.unknown",
    CriteriaFilterKindMismatch = "criteria.filter_kind_mismatch",
    // filter expressions
    FilterEmpty = "filter.empty",
    FilterUnexpectedEnd = "filter.unexpected_end",
    FilterUnexpectedToken = "filter.unexpected_token",
    FilterEmptyAlternative = "filter.empty_alternative",
    FilterMissingValue = "filter.missing_value",
    FilterUnbalancedQuote = "filter.unbalanced_quote",
    FilterUnclosedParenthesis = "filter.unclosed_parenthesis",
    FilterUnmatchedClosingParenthesis = "filter.unmatched_closing_parenthesis",
    FilterTooDeeplyNested = "filter.too_deeply_nested",
    FilterRangeWithoutBounds = "filter.range_without_bounds",
    FilterBadNumber = "filter.bad_number",
    FilterAmbiguousNumber = "filter.ambiguous_number",
    FilterBadDate = "filter.bad_date",
    FilterBadBool = "filter.bad_bool",
    FilterWildcardNotAllowed = "filter.wildcard_not_allowed",
    FilterOperatorNotAllowed = "filter.operator_not_allowed",
    FilterEmptyValueNotAllowed = "filter.empty_value_not_allowed",
    // letters
    LetterUnknownField = "letter.unknown_field",
    LetterEmptyTag = "letter.empty_tag",
    LetterUnknownBlock = "letter.unknown_block",
    LetterMissingCondition = "letter.missing_condition",
    LetterUnbalancedIf = "letter.unbalanced_if",
    LetterStrayElse = "letter.stray_else",
    LetterDuplicateElse = "letter.duplicate_else",
    LetterStrayClose = "letter.stray_close",
    LetterTooDeeplyNested = "letter.too_deeply_nested",
    LetterUnclosedTag = "letter.unclosed_tag",
    LetterMissingValue = "letter.missing_value",
    LetterUnknownMergeField = "letter.unknown_merge_field",
    LetterSalutationMissing = "letter.salutation_missing",
    LetterNone = "letter.none",
    LetterPdfsOutdated = "letter.pdfs_outdated",
    // Word documents
    DocxNotAZip = "docx.not_a_zip",
    DocxMissingPart = "docx.missing_part",
    DocxUnreadablePart = "docx.unreadable_part",
    DocxPartTooLarge = "docx.part_too_large",
    DocxNotUtf8 = "docx.not_utf8",
    DocxBrokenXml = "docx.broken_xml",
    DocxWriteFailed = "docx.write_failed",
    DocxUnknownMergeField = "docx.unknown_merge_field",
    DocxCannotMergeBlockAcrossContainers = "docx.cannot_merge.block_across_containers",
    DocxCannotMergeNestedMergeField = "docx.cannot_merge.nested_merge_field",
    DocxCannotMergeFieldAcrossParagraphs = "docx.cannot_merge.field_across_paragraphs",
    DocxCannotMergeFieldAcrossElements = "docx.cannot_merge.field_across_elements",
    DocxCannotMergeFieldOutsideRun = "docx.cannot_merge.field_outside_run",
    DocxCannotMergeBlockInLink = "docx.cannot_merge.block_in_link",
    // downloads
    OutputNoLetters = "output.no_letters",
    OutputUnreadableLetter = "output.unreadable_letter",
    OutputIncompatibleLetters = "output.incompatible_letters",
    OutputWriteFailed = "output.write_failed",
    // import
    ImportEmpty = "import.empty",
    ImportNotText = "import.not_text",
    ImportUnsupportedText = "import.unsupported_text",
    ImportNotUtf8 = "import.not_utf8",
    ImportInvalidUtf16 = "import.invalid_utf16",
    ImportUnclosedQuote = "import.unclosed_quote",
    ImportRaggedRow = "import.ragged_row",
    ImportBadRows = "import.bad_rows",
    ImportNoContacts = "import.no_contacts",
    ImportUnknownHeaders = "import.unknown_headers",
    ImportMappingColumnOutOfRange = "import.mapping_column_out_of_range",
    ImportMappingWithoutName = "import.mapping_without_name",
    ImportVcardLineIgnored = "import.vcard_line_ignored",
    ImportVcardLineOutsideCard = "import.vcard_line_outside_card",
    ImportVcardUnterminated = "import.vcard_unterminated",
    ImportVcardEndedByBegin = "import.vcard_ended_by_begin",
    ImportVcardGroupSkipped = "import.vcard_group_skipped",
    ImportInvalidDate = "import.invalid_date",
    ImportChoiceRowOutOfRange = "import.choice_row_out_of_range",
    ImportDuplicateTargetMissing = "import.duplicate_target_missing",
    ImportPlanInconsistent = "import.plan_inconsistent",
    ImportCompanyMissing = "import.company_missing",
    // backup
    BackupNotABackup = "backup.not_a_backup",
    BackupTooNew = "backup.too_new",
    BackupDamaged = "backup.damaged",
    BackupMergeNotJoined = "backup.merge_not_joined",
    BackupMergeRecord = "backup.merge_record",
    // the UI's own
    UiStoreFailed = "ui.store_failed",
    UiStoreFull = "ui.store_full",
    UiStoreFullFigures = "ui.store_full_figures",
    UiStoreConflict = "ui.store_conflict",
    UiStoreBlocked = "ui.store_blocked",
    UiStoreTooNew = "ui.store_too_new",
    UiStoreUnavailable = "ui.store_unavailable",
    UiStoreDamagedHead = "ui.store_damaged_head",
    UiStoreDamagedLetters = "ui.store_damaged_letters",
    UiStoreDamagedSomeLetters = "ui.store_damaged_some_letters",
    UiStoreDamagedJournal = "ui.store_damaged_journal",
    UiStoreDamagedFiles = "ui.store_damaged_files",
    UiCodeExists = "ui.code_exists",
    UiFormulaExists = "ui.formula_exists",
    // reported by the UI and worded from the log pages' and the Templates page's own tables
    UiLettersUnreadable = "logs.ui.letters_unreadable",
    UiTemplateExists = "letters.template_exists",
}

// A code is written as its text, the bytes a `String` code was written as, and read back from it.
impl Serialize for ProblemCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ProblemCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ProblemCode::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown problem code {text:?}")))
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// Tests and pages compare a code with its text.
impl PartialEq<str> for ProblemCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ProblemCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ProblemCode> for &str {
    fn eq(&self, other: &ProblemCode) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_no_two_share_a_text() {
        let mut texts = std::collections::HashSet::new();
        for code in ProblemCode::ALL {
            assert_eq!(ProblemCode::parse(code.as_str()), Some(*code));
            assert!(texts.insert(code.as_str()), "{} twice", code.as_str());
        }
        assert_eq!(ProblemCode::parse("no.such_code"), None);
    }

    #[test]
    fn a_code_is_written_as_its_text() {
        let problem = Problem::field("email", ProblemCode::ContactEmailInvalid).with("x@");
        let json = serde_json::to_string(&problem).unwrap();
        assert!(json.contains(r#""code":"contact.email_invalid""#), "{json}");
        assert_eq!(serde_json::from_str::<Problem>(&json).unwrap(), problem);
        let bytes = postcard::to_allocvec(&ProblemCode::ContactEmailInvalid).unwrap();
        assert_eq!(
            bytes,
            postcard::to_allocvec("contact.email_invalid").unwrap()
        );
    }
}
