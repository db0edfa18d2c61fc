//! The layers keep their doors (ARCHITECTURE.md): `core` → `storage` → `store` → `ui`, each
//! importing only from the layers below it, no page reaching into another page's module, and no
//! Rust debug text of an error reaching a person.
//!
//! The checks read the source text, like `tests/it/core_is_pure.rs`: a climb back up the layers or a
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

/// `file:line` of every line (outside `//` comments) of a page that names another page's module,
/// and of a feature or a component that names any page's. A helper several pages need lives in
/// `ui/format.rs`, `ui/choices.rs`, `ui/features/` or `ui/components/` instead (ARCHITECTURE.md).
fn pages_reaching_into_pages() -> Vec<String> {
    let ui = src("ui");
    let pages_dir = ui.join("pages");
    let pages: Vec<String> = fs::read_dir(&pages_dir)
        .expect("src/ui/pages is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_string()))
        .filter(|name| name != "mod")
        .collect();
    let mut files: Vec<(PathBuf, Option<String>)> = Vec::new();
    for file in rust_files(&pages_dir) {
        let rest = file.strip_prefix(&pages_dir).expect("a file under pages");
        let own = rest.components().next().expect("a page's file");
        let own = Path::new(own.as_os_str()).file_stem().expect("a name");
        files.push((file.clone(), Some(own.to_string_lossy().into_owned())));
    }
    for dir in ["features", "components"] {
        files.extend(rust_files(&ui.join(dir)).into_iter().map(|f| (f, None)));
    }
    let mut found = Vec::new();
    for (file, own) in files {
        // What names the pages' folder from this file: `super::` from a page's own file (or its
        // folder's mod.rs), `super::super::` from a part of a page.
        let depth = file
            .strip_prefix(&pages_dir)
            .map_or(0, |rest| rest.components().count());
        let is_root = file.ends_with("mod.rs") && depth == 2 || depth == 1;
        let parent = if is_root { "super::" } else { "super::super::" };
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (index, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let names_page = |page: &String| {
                own.as_ref() != Some(page)
                    && (code.contains(&format!("pages::{page}::"))
                        || own.is_some() && code.contains(&format!("{parent}{page}::")))
            };
            if pages.iter().any(names_page) {
                found.push(format!("{}:{}", file.display(), index + 1));
            }
        }
    }
    found
}

#[test]
fn no_page_imports_another_page() {
    let found = pages_reaching_into_pages();
    assert!(
        found.is_empty(),
        "a page, feature or component reaches into a page:\n{}",
        found.join("\n")
    );
}
