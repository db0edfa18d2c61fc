//! The import wizard: choose a file, map its columns when the format is not recognised, preview
//! what would happen to each row, import it as one batch, and undo that batch.
//!
//! Nothing is written before the user presses Import: a bad file, a refused mapping or a closed
//! dialog leave the database as it was. A file of thousands of contacts takes a moment, so the
//! rows are read and compared with the database in slices of about 25 ms, with a progress bar
//! between them: the page stays responsive, and Cancel stops the work at the next slice. The
//! import itself stays one commit, so a database never holds half an import.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

pub mod dialog;
mod map;
mod preview;
mod text;

use super::{after_next_paint, now, SliceClock};
use crate::core::ids::ImportBatchId;
use crate::core::import::{
    self, ColumnMapping, ImportChoices, ImportError, ImportFormat, ImportPlan, ImportSource,
    ImportSummary, ImportWarning, Planner, TargetField, TextEncoding,
};
use crate::core::problem::Problem;
use crate::store::sync::yield_now;
use crate::ui::components::commit_problems;
use crate::ui::state::{use_data, Data};

/// Where the wizard is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    Choose,
    /// A CSV file whose headers are not a known format: the user maps its columns.
    Map,
    Preview,
    Done {
        batch: ImportBatchId,
        summary: ImportSummary,
    },
    Undone {
        removed: usize,
    },
}

/// The stage of the long work on a file that the progress bar shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stage {
    /// Reading the rows of the file into contacts.
    Reading,
    /// Comparing them with the database and with each other.
    Planning,
}

/// How far the long work on a file is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// How many rows are read or planned between two looks at the clock: small enough that a slice
/// ends close to its time budget, large enough that looking costs nothing.
const ROWS_PER_LOOK: usize = 500;

/// Everything the wizard knows, as signals shared by its steps.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub step: RwSignal<Step>,
    pub busy: RwSignal<bool>,
    /// How far reading or planning is; `None` when no sliced work is running.
    pub progress: RwSignal<Option<Progress>>,
    /// While the import is being committed: it can no longer be cancelled then.
    pub committing: RwSignal<bool>,
    /// The number of the current run of work on a file. Sliced work checks it before every
    /// slice and stops when it has changed, which is how Cancel and a new file stop it.
    run: StoredValue<u64>,
    pub file_name: RwSignal<String>,
    bytes: StoredValue<Option<Arc<Vec<u8>>>>,
    /// The encoding the user chose to read the file in; `None` while it is detected.
    encoding: StoredValue<Option<TextEncoding>>,
    pub source: StoredValue<Option<Arc<ImportSource>>>,
    pub format: RwSignal<Option<ImportFormat>>,
    pub error: RwSignal<Option<ImportError>>,
    pub warnings: RwSignal<Vec<ImportWarning>>,
    /// One value per CSV column for the mapping step (see `map`).
    pub mapping: RwSignal<Vec<RwSignal<String>>>,
    pub plan: RwSignal<Option<Arc<ImportPlan>>>,
    pub choices: RwSignal<ImportChoices>,
    /// Why the core refused to import or to undo.
    pub refused: RwSignal<Vec<Problem>>,
    /// Why the browser could not read the file or write the data.
    pub failure: RwSignal<Option<String>>,
    data: Data,
}

impl Wizard {
    fn new() -> Self {
        Wizard {
            step: RwSignal::new(Step::Choose),
            busy: RwSignal::new(false),
            progress: RwSignal::new(None),
            committing: RwSignal::new(false),
            run: StoredValue::new(0),
            file_name: RwSignal::new(String::new()),
            bytes: StoredValue::new(None),
            encoding: StoredValue::new(None),
            source: StoredValue::new(None),
            format: RwSignal::new(None),
            error: RwSignal::new(None),
            warnings: RwSignal::new(Vec::new()),
            mapping: RwSignal::new(Vec::new()),
            plan: RwSignal::new(None),
            choices: RwSignal::new(ImportChoices::default()),
            refused: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            data: use_data(),
        }
    }

    /// Back to the start, forgetting the file.
    fn reset(&self) {
        self.cancel();
        self.step.set(Step::Choose);
        self.file_name.set(String::new());
        self.bytes.set_value(None);
        self.encoding.set_value(None);
        self.source.set_value(None);
        self.format.set(None);
        self.error.set(None);
        self.warnings.set(Vec::new());
        self.mapping.set(Vec::new());
        self.plan.set(None);
        self.choices.set(ImportChoices::default());
        self.refused.set(Vec::new());
        self.failure.set(None);
    }

