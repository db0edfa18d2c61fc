//! Components shared by the pages. One file per component; each prop has a `///` line.

pub mod confirm;
pub mod dialog;
pub mod download;
pub mod field;
pub mod file;
pub mod menu;
pub mod problems;
pub mod virtual_table;

pub use confirm::Confirm;
pub use dialog::Dialog;
pub use download::download;
pub use field::{Checkbox, DateField, SelectField, TextArea, TextField};
pub use file::{read_file, FilePicker};
pub use menu::MoreMenu;
pub use problems::{
    codes, commit_error_text, commit_problems, field_of, problem_text, store_error_text,
    store_problem, Feedback, FeedbackList, ProblemList,
};
pub use virtual_table::VirtualTable;
