//! Logging a segment and working with what it produced (product.md §4, reference-bc.md §3).
//!
//! * [`Db::check_before_logging`] lists every problem at once, per line, each an error or a
//!   warning. It follows reference-bc.md §3.2 with product.md's changes: an e-mail line
//!   without an e-mail address is an error instead of being silently turned into "not sent",
//!   and a privacy-blocked contact is an error.
//! * [`Db::log_segment`] turns a segment into one logged segment and one interaction log entry
//!   per line, deletes the segment and optionally creates a follow-up segment, all in one
//!   [`Changes`] value so the store writes it atomically.
//! * The rest works on logged segments and entries: cancel and un-cancel (with the cascade and
//!   the refusal rule of reference-bc.md §3.4–§3.5), evaluation, attempt failed, comments,
//!   deleting canceled records, and the entry filter of the interaction log.

use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::contacts::is_plausible_email;
use crate::core::criteria::{CriteriaAction, CriteriaStep};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, SegmentId};
use crate::core::model::{
    Comment, Contact, CorrespondenceType, Evaluation, InteractionLogEntry, LetterBatch, LetterRef,
    LoggedSegment, Segment, SegmentLine, Stamps, StoredLetter,
};
use crate::core::problem::ProblemCode;
use crate::core::problem::{Place, Problem, Problems, Severity};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};

/// What the user chose in the Log dialog.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogOptions {
    /// Create a follow-up segment with the same contacts ("Follow-up on segment SEG…").
    pub follow_up: bool,
    /// The follow-up segment's description in the user's language; without one it is the
    /// English "Follow-up on segment SEG…".
    pub follow_up_description: Option<String>,
    /// Log even though the check found warnings (errors always refuse).
    pub accept_warnings: bool,
}

/// What logging a segment produced.
#[derive(Debug, Clone, PartialEq)]
pub struct LogResult {
    /// Everything to write, in one transaction.
    pub changes: Changes,
    pub logged_segment: LoggedSegmentId,
    /// The follow-up segment, when one was asked for.
    pub follow_up: Option<SegmentId>,
}

/// A filter over interaction log entries (product.md §4 "Interaction log"). Every field left
/// `None` matches everything; the fields that are set are ANDed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryQuery {
    pub contact: Option<ContactId>,
    /// The entries of a company: those logged against the company itself and its persons.
    pub company: Option<ContactId>,
    /// The segment number the entries were logged from, e.g. `SEG000042` (case-insensitive).
    pub segment_no: Option<String>,
    pub logged_segment: Option<LoggedSegmentId>,
    pub template: Option<Code>,
    pub salesperson: Option<Code>,
    /// Inclusive; entries without a date never match a date bound.
    pub date_from: Option<NaiveDate>,
    /// Inclusive.
    pub date_to: Option<NaiveDate>,
    pub evaluation: Option<Evaluation>,
    pub canceled: Option<bool>,
}

impl EntryQuery {
    pub fn matches(&self, entry: &InteractionLogEntry) -> bool {
        self.contact.is_none_or(|c| entry.contact == c)
            && self.company.is_none_or(|c| entry.company == Some(c))
            && self
                .segment_no
                .as_ref()
                .is_none_or(|no| entry.segment_no.eq_ignore_ascii_case(no.trim()))
            && self
                .logged_segment
                .is_none_or(|l| entry.logged_segment == Some(l))
            && self
                .template
                .as_ref()
                .is_none_or(|t| entry.template.as_ref() == Some(t))
            && self
                .salesperson
                .as_ref()
                .is_none_or(|s| entry.salesperson.as_ref() == Some(s))
            && self
                .date_from
                .is_none_or(|from| entry.date.is_some_and(|d| d >= from))
            && self
                .date_to
                .is_none_or(|to| entry.date.is_some_and(|d| d <= to))
            && self.evaluation.is_none_or(|e| entry.evaluation == e)
            && self.canceled.is_none_or(|c| entry.canceled == c)
    }
}

fn line_problem(severity: Severity, line_no: u32, field: &str, code: ProblemCode) -> Problem {
    let place = Place::Line {
        line_no,
        field: Some(field.to_string()),
    };
    match severity {
        Severity::Error => Problem::error(place, code),
        Severity::Warning => Problem::warning(place, code),
    }
}

/// Where a problem sorts in the check's list: the segment as a whole first, then line by line.
fn place_order(problem: &Problem) -> u64 {
    match problem.place {
        Place::Record | Place::Field(_) => 0,
        Place::Line { line_no, .. } => u64::from(line_no) + 1,
    }
}

