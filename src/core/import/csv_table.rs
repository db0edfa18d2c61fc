//! Reading CSV text into a table of cells, with every row's place in the file.
//!
//! The reader is written here rather than taken from the `csv` crate because every bad row must
//! be named with its line and reason, in one reading of the file, and the rows around it still
//! read: the crate accepts a quoted field that is never closed (it swallows the rest of the file
//! into one cell), and it does not tell which field of which line went wrong. Here such a row is
//! named, and reading resumes at the next line that reads as a row of its own (see
//! [`RowReason::UnclosedQuote`]). The rules are RFC 4180 as Excel, Google and Outlook write it:
//! quoted fields may hold delimiters, doubled quotes and line breaks; rows end in CRLF, LF or CR.
//! Line breaks inside a cell become `\n`.
//!
//! The delimiter is taken from the header row (comma, semicolon or tab), because Excel in a
//! Finnish or German locale saves "CSV" with semicolons.
//!
//! Cells are stored in one string with their end offsets, not as a `String` each: a 50 MB file
//! of 200,000 contacts has millions of cells, and one allocation per cell would multiply the
//! memory the browser tab needs.

use super::ImportError;
use crate::core::problem::ProblemCode;
use serde::{Deserialize, Serialize};

/// A CSV file read into cells: the header row and the data rows, all of the header's width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CsvTable {
    pub delimiter: char,
    pub headers: Vec<String>,
    text: String,
    /// The end offset in `text` of every data cell, row after row.
    ends: Vec<usize>,
    rows: Vec<RowPlace>,
}

/// Where a data row is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowPlace {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// The line of the file the row starts on (rows with line breaks in cells span several).
    pub line: usize,
}

impl CsvTable {
    /// The number of data rows (the header not counted).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn width(&self) -> usize {
        self.headers.len()
    }

    /// One cell; an empty string outside the table.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        let width = self.width();
        if row >= self.rows.len() || column >= width {
            return "";
        }
        let index = row * width + column;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.text[start..self.ends[index]]
    }

    /// The cells of one row.
    pub fn row(&self, row: usize) -> Vec<&str> {
        (0..self.width()).map(|c| self.cell(row, c)).collect()
    }

    pub fn place(&self, row: usize) -> RowPlace {
        self.rows.get(row).copied().unwrap_or_default()
    }
}

/// A data row that cannot be read as a contact, and why. Every such row of a file is found in
/// one reading, so that the user sees them all at once and can import the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The first line of the file the row takes.
    pub line: usize,
    /// The last line of the file the row takes: the same as `line` unless a value spans lines
    /// or an unclosed quote swallowed the lines after it.
    pub last_line: usize,
    pub reason: RowReason,
}

/// Why a row cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowReason {
    /// Another number of values than the header has columns.
    WrongWidth { expected: usize, found: usize },
    /// A quoted value (in `column`, from 1) that is never closed. Strict CSV would read the rest
    /// of the file into it; reading resumed instead at `resumed_at`, the next line that reads
    /// as a row of its own (`None`: no line after it did, up to the end of the file).
    UnclosedQuote {
        column: usize,
        resumed_at: Option<usize>,
    },
    /// A byte that is not UTF-8 text, on `line` at `column` (in characters, from 1).
    NotUtf8 { line: usize, column: usize },
}

impl RowReason {
    /// Stable identifier of the reason, for the UI's catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            RowReason::WrongWidth { .. } => ProblemCode::ImportRaggedRow,
            RowReason::UnclosedQuote { .. } => ProblemCode::ImportUnclosedQuote,
            RowReason::NotUtf8 { .. } => ProblemCode::ImportNotUtf8,
        }
    }
}

/// A character of the text that stood for bytes that were not UTF-8 (see
/// [`super::encoding::decode_lossy`]): where it is in the text, and where in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf8Flaw {
    /// Byte offset in the decoded text.
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// What reading a CSV file found: the table of the rows that read well, and every row that
/// did not, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CsvRead {
    pub table: CsvTable,
    pub problems: Vec<RowProblem>,
    /// The lines the header row takes (first and last).
    pub header_lines: (usize, usize),
}

/// Reads CSV text (without BOM) whose text is all UTF-8. See [`read_flawed`].
pub fn read(text: &str) -> Result<CsvRead, ImportError> {
    read_flawed(text, &[])
}

