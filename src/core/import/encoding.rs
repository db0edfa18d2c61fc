//! Turning the bytes of a file into text, or saying clearly why they are not text.
//!
//! Contact files are UTF-8 nearly always (Google writes a BOM, Outlook and vCard do not), but
//! Excel's "Unicode text" is UTF-16 with a BOM and Excel's plain "CSV" on Windows is
//! Windows-1252. UTF-8 and UTF-16 are recognised by themselves. Windows-1252 is never assumed
//! silently, because reading UTF-8 or another code page that way garbles every letter beyond
//! ASCII without any error: a file that is not UTF-8 is refused with the position of the first
//! bad byte and a guess, and the UI can offer to read it again with [`decode_as`].

use super::csv_table::Utf8Flaw;
use super::detect::{sniff_binary, BinaryKind};
use super::ImportError;
use serde::{Deserialize, Serialize};

/// The encodings a contact file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Windows' Western European code page (a superset of ISO-8859-1 for printable text).
    Windows1252,
}

impl TextEncoding {
    /// The name people know the encoding by.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decoded text and the encoding it was read in; a byte-order mark is not part of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
}

/// How many bytes at the start are looked at to tell text from binary data. Enough to see past
/// a header row, and it keeps 50 MB of garbage from being scanned in full.
const SNIFF_LEN: usize = 64 * 1024;

/// Decodes a file, recognising UTF-8 (with or without BOM) and UTF-16 (with BOM, or without one
/// when every other byte is zero).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, 2, TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, 2, TextEncoding::Utf16Be);
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(ImportError::NotText { kind });
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_utf16(bytes, 0, encoding);
    }
    if looks_binary(bytes) {
        return Err(ImportError::NotText {
            kind: BinaryKind::Binary,
        });
    }
    decode_utf8(bytes, 0)
}

/// Decodes a file in the encoding the user chose. A byte-order mark that matches is skipped.
pub fn decode_as(bytes: &[u8], encoding: TextEncoding) -> Result<Decoded, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(ImportError::NotText { kind });
    }
    match encoding {
        TextEncoding::Utf8 => match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(rest) => decode_utf8(rest, 3),
            None => decode_utf8(bytes, 0),
        },
        TextEncoding::Utf16Le => match bytes.strip_prefix(&[0xFF, 0xFE]) {
            Some(rest) => decode_utf16(rest, 2, encoding),
            None => decode_utf16(bytes, 0, encoding),
        },
        TextEncoding::Utf16Be => match bytes.strip_prefix(&[0xFE, 0xFF]) {
            Some(rest) => decode_utf16(rest, 2, encoding),
            None => decode_utf16(bytes, 0, encoding),
        },
        TextEncoding::Windows1252 => {
            if looks_binary(bytes) {
                return Err(ImportError::NotText {
                    kind: BinaryKind::Binary,
                });
            }
            finish_text(windows_1252(bytes), encoding)
        }
    }
}

fn decode_utf8(bytes: &[u8], offset: usize) -> Result<Decoded, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => finish_text(text.to_string(), TextEncoding::Utf8),
        Err(error) => {
            let valid = error.valid_up_to();
            // The prefix up to the bad byte is valid UTF-8 by definition, so it can be counted
            // in characters to give a line and column a text editor shows.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let column = prefix
                .rsplit('\n')
                .next()
                .map(|tail| tail.chars().count())
                .unwrap_or(0)
                + 1;
            if looks_binary(bytes) {
                return Err(ImportError::NotText {
                    kind: BinaryKind::Binary,
                });
            }
            // Text that is not UTF-8 is, for the people this app serves, nearly always Excel's
            // Windows-1252 "CSV"; every byte is a character there, so the guess cannot fail.
            Err(ImportError::NotUtf8 {
                byte_offset: offset + valid,
                line,
                column,
                guess: Some(TextEncoding::Windows1252),
            })
        }
    }
}

/// Decodes UTF-8 text in which some bytes are not UTF-8, as a CSV file with a few rows typed
/// in another program has: each run of such bytes becomes U+FFFD, and its place (offset in the
/// text, line and column in the file) is returned so that the rows holding one can be named and
/// left out rather than imported garbled. A UTF-8 byte-order mark is not part of the text.
pub fn decode_lossy(bytes: &[u8]) -> (String, Vec<Utf8Flaw>) {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let mut text = String::with_capacity(bytes.len());
    let mut flaws = Vec::new();
    let (mut line, mut column) = (1, 1);
    let mut after_cr = false;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            text.push(c);
            match c {
                '\n' if after_cr => {}
                '\n' | '\r' => {
                    line += 1;
                    column = 1;
                }
                _ => column += 1,
            }
            after_cr = c == '\r';
        }
        if !chunk.invalid().is_empty() {
            flaws.push(Utf8Flaw {
                offset: text.len(),
                line,
                column,
            });
            text.push(char::REPLACEMENT_CHARACTER);
            column += 1;
            after_cr = false;
        }
    }
    (text, flaws)
}

