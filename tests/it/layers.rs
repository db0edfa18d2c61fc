//! The layers keep their doors (ARCHITECTURE.md): `core` → `storage` → `store` → `ui`, each
//! importing only from the layers below it, and no Rust debug text of an error reaching a person.
//!
//! Both checks read the source text, like `tests/it/core_is_pure.rs`: a climb back up the layers or a
//! `{error:?}` in a message compiles and works, so only reading the code finds it.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src(layer: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer)
}

/// `file:line` of every line (outside `//` comments) in the files under `layer` that names one of
/// `higher` as `crate::<layer>`.
fn climbs(layer: &str, higher: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src(layer)) {
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (index, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if higher
                .iter()
                .any(|name| code.contains(&format!("crate::{name}::")))
            {
                found.push(format!("{}:{}", file.display(), index + 1));
            }
        }
    }
    found
}

#[test]
fn no_layer_imports_from_a_layer_above_it() {
    let mut found = climbs("core", &["storage", "store", "ui", "jobs"]);
    found.extend(climbs("storage", &["store", "ui"]));
    found.extend(climbs("store", &["ui"]));
    assert!(
        found.is_empty(),
        "a lower layer reaches into a higher one:\n{}",
        found.join("\n")
    );
}

/// Files whose debug formatting never reaches a person: the catalogue's own checker, whose
/// errors are read by the test that runs it (`tests/it/i18n_catalogue.rs`).
const DEVELOPER_ONLY: &[&str] = &["i18n_catalogue.rs"];

/// `file:line` of every `{…:?}` in the browser layers that is not written to the console. The
/// console is for developers; anything else (a message, a status line, an error string handed
/// to a page) is read by a person in their language.
fn debug_text_for_people() -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src("ui"))
        .into_iter()
        .chain(rust_files(&src("store")))
    {
        if DEVELOPER_ONLY.iter().any(|name| file.ends_with(name)) {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        let lines: Vec<&str> = text.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if !code.contains(":?}") {
                continue;
            }
            // A console call may put its format! on the next line or the one after.
            let to_console = lines[index.saturating_sub(2)..=index]
                .iter()
                .any(|l| l.contains("console::"));
            if !to_console {
                found.push(format!("{}:{}: {}", file.display(), index + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn no_debug_text_of_an_error_reaches_a_person() {
    let found = debug_text_for_people();
    assert!(
        found.is_empty(),
        "Rust's debug form is written where a person reads it; word it through the \
         catalogue or pass on the browser's own words:\n{}",
        found.join("\n")
    );
}

/// `file:line` of every place in the browser layers that reads the clock, other than the app's
/// one clock (`src/ui/clock.rs`).
fn clock_reads() -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src("ui"))
        .into_iter()
        .chain(rust_files(&src("store")))
    {
        if file.ends_with("ui/clock.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (index, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if ["Local::now", "Utc::now", "Local::today", "Utc::today"]
                .iter()
                .any(|read| code.contains(read))
            {
                found.push(format!("{}:{}", file.display(), index + 1));
            }
        }
    }
    found
}

/// One clock: every time the app saves or names a file with is read in one place, so that a
/// test build or a later time zone rule has one place to change.
#[test]
fn the_app_reads_the_clock_in_one_place() {
    let found = clock_reads();
    assert!(
        found.is_empty(),
        "the clock is read outside src/ui/clock.rs:\n{}",
        found.join("\n")
    );
}