    /// Stops any sliced work on the file at its next slice; nothing of it is kept.
    fn cancel(&self) {
        self.run.update_value(|run| *run += 1);
        self.busy.set(false);
        self.progress.set(None);
    }

    /// Starts a run of work: the busy indicator shows, and earlier runs stop.
    fn begin(&self) -> u64 {
        self.cancel();
        self.busy.set(true);
        self.run.get_value()
    }

    /// Whether `run` is still the current run. It is not when the user cancelled, chose another
    /// file, or left the page (the wizard's values are then gone).
    fn is_current(&self, run: u64) -> bool {
        self.run.try_get_value() == Some(run)
    }

    /// Reads a picked file: recognises it, and either asks for a column mapping or plans it.
    fn read(&self, name: String, bytes: Vec<u8>) {
        self.reset();
        self.file_name.set(name);
        let bytes = Arc::new(bytes);
        self.bytes.set_value(Some(bytes.clone()));
        let wizard = *self;
        let run = self.begin();
        spawn_local(async move {
            after_next_paint().await;
            if wizard.is_current(run) {
                wizard.opened(run, import::open(&bytes)).await;
            }
        });
    }

    /// Reads the same file again in the encoding the user chose after a "not UTF-8" message.
    pub fn read_as(&self, encoding: TextEncoding) {
        let Some(bytes) = self.bytes.get_value() else {
            return;
        };
        let wizard = *self;
        self.error.set(None);
        self.encoding.set_value(Some(encoding));
        let run = self.begin();
        spawn_local(async move {
            after_next_paint().await;
            if wizard.is_current(run) {
                wizard.opened(run, import::open_as(&bytes, encoding)).await;
            }
        });
    }

    /// Reads the same file again without the rows that cannot be read, after the user saw them
    /// listed and chose to import the rest.
    pub fn read_skipping_bad_rows(&self) {
        let Some(bytes) = self.bytes.get_value() else {
            return;
        };
        let encoding = self.encoding.get_value();
        let wizard = *self;
        self.error.set(None);
        let run = self.begin();
        spawn_local(async move {
            after_next_paint().await;
            if wizard.is_current(run) {
                let source = import::open_skipping_bad_rows(&bytes, encoding);
                wizard.opened(run, source).await;
            }
        });
    }

    async fn opened(self, run: u64, result: Result<ImportSource, ImportError>) {
        match result {
            Err(error) => self.fail(error),
            Ok(source) => {
                self.format.set(Some(source.format));
                let source = Arc::new(source);
                self.source.set_value(Some(source.clone()));
                if source.format == ImportFormat::GenericCsv {
                    let suggested = source.suggested_mapping().unwrap_or_default();
                    let width = source.csv_headers().map_or(0, <[String]>::len);
                    self.mapping.set(
                        mapping_values(&suggested, width)
                            .into_iter()
                            .map(RwSignal::new)
                            .collect(),
                    );
                    self.busy.set(false);
                    self.step.set(Step::Map);
                } else {
                    self.read_and_plan(run, source, None).await;
                }
            }
        }
    }

    /// Reads the file through the mapping the user made.
    pub fn map_and_read(&self) {
        let Some(source) = self.source.get_value() else {
            return;
        };
        let values: Vec<String> = self
            .mapping
            .get_untracked()
            .iter()
            .map(|v| v.get_untracked())
            .collect();
        let mapping = mapping_from(&values);
        let wizard = *self;
        self.error.set(None);
        let run = self.begin();
        spawn_local(async move {
            wizard.read_and_plan(run, source, Some(mapping)).await;
        });
    }

    /// Reads the rows of the file and plans them against the database, slice by slice with the
    /// progress shown between slices, then shows the preview. Stops, keeping nothing, as soon
    /// as the run is no longer current.
    async fn read_and_plan(
        self,
        run: u64,
        source: Arc<ImportSource>,
        mapping: Option<ColumnMapping>,
    ) {
        let mut parsing = match source.start_parsing(mapping) {
            Ok(parsing) => parsing,
            Err(error) => return self.fail(error),
        };
        while !parsing.is_finished() {
            if source.counts_rows() {
                self.show(Stage::Reading, parsing.done(), parsing.total());
            }
            yield_now().await;
            if !self.is_current(run) {
                return;
            }
            let clock = SliceClock::start();
            while !parsing.is_finished() && !clock.spent() {
                parsing.step(&source, ROWS_PER_LOOK);
            }
        }
        let parsed = match parsing.finish(&source) {
            Ok(parsed) => parsed,
            Err(error) => return self.fail(error),
        };
        self.warnings.set(parsed.warnings);

        let total = parsed.contacts.len();
        let mut rows = parsed.contacts.into_iter().peekable();
        let mut planner = untrack(|| self.data.with_db(Planner::new));
        while let Some(planner) = planner.as_mut() {
            if rows.peek().is_none() {
                break;
            }
            self.show(Stage::Planning, planner.len(), total);
            yield_now().await;
            if !self.is_current(run) {
                return;
            }
            let clock = SliceClock::start();
            while rows.peek().is_some() && !clock.spent() {
                planner.extend(rows.by_ref().take(ROWS_PER_LOOK));
            }
        }
        // The plan is finished against the database as it is now; should another tab have
        // changed it meanwhile, applying the plan checks it again and refuses a stale one.
        let plan =
            planner.and_then(|planner| untrack(|| self.data.with_db(|db| planner.finish(db))));
        self.plan.set(plan.map(Arc::new));
        self.progress.set(None);
        self.busy.set(false);
        self.step.set(Step::Preview);
    }

