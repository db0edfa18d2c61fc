//! Texts of letters: the Templates page, a segment's letter panel (preview, downloads) and the
//! log dialog.

use super::{Lang, Text};

catalogue! {}
