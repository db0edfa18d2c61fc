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
    /// Stable identifier, e.g. `contact.email_invalid`; the UI translates it.
    pub code: String,
    /// Values the message mentions, e.g. the segment number that holds the contact.
    pub args: Vec<String>,
}

impl Problem {
    pub fn error(place: Place, code: &str) -> Self {
        Problem {
            severity: Severity::Error,
            place,
            code: code.to_string(),
            args: Vec::new(),
        }
    }

    pub fn warning(place: Place, code: &str) -> Self {
        Problem {
            severity: Severity::Warning,
            place,
            code: code.to_string(),
            args: Vec::new(),
        }
    }

    pub fn field(field: &str, code: &str) -> Self {
        Problem::error(Place::Field(field.to_string()), code)
    }

    pub fn record(code: &str) -> Self {
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
