//! Recognising what a file is: binary data by its magic bytes, vCard by its first line, and the
//! CSV dialects by their header names (import-formats.md: "match columns by header name, never
//! by position"), so that reordered or extended exports are still recognised.

use super::{ImportError, ImportFormat};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What a file that is not text looks like, so the message can say what the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinaryKind {
    /// A ZIP archive: .zip, or an Office document (.docx, .xlsx) or OpenDocument file.
    Zip,
    Pdf,
    Image,
    /// An Office 97–2003 file (.xls, .doc) — the OLE compound format.
    OldOffice,
    /// gzip, 7-Zip, RAR and other compressed archives.
    Compressed,
    /// Anything else that is not text.
    Binary,
}

impl BinaryKind {
    pub fn code(self) -> &'static str {
        match self {
            BinaryKind::Zip => "zip",
            BinaryKind::Pdf => "pdf",
            BinaryKind::Image => "image",
            BinaryKind::OldOffice => "old_office",
            BinaryKind::Compressed => "compressed",
            BinaryKind::Binary => "binary",
        }
    }

    /// English description for [`ImportError`]'s `Display`.
    pub fn describe(self) -> &'static str {
        match self {
            BinaryKind::Zip => {
                "a ZIP archive (a .zip, or a Word or Excel file such as .docx or .xlsx)"
            }
            BinaryKind::Pdf => "a PDF document",
            BinaryKind::Image => "a picture",
            BinaryKind::OldOffice => "an old Word or Excel file (.doc or .xls)",
            BinaryKind::Compressed => "a compressed archive",
            BinaryKind::Binary => "binary data",
        }
    }
}

/// Text that is recognisably something other than contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextKind {
    Html,
    Xml,
    Json,
}

impl TextKind {
    pub fn code(self) -> &'static str {
        match self {
            TextKind::Html => "html",
            TextKind::Xml => "xml",
            TextKind::Json => "json",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            TextKind::Html => "a web page (HTML)",
            TextKind::Xml => "an XML document",
            TextKind::Json => "JSON data",
        }
    }
}