    fn show(&self, stage: Stage, done: usize, total: usize) {
        self.progress.set(Some(Progress { stage, done, total }));
    }

    fn fail(&self, error: ImportError) {
        self.error.set(Some(error));
        self.progress.set(None);
        self.busy.set(false);
    }

    /// Applies the plan with the user's choices as one commit.
    pub fn apply(&self) {
        let Some(plan) = self.plan.get_untracked() else {
            return;
        };
        let data = self.data;
        let choices = self.choices.get_untracked();
        let now = now();
        // The core returns the batch and the summary beside the change set; the commit only
        // carries the change set, so they are kept here for the summary.
        let outcome: Rc<Cell<Option<(ImportBatchId, ImportSummary)>>> = Rc::new(Cell::new(None));
        let slot = outcome.clone();
        let wizard = *self;
        self.refused.set(Vec::new());
        self.failure.set(None);
        self.busy.set(true);
        self.committing.set(true);
        spawn_local(async move {
            after_next_paint().await;
            data.commit(
                move |db| {
                    let (changes, batch, summary) = db.apply_import(&plan, &choices, now)?;
                    slot.set(Some((batch, summary)));
                    Ok(changes)
                },
                move |result| {
                    wizard.busy.set(false);
                    wizard.committing.set(false);
                    match result {
                        Ok(_) => {
                            if let Some((batch, summary)) = outcome.get() {
                                wizard.step.set(Step::Done { batch, summary });
                            }
                        }
                        // A store failure is listed like a refusal, so that a full disk's
                        // message comes into view with the focus on it (ProblemList).
                        Err(error) => wizard.refused.set(commit_problems(error)),
                    }
                },
            );
        });
    }

    /// Deletes every contact the import added, or none when the core refuses.
    pub fn undo(&self, batch: ImportBatchId) {
        let data = self.data;
        let wizard = *self;
        self.refused.set(Vec::new());
        self.failure.set(None);
        self.busy.set(true);
        data.commit(
            move |db| db.delete_import_batch(batch),
            move |result| {
                wizard.busy.set(false);
                match result {
                    Ok(changes) => wizard.step.set(Step::Undone {
                        removed: changes.deletes.len(),
                    }),
                    Err(error) => wizard.refused.set(commit_problems(error)),
                }
            },
        );
    }
}

/// The column-mapping step keeps each choice as a string, the value of its `<select>`: empty for
/// "ignore", a [`TargetField::code`], or `attribute:NAME` for a custom attribute.
const ATTRIBUTE: &str = "attribute:";

/// The select values of a mapping, one per column of a file `width` columns wide.
pub fn mapping_values(mapping: &ColumnMapping, width: usize) -> Vec<String> {
    (0..width)
        .map(|column| mapping.target(column).map(value_of).unwrap_or_default())
        .collect()
}

/// The mapping the select values stand for.
pub fn mapping_from(values: &[String]) -> ColumnMapping {
    let mut mapping = ColumnMapping::default();
    for (column, value) in values.iter().enumerate() {
        if let Some(target) = target_of(value) {
            mapping.set(column, target);
        }
    }
    mapping
}

fn value_of(target: &TargetField) -> String {
    match target {
        TargetField::Attribute(name) => format!("{ATTRIBUTE}{name}"),
        fixed => fixed.code().to_string(),
    }
}

fn target_of(value: &str) -> Option<TargetField> {
    if let Some(name) = value.strip_prefix(ATTRIBUTE) {
        return Some(TargetField::Attribute(name.to_string()));
    }
    TargetField::FIXED
        .iter()
        .find(|field| field.code() == value)
        .cloned()
}
