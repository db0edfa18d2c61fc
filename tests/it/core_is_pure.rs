//! `src/core` stays pure: it names no browser crate and reads no clock and no random source.
//! The current time and new ids are arguments of core functions (ARCHITECTURE.md, "Invariants").
//!
//! The check reads the source text of every `.rs` file under `src/core`, blanks out comments and
//! the contents of string and character literals (which can neither import nor call anything), and
//! looks for the names below as whole words. It reports every hit as `file:line`.

use std::fs;
use std::path::{Path, PathBuf};

const BROWSER: &str = "browser crate: core must compile and run natively";
const CLOCK: &str = "reads the clock: take `now` as an argument";
const RANDOM: &str = "random source: take new ids or seeds as arguments";

/// The forbidden names, and why. A name matches where the text before it is not part of an
/// identifier; anything may follow, so `gloo` also catches `gloo_storage` and `leptos` catches
/// `leptos_router`.
const RULES: &[(&str, &str)] = &[
    ("leptos", BROWSER),
    ("web_sys", BROWSER),
    ("js_sys", BROWSER),
    ("wasm_bindgen", BROWSER),
    ("gloo", BROWSER),
    ("idb::", BROWSER),
    ("SystemTime", CLOCK),
    ("Instant::now", CLOCK),
    ("Utc::now", CLOCK),
    ("Utc::today", CLOCK),
    ("Local::now", CLOCK),
    ("Local::today", CLOCK),
    ("chrono::Local", CLOCK),
    ("rand::", RANDOM),
    ("rand_core", RANDOM),
    ("fastrand", RANDOM),
    ("getrandom", RANDOM),
    ("thread_rng", RANDOM),
    ("OsRng", RANDOM),
    ("new_v4", RANDOM),
    ("RandomState", RANDOM),
];

/// One forbidden name found in a file.
#[derive(Debug, PartialEq, Eq)]
struct Finding {
    line: usize,
    needle: &'static str,
    why: &'static str,
}

/// Finds every forbidden name in `source` outside comments and literals.
fn scan(source: &str) -> Vec<Finding> {
    let code = code_only(source);
    let mut findings = Vec::new();
    for (index, line) in code.lines().enumerate() {
        for &(needle, why) in RULES {
            let mut from = 0;
            while let Some(at) = line[from..].find(needle) {
                let start = from + at;
                let before = line[..start].chars().next_back();
                if !before.is_some_and(is_ident_char) {
                    findings.push(Finding {
                        line: index + 1,
                        needle,
                        why,
                    });
                    break;
                }
                from = start + needle.len();
            }
        }
    }
    findings
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `source` with comments and the contents of string and character literals replaced by spaces,
/// keeping every line break so that line numbers stay right.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_is_ident = i > 0 && is_ident_char(chars[i - 1]);
        // Line comment, including `///` and `//!` doc comments.
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
            continue;
        }
        // Block comment, which nests in Rust.
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            continue;
        }
        // Raw string: r"…", r#"…"#, br#"…"# (the `b` is already copied).
        let raw_start = c == 'r' && (!prev_is_ident || (i > 0 && chars[i - 1] == 'b'));
        if raw_start && matches!(next, Some('"') | Some('#')) {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                out.push('r');
                for _ in 0..hashes {
                    out.push('#');
                }
                out.push('"');
                i = j + 1;
                while i < chars.len() {
                    let closes =
                        chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#'));
                    if closes {
                        out.push('"');
                        for _ in 0..hashes {
                            out.push('#');
                        }
                        i += 1 + hashes;
                        break;
                    }
                    out.push(blank(chars[i]));
                    i += 1;
                }
                continue;
            }
        }
        // Ordinary (or byte) string.
        if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '\\' => {
                        out.push(' ');
                        if let Some(&escaped) = chars.get(i + 1) {
                            out.push(blank(escaped));
                        }
                        i += 2;
                    }
                    '"' => {
                        out.push('"');
                        i += 1;
                        break;
                    }
                    other => {
                        out.push(blank(other));
                        i += 1;
                    }
                }
            }
            continue;
        }
        // Character literal ('x', '\n', '\u{1F600}'); a lifetime ('a) is code and stays.
        if c == '\'' {
            let literal_end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = literal_end {
                out.push('\'');
                for &inner in &chars[i + 1..end] {
                    out.push(blank(inner));
                }
                out.push('\'');
                i = end + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn core_names_no_browser_crate_clock_or_random_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core = root.join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    files.sort();
    assert!(
        !files.is_empty(),
        "found no .rs file under {}: the check would pass without checking anything",
        core.display()
    );

    let mut report = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).expect("readable source file");
        let shown = file.strip_prefix(root).unwrap_or(file).display();
        for finding in scan(&source) {
            report.push(format!(
                "{shown}:{}: `{}`: {}",
                finding.line, finding.needle, finding.why
            ));
        }
    }
    assert!(
        report.is_empty(),
        "src/core must stay pure ({} files checked); found:\n{}",
        files.len(),
        report.join("\n")
    );
}

#[test]
fn the_scanner_finds_forbidden_names_with_their_lines() {
    let bad = r#"use std::collections::BTreeMap;

use leptos::prelude::*;
fn stamp() -> i64 { chrono::Utc::now().timestamp() }
fn id() -> u128 { uuid::Uuid::new_v4().as_u128() }
fn roll() -> u8 { rand::random() }
fn t() { let _ = std::time::SystemTime::now(); let _ = gloo_storage::LocalStorage::raw(); }
fn w() -> web_sys::Window { unimplemented!() }
"#;
    let found: Vec<(usize, &str)> = scan(bad).iter().map(|f| (f.line, f.needle)).collect();
    assert_eq!(
        found,
        [
            (3, "leptos"),
            (4, "Utc::now"),
            (5, "new_v4"),
            (6, "rand::"),
            (7, "gloo"),
            (7, "SystemTime"),
            (8, "web_sys"),
        ]
    );
}

#[test]
fn the_scanner_ignores_comments_literals_and_longer_names() {
    let fine = r##"//! Core never imports leptos or web_sys, and never calls Utc::now.
/* A block comment about rand::random() /* nested: getrandom */ still a comment: SystemTime */
/// Doc: take `now` instead of `chrono::Local::now()`.
fn f<'a>(s: &'a str) -> bool {
    let quote = '"';
    let escaped = '\'';
    let text = "leptos and web_sys and rand::thread_rng()";
    let raw = r#"a "quoted" SystemTime"#;
    let operand = 1; // operand:: would not be `rand::`
    let _ = (quote, escaped, text, raw, operand, my_leptos_like(), brand::x());
    s.is_empty()
}
"##;
    assert_eq!(scan(fine), []);
}

#[test]
fn blanking_keeps_line_numbers() {
    let source = "/* one\ntwo */\nlet a = \"x\ny\";\nuse leptos;";
    assert_eq!(code_only(source).lines().count(), source.lines().count());
    assert_eq!(scan(source)[0].line, 5);
}
