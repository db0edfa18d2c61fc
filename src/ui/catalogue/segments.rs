//! Texts of the Segments pages: header, lines, criteria dialogs, preview, logging, letters on a segment.

use super::{Lang, Text};

catalogue! {}
