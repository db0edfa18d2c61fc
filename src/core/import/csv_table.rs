//! Reading CSV text into a table of cells, with every row's place in the file.
//!
//! The reader is written here rather than taken from the `csv` crate because a bad file must be
//! refused with a message that names its row: the crate accepts a quoted field that is never
//! closed (it swallows the rest of the file into one cell), and it does not tell which field of
//! which line went wrong. The rules are RFC 4180 as Excel, Google and Outlook write it:
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

/// Reads CSV text (without BOM). Errors name the row: an unclosed quote, or rows whose number of
/// values differs from the header's (trailing empty values beyond the header are tolerated,
/// since spreadsheets add them).
pub fn read(text: &str) -> Result<CsvTable, ImportError> {
    let delimiter = sniff_delimiter(text);
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        delimiter: delimiter as u8,
    };
    let mut table = CsvTable {
        delimiter,
        ..Default::default()
    };
    let mut row_no = 0;
    let mut header_done = false;
    let mut ragged: Option<ImportError> = None;
    let mut ragged_others = 0;
    let mut scratch_ends = Vec::new();

    while reader.pos < reader.bytes.len() {
        row_no += 1;
        let line = reader.line;
        let cells_start = table.text.len();
        let ends_start = table.ends.len();
        let record = reader.record(&mut table.text, &mut scratch_ends, row_no)?;
        if record.blank {
            table.text.truncate(cells_start);
            scratch_ends.clear();
            continue;
        }
        if !header_done {
            let mut start = cells_start;
            for &end in &scratch_ends {
                table
                    .headers
                    .push(table.text[start..end].trim().to_string());
                start = end;
            }
            table.text.truncate(cells_start);
            scratch_ends.clear();
            header_done = true;
            continue;
        }
        let expected = table.headers.len();
        let found = scratch_ends.len();
        let extra_all_empty =
            found > expected && scratch_ends[expected - 1] == *scratch_ends.last().unwrap_or(&0);
        if found == expected || extra_all_empty {
            table.text.truncate(scratch_ends[expected - 1]);
            table.ends.extend(scratch_ends.drain(..expected));
            scratch_ends.clear();
            table.rows.push(RowPlace { row: row_no, line });
        } else {
            table.text.truncate(cells_start);
            table.ends.truncate(ends_start);
            scratch_ends.clear();
            if ragged.is_none() {
                ragged = Some(ImportError::RaggedRow {
                    row: row_no,
                    line,
                    expected,
                    found,
                    others: 0,
                });
            } else {
                ragged_others += 1;
            }
        }
    }
    if let Some(ImportError::RaggedRow {
        row,
        line,
        expected,
        found,
        ..
    }) = ragged
    {
        return Err(ImportError::RaggedRow {
            row,
            line,
            expected,
            found,
            others: ragged_others,
        });
    }
    if !header_done {
        return Err(ImportError::Empty);
    }
    Ok(table)
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
}

impl Reader<'_> {
    /// Reads one record, appending its cells to `out` and their end offsets to `ends`.
    fn record(
        &mut self,
        out: &mut String,
        ends: &mut Vec<usize>,
        row: usize,
    ) -> Result<Record, ImportError> {
        let start_line = self.line;
        let out_start = out.len();
        loop {
            let quoted = self.field(out, row, start_line, ends.len() + 1)?;
            ends.push(out.len());
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
            let blank = ends.len() == 1
                && !quoted
                && out[out_start..]
                    .trim_matches(|c: char| c.is_whitespace() || c == '\u{1A}')
                    .is_empty();
            return Ok(Record { blank });
        }
    }

    /// Reads one field up to (not including) the delimiter or line end. Returns whether it was
    /// quoted, which tells an empty line from a line holding `""`.
    fn field(
        &mut self,
        out: &mut String,
        row: usize,
        line: usize,
        column: usize,
    ) -> Result<bool, ImportError> {
        let quoted = self.bytes.get(self.pos) == Some(&b'"');
        if quoted {
            self.pos += 1;
            loop {
                let rest = &self.bytes[self.pos..];
                let Some(offset) = rest.iter().position(|&b| matches!(b, b'"' | b'\r' | b'\n'))
                else {
                    return Err(ImportError::UnclosedQuote { row, line, column });
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
        Ok(quoted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
        let table = read("a,b,c\r\n1,\"x, \"\"y\"\"\",\"line 1\r\nline 2\"\r\n").unwrap();
        assert_eq!(table.headers, ["a", "b", "c"]);
        assert_eq!(table.row(0), ["1", "x, \"y\"", "line 1\nline 2"]);
        assert_eq!(table.place(0), RowPlace { row: 2, line: 2 });
    }

    #[test]
    fn rows_count_like_a_spreadsheet_and_lines_like_an_editor() {
        let table = read("h1,h2\n\"a\nb\",c\n\nd,e").unwrap();
        assert_eq!(table.len(), 2);
        assert_eq!(table.place(1), RowPlace { row: 4, line: 5 });
        assert_eq!(table.cell(1, 1), "e");
        assert_eq!(table.cell(9, 9), "");
    }

    #[test]
    fn a_ragged_row_is_named_with_its_row_and_line() {
        assert_eq!(
            read("a,b,c\n1,2,3\n\"multi\nline\",2\n4,5,6,7\n"),
            Err(ImportError::RaggedRow {
                row: 3,
                line: 3,
                expected: 3,
                found: 2,
                others: 1,
            })
        );
    }

    #[test]
    fn trailing_empty_values_beyond_the_header_are_tolerated() {
        let table = read("a,b\n1,2,,\n").unwrap();
        assert_eq!(table.row(0), ["1", "2"]);
    }

    #[test]
    fn an_unclosed_quote_names_where_it_opened() {
        assert_eq!(
            read("a,b\n1,2\n3,\"never closed\n4,5\n"),
            Err(ImportError::UnclosedQuote {
                row: 3,
                line: 3,
                column: 2
            })
        );
    }

    #[test]
    fn semicolons_and_tabs_are_recognised_from_the_header() {
        let table = read("Etunimi;Sukunimi;\"Osoite; katu\"\nSäde;Öhman;x\n").unwrap();
        assert_eq!(table.delimiter, ';');
        assert_eq!(table.row(0), ["Säde", "Öhman", "x"]);
        assert_eq!(read("a\tb\n1\t2").unwrap().row(0), ["1", "2"]);
    }

    #[test]
    fn the_delimiter_comes_from_the_header_row_alone() {
        // A one-column file whose data has semicolons is still one column.
        let table = read("E-mail\na;b@x.example\n").unwrap();
        assert_eq!(table.delimiter, ',');
        assert_eq!(table.row(0), ["a;b@x.example"]);
        // Blank lines before the header are skipped.
        assert_eq!(
            read("\r\n\r\nName;E-mail\r\nA;a@x\r\n").unwrap().delimiter,
            ';'
        );
    }

    #[test]
    fn a_quoted_empty_line_is_a_row_but_an_empty_line_is_not() {
        let table = read("a\n\"\"\n\n").unwrap();
        assert_eq!(table.len(), 1);
    }
}