/// Reads CSV text (without BOM) in one pass and collects every row that cannot be read, with
/// its line and reason, instead of stopping at the first: rows whose number of values differs
/// from the header's (trailing empty values beyond the header are tolerated, since
/// spreadsheets add them), quoted values that are never closed, and rows that hold one of the
/// `flaws` (characters that were not UTF-8 in the file, sorted by offset).
///
/// Only a file without a header row, or whose header row itself cannot be read, is refused.
pub fn read_flawed(text: &str, flaws: &[Utf8Flaw]) -> Result<CsvRead, ImportError> {
    let delimiter = sniff_delimiter(text);
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        delimiter: delimiter as u8,
    };
    let mut read = CsvRead {
        table: CsvTable {
            delimiter,
            ..Default::default()
        },
        ..Default::default()
    };
    let table = &mut read.table;
    let mut row_no = 0;
    let mut header_done = false;
    let mut scratch_ends = Vec::new();

    while reader.pos < reader.bytes.len() {
        row_no += 1;
        let line = reader.line;
        let start = reader.pos;
        let cells_start = table.text.len();
        let record = reader.record(&mut table.text, &mut scratch_ends);
        if record.blank {
            table.text.truncate(cells_start);
            scratch_ends.clear();
            continue;
        }
        let last_line = reader.last_line();
        if !header_done {
            if let Some(column) = record.unclosed {
                return Err(ImportError::UnclosedQuote {
                    row: row_no,
                    line,
                    column,
                });
            }
            if let Some(flaw) = flaw_in(flaws, start, reader.pos) {
                return Err(ImportError::NotUtf8 {
                    byte_offset: flaw.offset,
                    line: flaw.line,
                    column: flaw.column,
                    guess: Some(super::TextEncoding::Windows1252),
                });
            }
            let mut cell_start = cells_start;
            for &end in &scratch_ends {
                table
                    .headers
                    .push(table.text[cell_start..end].trim().to_string());
                cell_start = end;
            }
            table.text.truncate(cells_start);
            scratch_ends.clear();
            read.header_lines = (line, last_line);
            header_done = true;
            continue;
        }
        let expected = table.headers.len();
        let found = scratch_ends.len();
        let fits = fits(&scratch_ends, expected);
        // A quote that is never closed, or one that is closed only lines later in a row that
        // then does not fit, is most likely a stray quote: read on from the next line that is
        // a row of its own, as a person fixing the file would.
        let suspect = record
            .unclosed
            .or(if fits { None } else { record.multi_line });
        let resume = suspect.and_then(|_| reader.resume_point(start, expected));
        let reason = match (record.unclosed, suspect, resume) {
            (Some(column), _, resumed) | (None, Some(column), resumed @ Some(_)) => {
                Some(RowReason::UnclosedQuote {
                    column,
                    resumed_at: resumed.map(|(_, line)| line),
                })
            }
            _ if !fits => Some(RowReason::WrongWidth { expected, found }),
            _ => None,
        };
        let (end, last_line) = match resume {
            Some((pos, resumed_line)) => (pos, resumed_line - 1),
            None => (reader.pos, last_line),
        };
        let reason = match (reason, flaw_in(flaws, start, end)) {
            (Some(reason @ RowReason::UnclosedQuote { .. }), _) => Some(reason),
            (_, Some(flaw)) => Some(RowReason::NotUtf8 {
                line: flaw.line,
                column: flaw.column,
            }),
            (reason, None) => reason,
        };
        match reason {
            None => {
                table.text.truncate(scratch_ends[expected - 1]);
                table.ends.extend(scratch_ends.drain(..expected));
                scratch_ends.clear();
                table.rows.push(RowPlace { row: row_no, line });
            }
            Some(reason) => {
                table.text.truncate(cells_start);
                scratch_ends.clear();
                read.problems.push(RowProblem {
                    row: row_no,
                    line,
                    last_line,
                    reason,
                });
                if let Some((pos, resumed_line)) = resume {
                    reader.pos = pos;
                    reader.line = resumed_line;
                }
            }
        }
    }
    if !header_done {
        return Err(ImportError::Empty);
    }
    Ok(read)
}

/// Whether a record of these cell ends fills a row of `expected` columns: exactly, or with
/// only empty values beyond them.
fn fits(ends: &[usize], expected: usize) -> bool {
    let found = ends.len();
    found == expected || (found > expected && expected > 0 && ends.get(expected - 1) == ends.last())
}

/// The first flaw between two offsets of the text.
fn flaw_in(flaws: &[Utf8Flaw], start: usize, end: usize) -> Option<Utf8Flaw> {
    let first = flaws.partition_point(|flaw| flaw.offset < start);
    flaws.get(first).filter(|flaw| flaw.offset < end).copied()
}

