//! Every number the interface shows is written for its language: `10,742` in English and
//! `10 742` in Finnish, through `Lang::count` (or a helper built on it, `Lang::megabytes`).
//!
//! The UI compiles only for wasm32, so this is a lint over its source rather than a test of its
//! output: it reads every file under `src/ui` (comments and string literals blanked, the
//! catalogue left out) and reports, as `file:line`, the two ways a raw integer reaches the page:
//!
//! * a number turned into text with `.to_string()` (or `format!`), which `fill` would then put
//!   into a catalogue text as it is: `count.to_string()`, `rows.len().to_string()`,
//!   `(index + 1).to_string()`;
//! * a number interpolated straight into a view, `<td class="num">{row.lines}</td>`.
//!
//! Which values are numbers is read from their names: the catalogue's plural blocks name counts,
//! and the other numeric placeholders (a row, a line, a column) are listed here. The scanner is
//! tested on bad snippets of its own, so that it cannot pass by finding nothing.

use crate::catalogue;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use catalogue::plurals;

/// Names of values that are numbers although no plural block names them.
const NUMERIC: &[&str] = &[
    "count",
    "total",
    "shown",
    "done",
    "n",
    "row",
    "line",
    "column",
    "paragraph",
    "record",
    "number",
    "seq",
    "found",
    "supported",
    "expected",
    "resumed",
    "good",
    "slot",
    "position",
    "more",
    "lines",
    "steps",
    "step",
    "seconds",
    "added",
    "updated",
    "skipped",
    "changed",
    "replaced",
    "unchanged",
    "removed",
    "conflicts",
    "errors",
    "warnings",
    "inserted",
    "index",
    "source_row",
    "quota",
    "used",
    "columns",
    "chosen",
    "letters",
    "left_out",
    "entries",
    "contacts",
    "segments",
    "len",
    "limit",
];

/// Numbers that are rightly shown or passed as they are, as (file, what the scanner reports):
/// each is a code or an identifier rather than a quantity, or not shown at all.
const ALLOWED: &[(&str, &str)] = &[
    // A problem's placeholders are named `{0}`, `{1}`: names, never shown.
    ("src/ui/components/problems.rs", "index.to_string()"),
    // Sizes travel in a problem as bytes; `problem_text` writes them with `Lang::megabytes`.
    ("src/ui/components/problems.rs", "used.to_string()"),
    ("src/ui/components/problems.rs", "quota.to_string()"),
    // Storage format versions travel in a problem as its arguments; a version is a name ("4").
    ("src/ui/components/problems.rs", "found.to_string()"),
    ("src/ui/components/problems.rs", "supported.to_string()"),
    // A journal entry's number travels in a problem as its argument; `problem_text` writes it
    // with `Lang::count` (the message's `count_args`).
    ("src/ui/components/problems.rs", "seq.to_string()"),
    // A profile answer's line number is its code (10, 20, …), matched and shown as stored.
    ("src/ui/pages/setup/questionnaires.rs", "a.line.to_string()"),
    ("src/ui/pages/setup/questionnaires.rs", "format!(…, a.line)"),
    ("src/ui/pages/segment/criteria.rs", "a.line.to_string()"),
    ("src/ui/pages/segment/history.rs", "a.line.to_string()"),
    // `%1` is a salutation formula's own syntax, typed as it is shown.
    ("src/ui/pages/setup/salutations.rs", "format!(…, i + 1)"),
    ("src/ui/pages/setup/salutations.rs", "(i + 1).to_string()"),
    // Status messages, already words.
    ("src/ui/pages/opportunities.rs", "{done.get()}"),
    ("src/ui/pages/segment/lines.rs", "{added.get()}"),
];

