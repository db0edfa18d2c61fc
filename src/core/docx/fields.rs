//! Classic Word merge fields: reading a field instruction (`MERGEFIELD "Mail Address" \* Upper`)
//! and mapping Word's field names onto ours.
//!
//! A main document from Word's own mail merge names its fields after the columns of the data
//! source it was made with (`First_Name`, `"Mail Address"`, `Company`), and Business Central's
//! documents use translated captions (reference-bc.md §4.2). Both are matched case-insensitively,
//! ignoring `_`, spaces, `-` and `.`, against our names and a table of common aliases.

use crate::core::letter::{ATTR_PREFIX, KNOWN_FIELDS};

/// What a field instruction asks for, as far as merging is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Instruction {
    /// `MERGEFIELD`, `ADDRESSBLOCK` or `GREETINGLINE`: replaced by a value.
    Merge(MergeInstruction),
    /// Any other field (`PAGE`, `DATE`, `IF`…): left exactly as it is.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MergeInstruction {
    /// The name as Word shows it (`First_Name`, `Mail Address`, `ADDRESSBLOCK`).
    pub word_name: String,
    /// Our field, or `None` when the name matches none of them.
    pub field: Option<String>,
    pub case: Case,
    /// `\b`: text printed before the value, only when there is a value.
    pub before: String,
    /// `\f`: text printed after the value, only when there is a value.
    pub after: String,
}

/// The `\*` text format switches that change letters' case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Case {
    #[default]
    AsIs,
    Upper,
    Lower,
    FirstCap,
    Caps,
}

impl Case {
    pub(crate) fn apply(self, value: &str) -> String {
        match self {
            Case::AsIs => value.to_string(),
            Case::Upper => value.to_uppercase(),
            Case::Lower => value.to_lowercase(),
            Case::FirstCap => {
                let mut chars = value.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
            Case::Caps => {
                let mut out = String::with_capacity(value.len());
                let mut at_word_start = true;
                for c in value.chars() {
                    if at_word_start {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                    at_word_start = c.is_whitespace() || c == '-';
                }
                out
            }
        }
    }
}

/// Splits an instruction into words; `"quoted words"` are one word, with `\"` and `\\` inside.
fn words(instruction: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = instruction.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        if c == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' if matches!(chars.peek(), Some('"' | '\\')) => {
                        word.extend(chars.next());
                    }
                    c => word.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        words.push(word);
    }
    words
}

pub(crate) fn parse_instruction(instruction: &str) -> Instruction {
    let words = words(instruction);
    let Some(kind) = words.first() else {
        return Instruction::Other;
    };
    let (word_name, switches) = match kind.to_ascii_uppercase().as_str() {
        "MERGEFIELD" => match words.get(1) {
            Some(name) if !name.starts_with('\\') => (name.clone(), &words[2..]),
            _ => return Instruction::Other,
        },
        "ADDRESSBLOCK" => ("ADDRESSBLOCK".to_string(), &words[1..]),
        "GREETINGLINE" => ("GREETINGLINE".to_string(), &words[1..]),
        _ => return Instruction::Other,
    };
    let mut merge = MergeInstruction {
        field: word_field_to_ours(&word_name),
        word_name,
        case: Case::AsIs,
        before: String::new(),
        after: String::new(),
    };
    // ADDRESSBLOCK and GREETINGLINE use \f and \b for their own formats, not for affixes.
    let affixes = merge.word_name != "ADDRESSBLOCK" && merge.word_name != "GREETINGLINE";
    let mut switches = switches.iter();
    while let Some(switch) = switches.next() {
        match switch.as_str() {
            "\\*" => match switches.next().map(|s| s.to_ascii_lowercase()).as_deref() {
                Some("upper") => merge.case = Case::Upper,
                Some("lower") => merge.case = Case::Lower,
                Some("firstcap") => merge.case = Case::FirstCap,
                Some("caps") => merge.case = Case::Caps,
                _ => {}
            },
            "\\b" if affixes => merge.before = switches.next().cloned().unwrap_or_default(),
            "\\f" if affixes => merge.after = switches.next().cloned().unwrap_or_default(),
            "\\b" | "\\f" | "\\@" | "\\#" | "\\l" | "\\c" | "\\e" | "\\d" => {
                switches.next();
            }
            _ => {}
        }
    }
    Instruction::Merge(merge)
}