/// The delimiter used most in the first row, outside quotes; comma when there is none.
fn sniff_delimiter(text: &str) -> char {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut seen_content = false;
    for b in text.bytes() {
        match b {
            // The header ends at the first line break outside quotes (blank lines before it
            // are skipped, as the reader skips them).
            b'\n' | b'\r' if !quoted && seen_content => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            seen_content = true;
        }
    }
    let candidates = [',', ';', '\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
}

struct Record {
    blank: bool,
    /// The column (from 1) of a quoted value that the end of the text left open.
    unclosed: Option<usize>,
    /// The column (from 1) of the first quoted value that holds a line break.
    multi_line: Option<usize>,
}

impl Reader<'_> {
    /// The last line the record just read took (its line break, if any, already passed).
    fn last_line(&self) -> usize {
        match self.pos.checked_sub(1).and_then(|i| self.bytes.get(i)) {
            Some(b'\n' | b'\r') => self.line - 1,
            _ => self.line,
        }
    }

    /// Reads one record, appending its cells to `out` and their end offsets to `ends`.
    fn record(&mut self, out: &mut String, ends: &mut Vec<usize>) -> Record {
        let out_start = out.len();
        let mut record = Record {
            blank: false,
            unclosed: None,
            multi_line: None,
        };
        loop {
            let column = ends.len() + 1;
            let line = self.line;
            let field = self.field(out);
            ends.push(out.len());
            if field.unclosed {
                record.unclosed = Some(column);
            }
            if field.quoted && self.line > line && record.multi_line.is_none() {
                record.multi_line = Some(column);
            }
            match self.bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => {
                    self.pos += 1;
                    continue;
                }
                Some(b'\r') => {
                    self.pos += 1;
                    if self.bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                _ => {}
            }
            // A line with nothing on it (white space, or the ^Z old DOS tools end files with)
            // is not a row; a line holding `""` is a row of one empty value.
            record.blank = ends.len() == 1
                && !field.quoted
                && out[out_start..]
                    .trim_matches(|c: char| c.is_whitespace() || c == '\u{1A}')
                    .is_empty();
            return record;
        }
    }

    /// Where reading can go on after a row from `start` whose quote is suspect: the start of
    /// the first later line, up to where the row ended, that reads as a row of `expected`
    /// values with every quote closed. Returns its offset and line.
    fn resume_point(&self, start: usize, expected: usize) -> Option<(usize, usize)> {
        let end = self.pos;
        let mut line = self.line_at(start);
        let mut i = start;
        while i < end {
            let b = self.bytes[i];
            i += 1;
            if b == b'\r' && self.bytes.get(i) == Some(&b'\n') {
                i += 1;
            } else if b != b'\r' && b != b'\n' {
                continue;
            }
            line += 1;
            if i >= end {
                break;
            }
            let mut probe = Reader {
                bytes: self.bytes,
                text: self.text,
                pos: i,
                line,
                delimiter: self.delimiter,
            };
            let (mut out, mut ends) = (String::new(), Vec::new());
            let record = probe.record(&mut out, &mut ends);
            if !record.blank && record.unclosed.is_none() && fits(&ends, expected) {
                return Some((i, line));
            }
        }
        None
    }

    /// The line of an offset the reader has passed, counted back from where it is now: cheaper
    /// than keeping the line of every row start, and only needed for a suspect row.
    fn line_at(&self, offset: usize) -> usize {
        let mut line = self.line;
        let mut i = self.pos;
        while i > offset {
            i -= 1;
            match self.bytes[i] {
                b'\n' => line -= 1,
                b'\r' if self.bytes.get(i + 1) != Some(&b'\n') => line -= 1,
                _ => {}
            }
        }
        line
    }

    /// Reads one field up to (not including) the delimiter or line end. A quoted field that
    /// the end of the text leaves open takes the rest of the text, as strict CSV would; the
    /// caller decides what to make of it.
    fn field(&mut self, out: &mut String) -> Field {
        let quoted = self.bytes.get(self.pos) == Some(&b'"');
        if quoted {
            self.pos += 1;
            loop {
                let rest = &self.bytes[self.pos..];
                let Some(offset) = rest.iter().position(|&b| matches!(b, b'"' | b'\r' | b'\n'))
                else {
                    out.push_str(&self.text[self.pos..]);
                    self.pos = self.bytes.len();
                    return Field {
                        quoted,
                        unclosed: true,
                    };
                };
                out.push_str(&self.text[self.pos..self.pos + offset]);
                self.pos += offset;
                match self.bytes[self.pos] {
                    b'"' if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                        out.push('"');
                        self.pos += 2;
                    }
                    b'"' => {
                        self.pos += 1;
                        break;
                    }
                    b'\r' => {
                        out.push('\n');
                        self.pos += 1;
                        if self.bytes.get(self.pos) == Some(&b'\n') {
                            self.pos += 1;
                        }
                        self.line += 1;
                    }
                    _ => {
                        out.push('\n');
                        self.pos += 1;
                        self.line += 1;
                    }
                }
            }
        }
        // Unquoted text, or text after a closing quote (`"abc"def`), which Excel keeps as is.
        let rest = &self.bytes[self.pos..];
        let delimiter = self.delimiter;
        let offset = rest
            .iter()
            .position(|&b| b == delimiter || b == b'\r' || b == b'\n')
            .unwrap_or(rest.len());
        out.push_str(&self.text[self.pos..self.pos + offset]);
        self.pos += offset;
        Field {
            quoted,
            unclosed: false,
        }
    }
}