/// Recognises binary files by their first bytes.
pub fn sniff_binary(bytes: &[u8]) -> Option<BinaryKind> {
    const MAGIC: &[(&[u8], BinaryKind)] = &[
        (b"PK\x03\x04", BinaryKind::Zip),
        (b"PK\x05\x06", BinaryKind::Zip),
        (b"PK\x07\x08", BinaryKind::Zip),
        (b"%PDF-", BinaryKind::Pdf),
        (b"\x89PNG", BinaryKind::Image),
        (b"GIF8", BinaryKind::Image),
        (b"\xFF\xD8\xFF", BinaryKind::Image),
        (b"RIFF", BinaryKind::Image),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", BinaryKind::OldOffice),
        (b"\x1F\x8B", BinaryKind::Compressed),
        (b"7z\xBC\xAF\x27\x1C", BinaryKind::Compressed),
        (b"Rar!", BinaryKind::Compressed),
        (b"BZh", BinaryKind::Compressed),
        (b"\xFD7zXZ", BinaryKind::Compressed),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// The two shapes of contact text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextShape {
    VCard,
    Csv,
}

/// Tells vCard from CSV by the first line that is not blank, and refuses web pages, XML and JSON,
/// which would otherwise be read as a CSV with one strange column.
pub fn sniff_text(text: &str) -> Result<TextShape, ImportError> {
    let first = text
        .lines()
        .map(|line| line.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}'))
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    let upper = first
        .get(..first.len().min(16))
        .unwrap_or(first)
        .to_ascii_uppercase();
    if upper.starts_with("BEGIN:VCARD") || upper.starts_with("BEGIN: VCARD") {
        return Ok(TextShape::VCard);
    }
    if upper.starts_with("<!DOCTYPE HTML") || upper.starts_with("<HTML") {
        return Err(ImportError::UnsupportedText {
            kind: TextKind::Html,
        });
    }
    if upper.starts_with("<?XML") {
        return Err(ImportError::UnsupportedText {
            kind: TextKind::Xml,
        });
    }
    if upper.starts_with('{') || upper.starts_with("[{") || upper == "[" {
        return Err(ImportError::UnsupportedText {
            kind: TextKind::Json,
        });
    }
    Ok(TextShape::Csv)
}

/// Normalises a header for comparison: trimmed, lower case, single spaces.
pub fn header_key(header: &str) -> String {
    super::collapse_spaces(header.trim_matches(|c: char| c == '\u{FEFF}' || c == '"'))
        .to_lowercase()
}

/// Recognises the CSV dialect from its header names.
pub fn csv_format(headers: &[String]) -> ImportFormat {
    let keys: HashSet<String> = headers.iter().map(|h| header_key(h)).collect();
    let has = |name: &str| keys.contains(name);
    let numbered_part = |part: &str| {
        keys.iter()
            .any(|key| key.ends_with(part) && key.contains(" - ") && key.contains(char::is_numeric))
    };

    if has("given name") && has("family name") {
        return ImportFormat::GoogleCsvLegacy;
    }
    let has_person_name = has("first name") && has("last name");
    if has_person_name
        && (has("labels")
            || has("file as")
            || has("organization name")
            || has("phonetic first name")
            || numbered_part(" - label"))
    {
        return ImportFormat::GoogleCsv;
    }
    let outlook_like = has("e-mail address")
        || has("business street")
        || has("business phone")
        || has("mobile phone")
        || has("home street");
    if has_person_name && outlook_like {
        let outlook_com = has("imaddress")
            || has("given yomi")
            || has("surname yomi")
            || has("company yomi")
            || has("personal web page")
            || has("schools");
        let desktop = has("e-mail type")
            || has("e-mail display name")
            || has("categories")
            || has("business street 2");
        return if outlook_com && !desktop {
            ImportFormat::OutlookComCsv
        } else {
            ImportFormat::OutlookDesktopCsv
        };
    }
    ImportFormat::GenericCsv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn csv_dialects_are_recognised_by_header_names_in_any_order() {
        assert_eq!(
            csv_format(&headers(
                "Labels,First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value"
            )),
            ImportFormat::GoogleCsv
        );
        assert_eq!(
            csv_format(&headers(
                "Name,Given Name,Additional Name,Family Name,E-mail 1 - Type"
            )),
            ImportFormat::GoogleCsvLegacy
        );
        assert_eq!(
            csv_format(&headers(
                "Title,First Name,Last Name,E-mail Address,E-mail Type,Categories"
            )),
            ImportFormat::OutlookDesktopCsv
        );
        assert_eq!(
            csv_format(&headers(
                "First Name,Last Name,E-mail Address,IMAddress,Given Yomi"
            )),
            ImportFormat::OutlookComCsv
        );
        assert_eq!(
            csv_format(&headers("Etunimi,Sukunimi,Sähköposti")),
            ImportFormat::GenericCsv
        );
    }

    #[test]
    fn binary_files_are_named_by_their_magic_bytes() {
        assert_eq!(sniff_binary(b"PK\x03\x04rest"), Some(BinaryKind::Zip));
        assert_eq!(sniff_binary(b"%PDF-1.7"), Some(BinaryKind::Pdf));
        assert_eq!(sniff_binary(b"First Name"), None);
    }

    #[test]
    fn web_pages_and_json_are_not_read_as_csv() {
        assert_eq!(
            sniff_text("\n<!DOCTYPE html><html>"),
            Err(ImportError::UnsupportedText {
                kind: TextKind::Html
            })
        );
        assert_eq!(
            sniff_text("[{\"name\": 1}]"),
            Err(ImportError::UnsupportedText {
                kind: TextKind::Json
            })
        );
        assert_eq!(sniff_text("\r\nbegin:vcard\r\n"), Ok(TextShape::VCard));
        assert_eq!(sniff_text("Name,E-mail"), Ok(TextShape::Csv));
    }
}
