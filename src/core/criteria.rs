//! Add / Reduce / Refine criteria: filter sections, options, and the steps recorded on a segment.
//!
//! (Placeholder types so the model compiles; the criteria work replaces them.)

use serde::{Deserialize, Serialize};

/// One replayable criteria action, as saved criteria keep it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaAction;

/// One applied step on a segment: the action plus what it did, so Go Back can undo it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaStep;