/// How a field was written.
struct Field {
    quoted: bool,
    unclosed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
        let table = read("a,b,c\r\n1,\"x, \"\"y\"\"\",\"line 1\r\nline 2\"\r\n")
            .unwrap()
            .table;
        assert_eq!(table.headers, ["a", "b", "c"]);
        assert_eq!(table.row(0), ["1", "x, \"y\"", "line 1\nline 2"]);
        assert_eq!(table.place(0), RowPlace { row: 2, line: 2 });
    }

    #[test]
    fn rows_count_like_a_spreadsheet_and_lines_like_an_editor() {
        let table = read("h1,h2\n\"a\nb\",c\n\nd,e").unwrap().table;
        assert_eq!(table.len(), 2);
        assert_eq!(table.place(1), RowPlace { row: 4, line: 5 });
        assert_eq!(table.cell(1, 1), "e");
        assert_eq!(table.cell(9, 9), "");
    }

    #[test]
    fn every_ragged_row_is_named_with_its_row_and_lines_and_the_others_are_read() {
        let read = read("a,b,c\n1,2,3\n\"multi\nline\",2\n4,5,6,7\n8,9,10\n").unwrap();
        assert_eq!(
            read.problems,
            [
                RowProblem {
                    row: 3,
                    line: 3,
                    last_line: 4,
                    reason: RowReason::WrongWidth {
                        expected: 3,
                        found: 2
                    },
                },
                RowProblem {
                    row: 4,
                    line: 5,
                    last_line: 5,
                    reason: RowReason::WrongWidth {
                        expected: 3,
                        found: 4
                    },
                },
            ]
        );
        assert_eq!(read.table.len(), 2);
        assert_eq!(read.table.row(1), ["8", "9", "10"]);
    }

    #[test]
    fn trailing_empty_values_beyond_the_header_are_tolerated() {
        let table = read("a,b\n1,2,,\n").unwrap().table;
        assert_eq!(table.row(0), ["1", "2"]);
    }

    #[test]
    fn an_unclosed_quote_is_named_and_reading_resumes_at_the_next_line() {
        let read = read("a,b\n1,2\n3,\"never closed\n4,5\n").unwrap();
        assert_eq!(
            read.problems,
            [RowProblem {
                row: 3,
                line: 3,
                last_line: 3,
                reason: RowReason::UnclosedQuote {
                    column: 2,
                    resumed_at: Some(4)
                },
            }]
        );
        assert_eq!(read.table.row(1), ["4", "5"]);
        assert_eq!(read.table.place(1), RowPlace { row: 4, line: 4 });
    }

    #[test]
    fn semicolons_and_tabs_are_recognised_from_the_header() {
        let table = read("Etunimi;Sukunimi;\"Osoite; katu\"\nSäde;Öhman;x\n")
            .unwrap()
            .table;
        assert_eq!(table.delimiter, ';');
        assert_eq!(table.row(0), ["Säde", "Öhman", "x"]);
        assert_eq!(read("a\tb\n1\t2").unwrap().table.row(0), ["1", "2"]);
    }

    #[test]
    fn the_delimiter_comes_from_the_header_row_alone() {
        // A one-column file whose data has semicolons is still one column.
        let table = read("E-mail\na;b@x.example\n").unwrap().table;
        assert_eq!(table.delimiter, ',');
        assert_eq!(table.row(0), ["a;b@x.example"]);
        // Blank lines before the header are skipped.
        assert_eq!(
            read("\r\n\r\nName;E-mail\r\nA;a@x\r\n")
                .unwrap()
                .table
                .delimiter,
            ';'
        );
    }

    #[test]
    fn a_quoted_empty_line_is_a_row_but_an_empty_line_is_not() {
        let table = read("a\n\"\"\n\n").unwrap().table;
        assert_eq!(table.len(), 1);
    }
}