/// Every placeholder the catalogue has a plural block for, and [`NUMERIC`].
fn numeric_names() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = NUMERIC.iter().map(|s| s.to_string()).collect();
    let mut texts: Vec<&'static str> = Vec::new();
    macro_rules! add {
        ($($area:ident),*) => {
            for key in catalogue::Key::ALL {
                texts.extend(catalogue::Lang::ALL.iter().map(|lang| key.text(*lang)));
            }
            $(for key in catalogue::$area::Key::ALL {
                texts.extend(catalogue::Lang::ALL.iter().map(|lang| key.text(*lang)));
            })*
        };
    }
    add!(
        contacts,
        letters,
        logs,
        opportunities,
        package,
        problems,
        segments,
        settings,
        setup,
        sync,
        team,
        terms
    );
    for text in texts {
        for name in plurals(text) {
            if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                names.insert(name.to_string());
            }
        }
    }
    names
}

/// `source` with comments and the insides of string and char literals replaced by spaces
/// (newlines kept, so line numbers stay right).
fn blank(source: &str) -> String {
    let bytes: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < bytes.len() && bytes[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i < bytes.len() && !(bytes[i] == '*' && bytes.get(i + 1) == Some(&'/')) {
                out.push(keep(bytes[i]));
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !prev_ident(&bytes, i) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while bytes.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push_str(&" ".repeat(j - i + 1));
            j += 1;
            loop {
                if j >= bytes.len() {
                    break;
                }
                if bytes[j] == '"' && (1..=hashes).all(|k| bytes.get(j + k) == Some(&'#')) {
                    out.push('"');
                    out.push_str(&" ".repeat(hashes));
                    j += 1 + hashes;
                    break;
                }
                out.push(keep(bytes[j]));
                j += 1;
            }
            i = j;
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < bytes.len() {
                    out.push(keep(bytes[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\''
            && (next == Some('\\') && bytes.get(i + 3) == Some(&'\'')
                || bytes.get(i + 2) == Some(&'\''))
        {
            // A char literal ('x' or '\n'); a lifetime ('a) is left alone.
            let end = if next == Some('\\') { i + 3 } else { i + 2 };
            out.push_str(&" ".repeat(end - i + 1));
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// The identifiers of `expr`, in order.
fn identifiers(expr: &str) -> Vec<&str> {
    expr.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !w.chars().next().unwrap().is_ascii_digit())
        .collect()
}

/// Methods and wrappers that pass a number through unchanged: the name that matters is the one
/// before them (`count.get()` is `count`).
const PASS_THROUGH: &[&str] = &[
    "get",
    "get_untracked",
    "with",
    "with_untracked",
    "unwrap_or",
    "unwrap_or_default",
    "Vec",
    "u64",
    "usize",
    "u32",
    "from",
    "div_ceil",
    "saturating_sub",
    "saturating_add",
    "min",
    "max",
    "map_or",
    "copied",
    "cloned",
];

/// The receiver of the method call whose `.` is at `dot`: back over identifiers, paths, field
/// accesses and balanced brackets.
fn receiver(text: &str, dot: usize) -> &str {
    let bytes = text.as_bytes();
    let mut i = dot;
    let mut depth = 0i32;
    while i > 0 {
        let c = bytes[i - 1] as char;
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            '(' | '[' => break,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == ':' => {}
            _ => break,
        }
        i -= 1;
    }
    &text[i..dot]
}

/// `expr` with the arguments of calls left out, except those of [`PASS_THROUGH`] methods: the
/// value of `table.cell(0, column)` is a cell, whatever its arguments are called.
fn without_arguments(expr: &str) -> String {
    let mut out = String::new();
    let mut skipping = 0usize;
    // Whether the call being skipped has no arguments: `rows.count()` is a number, while
    // `lang.count(n)` writes one.
    let mut empty = true;
    let mut last_word = String::new();
    let mut word = String::new();
    for c in expr.chars() {
        if skipping > 0 {
            match c {
                '(' => skipping += 1,
                ')' => {
                    skipping -= 1;
                    if skipping == 0 {
                        out.push_str(if empty { ")" } else { "…)" });
                    }
                }
                c if !c.is_whitespace() => empty = false,
                _ => {}
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if !word.is_empty() {
            last_word = std::mem::take(&mut word);
        }
        if c == '('
            && !out.ends_with(|p: char| p.is_whitespace() || "(+-*/,&|".contains(p))
            && !out.is_empty()
            && !PASS_THROUGH.contains(&last_word.as_str())
        {
            out.push('(');
            skipping = 1;
            empty = true;
            continue;
        }
        if !(c.is_alphanumeric() || c == '_') {
            last_word.clear();
        }
        out.push(c);
    }
    out
}

/// Whether the expression `expr` reads as a number by its names.
fn is_numeric(expr: &str, numeric: &BTreeSet<String>) -> bool {
    let expr = without_arguments(expr);
    // A number written by the formatting functions is text already.
    if ["count(…)", "megabytes(…)", "count_text(…)"]
        .iter()
        .any(|call| expr.trim_end().ends_with(call))
    {
        return false;
    }
    if expr.contains("+ 1") || expr.contains("len()") || expr.contains("::len") {
        return true;
    }
    let words: Vec<&str> = identifiers(&expr)
        .into_iter()
        .filter(|w| !PASS_THROUGH.contains(w))
        .collect();
    words
        .last()
        .is_some_and(|w| numeric.contains(*w) || *w == "count")
}

/// Every raw number in `source` (already blanked), as (line, what was found).
fn raw_numbers(source: &str, numeric: &BTreeSet<String>) -> Vec<(usize, String)> {
    let line_of = |at: usize| source[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    // A number made text as it is.
    for (at, _) in source.match_indices(".to_string()") {
        let expr = receiver(source, at);
        if is_numeric(expr, numeric) {
            found.push((line_of(at), format!("{}.to_string()", expr.trim())));
        }
    }
    // A number formatted as it is: `format!("{}", rows.len())` (the literal is blank here).
    for (at, _) in source.match_indices("format!(\"") {
        let rest = &source[at + 9..];
        let Some(close) = rest.find('"') else {
            continue;
        };
        let args = &rest[close + 1..];
        let args = &args[..args.find(';').unwrap_or(args.len())];
        for arg in args.split(',').skip(1) {
            let arg = arg.trim().trim_end_matches(')').trim();
            if !arg.is_empty() && is_numeric(arg, numeric) {
                found.push((line_of(at), format!("format!(…, {arg})")));
            }
        }
    }
    // A number put straight into a view: `>{count}<` or `>{move || row.lines}<`.
    for (at, _) in source.match_indices(">{") {
        let rest = &source[at + 2..];
        let Some(end) = rest.find('}') else { continue };
        let inner = rest[..end].trim();
        let inner = inner.strip_prefix("move ||").unwrap_or(inner).trim();
        let simple = inner
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '(' || c == ')');
        if simple && rest[end + 1..].trim_start().starts_with('<') && is_numeric(inner, numeric) {
            found.push((line_of(at), format!("{{{inner}}}")));
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_interface_shows_no_raw_number() {
    let numeric = numeric_names();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in files {
        let relative = file.strip_prefix(root).unwrap().display().to_string();
        // The catalogue holds the texts and the formatting itself.
        if relative.contains("catalogue") {
            continue;
        }
        let source = blank(&fs::read_to_string(&file).unwrap());
        for (line, what) in raw_numbers(&source, &numeric) {
            if ALLOWED.contains(&(relative.as_str(), what.as_str())) {
                continue;
            }
            problems.push(format!("{relative}:{line}: {what}"));
        }
    }
    assert!(
        problems.is_empty(),
        "numbers shown without Lang::count (write them with `lang.count(n)`):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scanner_finds_raw_numbers() {
    let numeric = numeric_names();
    let bad = r#"
        let a = i18n.tf(Key::X, &[("count", &count.to_string())]);
        let b = rows.with(Vec::len).to_string();
        let c = (index + 1).to_string();
        let d = problem.line.to_string();
        let e = count.get().to_string();
        view! { <td class="num">{row.lines}</td> <dd>{count}</dd> <p>{move || total}</p> }
        let f = format!("{}", list.len());
        let g = rows.iter().filter(|r| r.new).count().to_string();
    "#;
    let found: Vec<usize> = raw_numbers(&blank(bad), &numeric)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(found, vec![2, 3, 4, 5, 6, 9, 8, 7, 7, 7], "{found:?}");

    let good = r#"
        let a = i18n.tf(Key::X, &[("count", &lang.count(count))]);
        let b = i18n.t(Key::Y).to_string();
        let c = code.to_string();
        let e = i18n.t(done).to_string();
        let f = table.cell(0, column).to_string();
        view! { <dd>{move || i18n.count(rows.iter().count())}</dd> }
        view! { <td>{row.name}</td> <p>{description}</p> <p>{move || lang.count(total)}</p> }
        // A comment may say count.to_string() and "a string {count}" is no code.
        let d = "count.to_string()";
    "#;
    assert_eq!(raw_numbers(&blank(good), &numeric), vec![]);
}

#[test]
fn plural_blocks_name_counts() {
    // The plural names are read from the catalogue, so a new counted text is covered at once.
    let names = numeric_names();
    for name in ["count", "inserted", "removed"] {
        assert!(names.contains(name), "{name}");
    }
}

/// The arguments of problem messages that are numbers, by what the `// args:` comment above
/// each message key calls them, as (key name, argument index).
fn numeric_problem_args(source: &str) -> Vec<(String, usize)> {
    const NUMBERS: &[&str] = &[
        "number of",
        "count",
        "good",
        "more",
        "row",
        "line",
        "column",
        "expected",
        "found",
        "others",
        "byte_offset",
        "the letter's number",
        "the longest allowed length",
    ];
    let mut out = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(args) = line.trim().strip_prefix("// args:") else {
            continue;
        };
        let Some(key) = lines
            .get(i + 1)
            .and_then(|next| next.split_whitespace().next())
        else {
            continue;
        };
        // Split at the commas outside parentheses: "kind (a machine name, not shown), code".
        let mut items = Vec::new();
        let (mut depth, mut item) = (0i32, String::new());
        for c in args.trim().trim_end_matches('.').chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(std::mem::take(&mut item));
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        items.push(item);
        for (index, item) in items.iter().enumerate() {
            let item = item.trim();
            // A version or a segment line's number ("line no.", 10000 as Business Central
            // numbers lines) names something; it is shown as it is stored.
            let shown =
                !item.contains("not shown") && !item.contains("version") && !item.ends_with("no");
            if shown && NUMBERS.iter().any(|n| item.starts_with(n)) {
                out.push((key.to_string(), index));
            }
        }
    }
    out
}

#[test]
fn problem_messages_write_their_counts_for_the_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = fs::read_to_string(root.join("src/ui/catalogue/problems.rs")).unwrap();
    let numeric = numeric_problem_args(&source);
    assert!(numeric.len() >= 10, "the comments were read: {numeric:?}");
    let missing: Vec<String> = numeric
        .iter()
        .filter(|(key, index)| {
            let key = catalogue::problems::Key::ALL
                .iter()
                .find(|k| k.id() == key)
                .unwrap_or_else(|| panic!("{key} is a key"));
            !catalogue::problems::count_args(*key).contains(index)
        })
        .map(|(key, index)| format!("{key} argument {index}"))
        .collect();
    assert!(
        missing.is_empty(),
        "numbers in problem messages that `count_args` leaves unformatted: {missing:?}"
    );
    // And `problem_text` formats what `count_args` names.
    let shown = fs::read_to_string(root.join("src/ui/components/problems.rs")).unwrap();
    assert!(shown.contains("count_args(message_of(problem.code)).contains(&index)"));
}