/// True when the contact has something a letter can be posted to. Only the contact's own
/// address is looked at (not its company's), because that is what the letter's
/// `{{mail_address}}` shows.
fn has_postal_address(contact: &Contact) -> bool {
    [
        &contact.address,
        &contact.address_2,
        &contact.post_code,
        &contact.city,
    ]
    .iter()
    .any(|part| !part.trim().is_empty())
}

impl Db {
    /// Every problem that stands in the way of logging a segment, header first and then line by
    /// line (reference-bc.md §3.2, adapted by product.md §4).
    ///
    /// Errors (logging is refused): the segment is unknown, already logged, has no
    /// description or no lines; a line has no description or no date, an unknown contact, a missing or unknown
    /// salesperson or template, is an e-mail line whose contact has no (or an implausible)
    /// e-mail address, or its contact is privacy blocked.
    /// Warnings (the user may accept them): a hard-copy line whose contact has no postal
    /// address; a contact that is on the segment more than once (it would get two letters).
    ///
    /// `letter_problems` are the per-line letter warnings computed by the letter module (e.g.
    /// a field with no value for that contact); they are merged in at their lines.
    pub fn check_before_logging(
        &self,
        segment: SegmentId,
        letter_problems: &[Problem],
    ) -> Vec<Problem> {
        let Some(segment) = self.segments.get(&segment) else {
            return vec![Problem::record(ProblemCode::LogSegmentUnknown).with(self.no(segment))];
        };
        let mut problems = Vec::new();
        let segment_no = self.no(segment.id);
        if self
            .logged_segments
            .values()
            .any(|l| l.segment_no == segment_no)
        {
            problems.push(Problem::record(ProblemCode::LogSegmentAlreadyLogged).with(&segment_no));
        }
        if segment.description.trim().is_empty() {
            problems.push(Problem::field(
                "description",
                ProblemCode::LogDescriptionMissing,
            ));
        }
        if segment.lines.is_empty() {
            problems.push(Problem::record(ProblemCode::LogSegmentEmpty).with(&segment_no));
        }

        let mut seen = BTreeSet::new();
        for line in &segment.lines {
            self.check_line(line, &mut problems);
            if !seen.insert(line.contact) {
                problems.push(
                    line_problem(
                        Severity::Warning,
                        line.line_no,
                        "contact",
                        ProblemCode::LogContactDuplicate,
                    )
                    .with(self.no(line.contact)),
                );
            }
        }
        problems.extend(letter_problems.iter().cloned());
        // Stable: within a line, the line's own problems stay ahead of its letter problems.
        problems.sort_by_key(place_order);
        problems
    }

    fn check_line(&self, line: &SegmentLine, problems: &mut Problems) {
        use Severity::{Error, Warning};
        let no = line.line_no;
        // The entry takes its description from the line, and an entry without one cannot be
        // told apart in the interaction log (product.md §4 lists it as a problem of the line).
        if line.description.trim().is_empty() {
            problems.push(line_problem(
                Error,
                no,
                "description",
                ProblemCode::LogLineDescriptionMissing,
            ));
        }
        if line.date.is_none() {
            problems.push(line_problem(Error, no, "date", ProblemCode::LogDateMissing));
        }
        match &line.salesperson {
            None => problems.push(line_problem(
                Error,
                no,
                "salesperson",
                ProblemCode::LogSalespersonMissing,
            )),
            Some(code) if !self.salespeople.contains_key(code) => problems.push(
                line_problem(Error, no, "salesperson", ProblemCode::LogSalespersonUnknown)
                    .with(code),
            ),
            Some(_) => {}
        }
        match &line.template {
            None => problems.push(line_problem(
                Error,
                no,
                "template",
                ProblemCode::LogTemplateMissing,
            )),
            Some(code) if !self.templates.contains_key(code) => problems.push(
                line_problem(Error, no, "template", ProblemCode::LogTemplateUnknown).with(code),
            ),
            Some(_) => {}
        }
        let Some(contact) = self.contacts.get(&line.contact) else {
            problems.push(
                line_problem(Error, no, "contact", ProblemCode::LogContactUnknown)
                    .with(self.no(line.contact)),
            );
            return;
        };
        if contact.privacy_blocked {
            problems.push(
                line_problem(Error, no, "contact", ProblemCode::LogContactPrivacyBlocked)
                    .with(self.no(contact.id)),
            );
        }
        match line.correspondence_type {
            // product.md §4 and reference-bc.md §8.6: no silent downgrade of an e-mail line.
            CorrespondenceType::Email if contact.email.trim().is_empty() => problems.push(
                line_problem(
                    Error,
                    no,
                    "correspondence_type",
                    ProblemCode::LogEmailMissing,
                )
                .with(self.no(contact.id)),
            ),
            CorrespondenceType::Email if !is_plausible_email(contact.email.trim()) => problems
                .push(
                    line_problem(
                        Error,
                        no,
                        "correspondence_type",
                        ProblemCode::LogEmailInvalid,
                    )
                    .with(self.no(contact.id))
                    .with(&contact.email),
                ),
            CorrespondenceType::HardCopy if !has_postal_address(contact) => problems.push(
                line_problem(
                    Warning,
                    no,
                    "correspondence_type",
                    ProblemCode::LogAddressMissing,
                )
                .with(self.no(contact.id)),
            ),
            _ => {}
        }
    }