fn decode_utf16(
    bytes: &[u8],
    offset: usize,
    encoding: TextEncoding,
) -> Result<Decoded, ImportError> {
    if bytes.len() % 2 == 1 {
        // An odd number of bytes: the last one is half a character.
        return Err(ImportError::InvalidUtf16 {
            byte_offset: offset + bytes.len() - 1,
        });
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| match encoding {
            TextEncoding::Utf16Le => u16::from_le_bytes([pair[0], pair[1]]),
            _ => u16::from_be_bytes([pair[0], pair[1]]),
        })
        .collect();
    let mut text = String::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let unit = units[i];
        let broken = ImportError::InvalidUtf16 {
            byte_offset: offset + 2 * i,
        };
        match unit {
            0xD800..=0xDBFF => {
                // A high surrogate must be followed by a low one; together they are one char.
                let Some(low @ 0xDC00..=0xDFFF) = units.get(i + 1).copied() else {
                    return Err(broken);
                };
                let code = 0x10000 + (((unit as u32) - 0xD800) << 10) + ((low as u32) - 0xDC00);
                text.push(char::from_u32(code).ok_or(broken)?);
                i += 2;
            }
            0xDC00..=0xDFFF => return Err(broken),
            _ => {
                text.push(char::from_u32(unit as u32).ok_or(broken)?);
                i += 1;
            }
        }
    }
    if looks_binary(text.as_bytes()) {
        return Err(ImportError::NotText {
            kind: BinaryKind::Binary,
        });
    }
    finish_text(text, encoding)
}

fn finish_text(mut text: String, encoding: TextEncoding) -> Result<Decoded, ImportError> {
    // A second BOM (UTF-16 files written by some tools carry one inside) is not content.
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Decoded { text, encoding })
}

/// UTF-16 without a BOM shows as a zero in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 <= pairs {
        Some(TextEncoding::Utf16Le)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 <= pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Text has almost no control characters besides tab, line feed and carriage return; binary
/// data has many (random bytes: about one in nine). A NUL is never text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1A))
        .count();
    controls * 100 > sample.len()
}

/// The 32 characters where Windows-1252 differs from ISO-8859-1 (bytes 0x80–0x9F). The five
/// undefined bytes map to the C1 control of the same number, as browsers do.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes Windows-1252 (every byte is a character, so this cannot fail).
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_decodes() {
        let with_bom = decode(b"\xEF\xBB\xBFName\r\nS\xC3\xA4de\r\n").unwrap();
        assert_eq!(with_bom.text, "Name\r\nSäde\r\n");
        assert_eq!(with_bom.encoding, TextEncoding::Utf8);
        assert_eq!(decode(b"a,b\n").unwrap().text, "a,b\n");
    }

    #[test]
    fn utf16_is_decoded_with_or_without_bom() {
        let text = "Nimi,Sähköposti\r\nSäde,s@x.fi\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().encoding, TextEncoding::Utf16Be);
        let bare: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bare).unwrap().text, text);
    }

    #[test]
    fn a_broken_utf16_file_names_the_byte() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("ab".encode_utf16().flat_map(|u| u.to_le_bytes()));
        le.extend([0x00, 0xDC]); // a lone low surrogate
        assert_eq!(
            decode(&le),
            Err(ImportError::InvalidUtf16 { byte_offset: 6 })
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, b'b']),
            Err(ImportError::InvalidUtf16 { byte_offset: 4 })
        );
    }

    #[test]
    fn windows_1252_is_reported_with_position_and_a_guess_then_read_on_request() {
        let bytes = b"Name,City\r\nS\xE4de,Espoo\r\n";
        assert_eq!(
            decode(bytes),
            Err(ImportError::NotUtf8 {
                byte_offset: 12,
                line: 2,
                column: 2,
                guess: Some(TextEncoding::Windows1252),
            })
        );
        let read = decode_as(bytes, TextEncoding::Windows1252).unwrap();
        assert_eq!(read.text, "Name,City\r\nSäde,Espoo\r\n");
        assert_eq!(windows_1252(b"\x80\x93x\x94"), "€“x”");
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b""), Err(ImportError::Empty));
        assert_eq!(decode(b" \r\n\t"), Err(ImportError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF\r\n"), Err(ImportError::Empty));
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(
            decode(&garbage),
            Err(ImportError::NotText {
                kind: BinaryKind::Binary
            })
        );
    }
}
