//! Components shared by the pages. One file per component; each prop has a `///` line.

pub mod dialog;
pub mod download;
pub mod field;
pub mod file;
pub mod problems;
pub mod virtual_table;

pub use dialog::Dialog;
pub use download::download;
pub use field::{Checkbox, SelectField, TextArea, TextField};
pub use file::{read_file, FilePicker};
pub use problems::{problem_text, ProblemList};
pub use virtual_table::VirtualTable;