    /// Logs a segment (reference-bc.md §3.3, product.md §4).
    ///
    /// Refused, changing nothing, while [`Db::check_before_logging`] finds an error, or a
    /// warning that `options.accept_warnings` does not accept; also when `letters` holds a
    /// letter for a line the segment does not have (`log.letter_for_unknown_line`), which
    /// means the letters were produced for an older state of the segment.
    ///
    /// Otherwise the one change set holds: the logged segment; one interaction log entry per
    /// line carrying the line's values, its produced letter (`letters[line_no]`, if any) and
    /// its per-contact comment as the entry's first comment; the segment's deletion; the
    /// follow-up segment if asked for; and the updated counters.
    pub fn log_segment(
        &self,
        segment: SegmentId,
        options: LogOptions,
        letters: &BTreeMap<u32, StoredLetter>,
        letter_problems: &[Problem],
        now: NaiveDateTime,
    ) -> Result<LogResult, Problems> {
        let mut problems = self.check_before_logging(segment, letter_problems);
        let refused = problems
            .iter()
            .any(|p| p.is_error() || !options.accept_warnings);
        let Some(segment) = self.segments.get(&segment) else {
            return Err(problems);
        };
        let line_nos: BTreeSet<u32> = segment.lines.iter().map(|l| l.line_no).collect();
        let stray: Vec<u32> = letters
            .keys()
            .copied()
            .filter(|no| !line_nos.contains(no))
            .collect();
        for line_no in &stray {
            problems.push(Problem::error(
                Place::Line {
                    line_no: *line_no,
                    field: None,
                },
                ProblemCode::LogLetterForUnknownLine,
            ));
        }
        if refused || !stray.is_empty() {
            return Err(problems);
        }

        let mut counters = self.counters.clone();
        let mut changes = Changes::new();
        let logged = LoggedSegment {
            id: counters.take_logged_segment(),
            segment_no: self.no(segment.id),
            description: segment.description.clone(),
            created: now,
            canceled: false,
        };
        let mut batch = LetterBatch {
            id: logged.id,
            letters: Vec::new(),
        };
        for line in &segment.lines {
            let id = counters.take_entry();
            let letter = letters.get(&line.line_no);
            let entry = self.entry_from_line(id, segment, line, logged.id, letter, now);
            if let Some(letter) = letter {
                batch.letters.push((id, letter.clone()));
            }
            changes.put(Record::Entry(entry));
        }
        if !batch.letters.is_empty() {
            changes.letter_batches.push(batch);
        }
        let follow_up = if options.follow_up {
            let contacts: Vec<ContactId> = segment.lines.iter().map(|l| l.contact).collect();
            let follow_up = self.follow_up_segment(
                counters.take_segment(),
                segment,
                (&self.no(segment.id), options.follow_up_description.clone()),
                logged.id,
                &contacts,
                now,
            );
            let id = follow_up.id;
            changes.put(Record::Segment(follow_up));
            Some(id)
        } else {
            None
        };
        let logged_id = logged.id;
        changes.put(Record::LoggedSegment(logged));
        changes.delete(RecordKey::Segment(segment.id));
        changes.put(Record::Counters(counters));
        Ok(LogResult {
            changes,
            logged_segment: logged_id,
            follow_up,
        })
    }