/// Word field names (data source columns, Word's address fields, Business Central captions)
/// that do not simply spell one of our names, normalised as [`normalise`] does.
const ALIASES: &[(&str, &str)] = &[
    ("firstname", "first_name"),
    ("givenname", "first_name"),
    ("lastname", "surname"),
    ("familyname", "surname"),
    ("fullname", "name"),
    ("contactname", "name"),
    ("company", "company_name"),
    ("organization", "company_name"),
    ("organisation", "company_name"),
    ("addressblock", "mail_address"),
    ("mailaddress", "mail_address"),
    ("contactmailaddress", "mail_address"),
    ("mailingaddress", "mail_address"),
    ("postaladdress", "mail_address"),
    ("greetingline", "formal_salutation"),
    ("salutation", "formal_salutation"),
    ("address1", "address"),
    ("addressline1", "address"),
    ("street", "address"),
    ("streetaddress", "address"),
    ("addressline2", "address_2"),
    ("postalcode", "post_code"),
    ("zip", "post_code"),
    ("zipcode", "post_code"),
    ("state", "county"),
    ("province", "county"),
    ("region", "county"),
    ("countryorregion", "country"),
    ("countryregion", "country"),
    ("countryregionname", "country"),
    ("emailaddress", "email"),
    ("mail", "email"),
    ("phoneno", "phone"),
    ("phonenumber", "phone"),
    ("workphone", "phone"),
    ("businessphone", "phone"),
    ("homephone", "phone"),
    ("telephone", "phone"),
    ("contactno", "contact.no"),
    ("contactnumber", "contact.no"),
    ("salespersonphoneno", "salesperson.phone"),
    ("documentsegmentno", "segment.no"),
    ("comments", "comment"),
];

/// Lower case without `_`, spaces, `-` and `.`: `First_Name`, `FirstName` and `first name` agree.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | ' ' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Our field for a Word merge field name, if any.
pub fn word_field_to_ours(word_name: &str) -> Option<String> {
    let trimmed = word_name.trim();
    if trimmed.len() > ATTR_PREFIX.len()
        && trimmed[..ATTR_PREFIX.len()].eq_ignore_ascii_case(ATTR_PREFIX)
    {
        return Some(format!("{ATTR_PREFIX}{}", &trimmed[ATTR_PREFIX.len()..]));
    }
    let key = normalise(trimmed);
    if key.is_empty() {
        return None;
    }
    KNOWN_FIELDS
        .iter()
        .find(|known| normalise(known) == key)
        .map(|known| known.to_string())
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, ours)| ours.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(instruction: &str) -> MergeInstruction {
        match parse_instruction(instruction) {
            Instruction::Merge(merge) => merge,
            Instruction::Other => panic!("not a merge field: {instruction}"),
        }
    }

    #[test]
    fn word_names_map_to_ours() {
        for (word, ours) in [
            ("First_Name", "first_name"),
            ("FirstName", "first_name"),
            ("First Name", "first_name"),
            ("Last_Name", "surname"),
            ("Surname", "surname"),
            ("Company", "company_name"),
            ("Company_Name", "company_name"),
            ("Address_Block", "mail_address"),
            ("Mail Address", "mail_address"),
            ("Greeting_Line", "formal_salutation"),
            ("Email_Address", "email"),
            ("E-mail", "email"),
            ("City", "city"),
            ("Postal_Code", "post_code"),
            ("ZIP", "post_code"),
            ("Country_or_Region", "country"),
            ("Job_Title", "job_title"),
            ("Salesperson Name", "salesperson.name"),
            ("attr.Customer since", "attr.Customer since"),
        ] {
            assert_eq!(word_field_to_ours(word).as_deref(), Some(ours), "{word}");
        }
        assert_eq!(word_field_to_ours("Shoe_Size"), None);
    }

    #[test]
    fn instructions_are_read_with_quotes_and_switches() {
        let m = merge(r#" MERGEFIELD "Mail Address" \* MERGEFORMAT "#);
        assert_eq!(
            (m.word_name.as_str(), m.field.as_deref()),
            ("Mail Address", Some("mail_address"))
        );
        let m = merge(r#"MERGEFIELD City \b "in " \f "!" \* Upper"#);
        assert_eq!(
            (m.before.as_str(), m.after.as_str(), m.case),
            ("in ", "!", Case::Upper)
        );
        assert_eq!(
            merge(" ADDRESSBLOCK \\f \"<<_FIRST0_>>\" ")
                .field
                .as_deref(),
            Some("mail_address")
        );
        assert_eq!(
            parse_instruction(" PAGE   \\* MERGEFORMAT "),
            Instruction::Other
        );
        assert_eq!(
            parse_instruction(" DATE \\@ \"d.M.yyyy\" "),
            Instruction::Other
        );
        assert_eq!(parse_instruction(""), Instruction::Other);
    }

    #[test]
    fn case_switches_change_case() {
        assert_eq!(
            Case::Caps.apply("anna-liisa von bülow"),
            "Anna-Liisa Von Bülow"
        );
        assert_eq!(Case::FirstCap.apply("ärrä"), "Ärrä");
        assert_eq!(Case::Upper.apply("straße"), "STRASSE");
    }
}