    fn entry_from_line(
        &self,
        id: EntryId,
        segment: &Segment,
        line: &SegmentLine,
        logged: LoggedSegmentId,
        letter: Option<&StoredLetter>,
        now: NaiveDateTime,
    ) -> InteractionLogEntry {
        // The check made sure the contact and template exist; the fallbacks only keep this
        // function total.
        let company = self
            .contacts
            .get(&line.contact)
            .map_or(line.company, Contact::company_no);
        let group = line.group.clone().or_else(|| {
            line.template
                .as_ref()
                .and_then(|t| self.templates.get(t))
                .map(|t| t.group.clone())
        });
        let comments = if line.comment.trim().is_empty() {
            Vec::new()
        } else {
            vec![Comment {
                at: now,
                text: line.comment.clone(),
            }]
        };
        InteractionLogEntry {
            id,
            contact: line.contact,
            company,
            date: line.date,
            description: line.description.clone(),
            subject: line.subject.clone(),
            information_flow: line.information_flow,
            initiated_by: line.initiated_by,
            cost: line.cost,
            duration_min: line.duration_min,
            group,
            template: line.template.clone(),
            language: line.language.clone(),
            segment_no: self.no(segment.id),
            logged_segment: Some(logged),
            evaluation: line.evaluation,
            attempt_failed: line.attempt_failed,
            salesperson: line.salesperson.clone(),
            canceled: false,
            correspondence_type: line.correspondence_type,
            comments,
            letter: letter.map(|letter| LetterRef {
                batch: logged,
                file_name: letter.file_name.clone(),
                mime: letter.mime.clone(),
                size: letter.bytes.len(),
            }),
            opportunity: line.opportunity,
            logged_at: Some(now),
        }
    }

    /// Creates a follow-up segment from a logged segment (product.md §4 "Logged segments"):
    /// "Follow-up on segment SEG…" with one line per distinct contact of its entries that
    /// still exists. A logged segment keeps no header of its own, so the header takes the
    /// interaction values (template, salesperson, subject, language, …) of its first entry.
    ///
    /// `description` names the new segment in the user's language (see
    /// [`LogOptions::follow_up_description`]).
    pub fn create_follow_up_segment(
        &self,
        logged: LoggedSegmentId,
        description: Option<String>,
        now: NaiveDateTime,
    ) -> Result<(Changes, SegmentId), Problems> {
        let Some(logged_segment) = self.logged_segments.get(&logged) else {
            return Err(vec![
                Problem::record(ProblemCode::LogLoggedSegmentUnknown).with(self.no(logged))
            ]);
        };
        let entries: Vec<&InteractionLogEntry> = self
            .entries
            .values()
            .filter(|e| e.logged_segment == Some(logged))
            .collect();
        let Some(first) = entries.first() else {
            return Err(vec![
                Problem::record(ProblemCode::LogLoggedSegmentEmpty).with(self.no(logged))
            ]);
        };
        let source = Segment {
            description: logged_segment.description.clone(),
            salesperson: first.salesperson.clone(),
            template: first.template.clone(),
            group: first.group.clone(),
            language: first.language.clone(),
            subject: first.subject.clone(),
            correspondence_type_default: first.correspondence_type,
            unit_cost: first.cost,
            unit_duration_min: first.duration_min,
            information_flow: first.information_flow,
            initiated_by: first.initiated_by,
            ..Default::default()
        };
        let contacts: Vec<ContactId> = entries.iter().map(|e| e.contact).collect();
        let mut counters = self.counters.clone();
        let segment = self.follow_up_segment(
            counters.take_segment(),
            &source,
            (&logged_segment.segment_no, description),
            logged,
            &contacts,
            now,
        );
        let id = segment.id;
        let mut changes = Changes::new();
        changes.put(Record::Segment(segment));
        changes.put(Record::Counters(counters));
        Ok((changes, id))
    }

    /// A new segment "Follow-up on segment <no>" whose header copies `source`'s interaction
    /// defaults (date: today) and whose lines are built from that header, by the segment
    /// module's [`Db::new_segment_line`], for each distinct contact that still exists, in the
    /// given order.
    ///
    /// As in reference-bc.md §2.6 the lines are recorded as one "reuse logged segment"
    /// criteria step, so Go Back and saved criteria treat them like any other step. Unlike the
    /// reference (one line per entry), a contact that was on the segment twice gets one line,
    /// because "the same contacts" is what the user asked for.
    fn follow_up_segment(
        &self,
        id: SegmentId,
        source: &Segment,
        (source_no, description): (&str, Option<String>),
        logged: LoggedSegmentId,
        contacts: &[ContactId],
        now: NaiveDateTime,
    ) -> Segment {
        let mut segment = Segment {
            id,
            description: description.unwrap_or_else(|| format!("Follow-up on segment {source_no}")),
            date: Some(now.date()),
            salesperson: source.salesperson.clone(),
            template: source.template.clone(),
            group: source.group.clone(),
            language: source.language.clone(),
            subject: source.subject.clone(),
            correspondence_type_default: source.correspondence_type_default,
            ignore_contact_correspondence_type: source.ignore_contact_correspondence_type,
            unit_cost: source.unit_cost,
            unit_duration_min: source.unit_duration_min,
            information_flow: source.information_flow,
            initiated_by: source.initiated_by,
            letter: source.letter.clone(),
            lines: Vec::new(),
            history: Vec::new(),
            next_line_no: LINE_STEP,
            stamps: Stamps::new(now),
        };
        let mut seen = BTreeSet::new();
        let contacts: Vec<&Contact> = contacts
            .iter()
            .filter(|id| seen.insert(**id))
            .filter_map(|id| self.contacts.get(id))
            .collect();
        // Steps of 10000 as in BC, smaller only if a huge segment would run past u32::MAX.
        let count = contacts.len() as u64 + 1;
        let step = (u64::from(u32::MAX) / count).clamp(1, u64::from(LINE_STEP)) as u32;
        for (i, contact) in contacts.into_iter().enumerate() {
            let line_no = step.saturating_mul(i as u32 + 1);
            let line = self.new_segment_line(&segment, contact, line_no);
            segment.lines.push(line);
        }
        segment.next_line_no = segment
            .lines
            .last()
            .map_or(LINE_STEP, |l| l.line_no.saturating_add(step));
        if !segment.lines.is_empty() {
            segment.history.push(CriteriaStep {
                action: CriteriaAction::ReuseLogged {
                    logged,
                    allow_existing: false,
                },
                inserted: segment.lines.iter().map(|l| l.line_no).collect(),
                removed: Vec::new(),
            });
        }
        segment
    }
}

/// Segment lines are numbered in steps of 10000, as in Business Central.
const LINE_STEP: u32 = 10_000;

impl Db {
    /// The ids of the entries a query matches, in id order (oldest first). A contact filter
    /// uses the contact's entry index, so a contact page's history does not scan the log.
    pub fn query_entries(&self, query: &EntryQuery) -> Vec<EntryId> {
        match query.contact {
            Some(contact) => self
                .entries_of(contact)
                .filter(|e| query.matches(e))
                .map(|e| e.id)
                .collect(),
            None => self
                .entries
                .values()
                .filter(|e| query.matches(e))
                .map(|e| e.id)
                .collect(),
        }
    }

    /// The entries of a logged segment, in id order.
    fn entries_of_logged_segment(
        &self,
        logged: LoggedSegmentId,
    ) -> impl Iterator<Item = &InteractionLogEntry> + '_ {
        self.entries
            .values()
            .filter(move |e| e.logged_segment == Some(logged))
    }

    /// Cancels or un-cancels a logged segment together with all of its entries
    /// (reference-bc.md §3.4 "Switch Checkmark in Canceled"). Entries already in the wanted
    /// state are left as they are.
    pub fn set_logged_segment_canceled(
        &self,
        id: LoggedSegmentId,
        canceled: bool,
    ) -> Result<Changes, Problems> {
        let Some(logged) = self.logged_segments.get(&id) else {
            return Err(vec![
                Problem::record(ProblemCode::LogLoggedSegmentUnknown).with(self.no(id))
            ]);
        };
        let mut changes = Changes::new();
        changes.put(Record::LoggedSegment(LoggedSegment {
            canceled,
            ..logged.clone()
        }));
        for entry in self.entries_of_logged_segment(id) {
            if entry.canceled != canceled {
                changes.put(Record::Entry(InteractionLogEntry {
                    canceled,
                    ..entry.clone()
                }));
            }
        }
        Ok(changes)
    }

    /// Looks up every entry, reporting each unknown id, so a multi-select action refuses as a
    /// whole when any of its ids is stale.
    fn entries_by_ids(&self, ids: &[EntryId]) -> Result<Vec<&InteractionLogEntry>, Problems> {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let unique: BTreeSet<EntryId> = ids.iter().copied().collect();
        for id in unique {
            match self.entries.get(&id) {
                Some(entry) => found.push(entry),
                None => {
                    problems.push(Problem::record(ProblemCode::LogEntryUnknown).with(self.no(id)))
                }
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(problems)
        }
    }

    /// Puts a changed copy of each entry.
    fn update_entries(
        &self,
        ids: &[EntryId],
        change: impl Fn(&mut InteractionLogEntry),
    ) -> Result<Changes, Problems> {
        let mut changes = Changes::new();
        for entry in self.entries_by_ids(ids)? {
            let mut entry = entry.clone();
            change(&mut entry);
            changes.put(Record::Entry(entry));
        }
        Ok(changes)
    }

    /// Cancels or un-cancels entries (reference-bc.md §3.5). Un-canceling an entry whose
    /// logged segment is canceled is refused (`log.logged_segment_canceled`, naming the entry
    /// and the logged segment): un-cancel the logged segment instead, which cascades. The whole
    /// selection is refused if any entry is.
    pub fn set_entries_canceled(
        &self,
        ids: &[EntryId],
        canceled: bool,
    ) -> Result<Changes, Problems> {
        let entries = self.entries_by_ids(ids)?;
        if !canceled {
            let problems: Problems = entries
                .iter()
                .filter_map(|entry| {
                    let logged = entry.logged_segment?;
                    self.logged_segments
                        .get(&logged)
                        .filter(|l| l.canceled)
                        .map(|l| {
                            Problem::record(ProblemCode::LogLoggedSegmentCanceled)
                                .with(self.no(entry.id))
                                .with(self.no(l.id))
                        })
                })
                .collect();
            if !problems.is_empty() {
                return Err(problems);
            }
        }
        self.update_entries(ids, |entry| entry.canceled = canceled)
    }

    /// Sets the evaluation of entries ("Evaluate Interaction"), the only way it changes after
    /// logging. `Evaluation::None` clears it.
    pub fn evaluate(&self, ids: &[EntryId], evaluation: Evaluation) -> Result<Changes, Problems> {
        self.update_entries(ids, |entry| entry.evaluation = evaluation)
    }

    /// Marks entries as failed attempts (or not).
    pub fn set_attempt_failed(&self, ids: &[EntryId], failed: bool) -> Result<Changes, Problems> {
        self.update_entries(ids, |entry| entry.attempt_failed = failed)
    }

    /// Adds a comment to an entry; the text must not be blank.
    pub fn add_comment(
        &self,
        entry: EntryId,
        text: &str,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let text = text.trim();
        if text.is_empty() {
            return Err(vec![Problem::field("text", ProblemCode::LogCommentMissing)]);
        }
        self.update_entries(&[entry], |entry| {
            entry.comments.push(Comment {
                at: now,
                text: text.to_string(),
            })
        })
    }

    /// Deletes every canceled logged segment (reference-bc.md §3.4 "Delete Canceled
    /// Segments"). Their entries are kept, unlinked (`logged_segment = None`); they keep their
    /// segment number and stay canceled. Nothing to delete gives an empty change set.
    pub fn delete_canceled_logged_segments(&self) -> Changes {
        let doomed: BTreeSet<LoggedSegmentId> = self
            .logged_segments
            .values()
            .filter(|l| l.canceled)
            .map(|l| l.id)
            .collect();
        let mut changes = Changes::new();
        if doomed.is_empty() {
            return changes;
        }
        for entry in self.entries.values() {
            if entry.logged_segment.is_some_and(|l| doomed.contains(&l)) {
                changes.put(Record::Entry(InteractionLogEntry {
                    logged_segment: None,
                    ..entry.clone()
                }));
            }
        }
        for id in doomed {
            changes.delete(RecordKey::LoggedSegment(id));
        }
        changes
    }

    /// Deletes entries, which must all be canceled (`log.entry_not_canceled` names each one
    /// that is not): only a canceled interaction may disappear from the history.
    pub fn delete_canceled_entries(&self, ids: &[EntryId]) -> Result<Changes, Problems> {
        let entries = self.entries_by_ids(ids)?;
        let problems: Problems = entries
            .iter()
            .filter(|e| !e.canceled)
            .map(|e| Problem::record(ProblemCode::LogEntryNotCanceled).with(self.no(e.id)))
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut changes = Changes::new();
        for entry in entries {
            changes.delete(RecordKey::Entry(entry.id));
        }
        Ok(changes)
    }
}
