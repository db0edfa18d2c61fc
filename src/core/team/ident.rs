//! Identities that no other browser can produce, and the short numbers people see.
//!
//! Inside one browser every record keeps the small dense id it always had (`ContactId(123)`):
//! the criteria engine's bit sets and the contact table's dense slots depend on ids being small
//! and consecutive, and every reference between records uses them. Those ids are *local*. When a
//! record leaves the browser it is named by its global identity, a [`Gid`]: the [`Origin`] of the
//! browser that created it (a random 32-bit number drawn once, when the browser first joins a
//! team) and the serial that browser gave it. A record this browser made has local id = serial
//! and needs no table; a record that arrived from a teammate gets a fresh local id and an
//! [`Alias`] record that ties the two together (see `TeamIds`).
//!
//! The number a person sees is made from the global identity: the short code of the member
//! whose browser created the record, then the serial (`CT-AV000123`). A browser that has never
//! joined a team shows the numbers it always showed (`CT000123`), and those stay findable after
//! it joins (`Db::find_no`). Two members may pick the same code; [`Members::display_code`]
//! then gives the later origin (in origin order, the same on every replica) a digit, so no two
//! records in a team's data ever show one number.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The random number that names one browser in a team. Never 0: 0 would be indistinguishable
/// from "not joined yet" in stored settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Origin(pub u32);

impl Origin {
    /// Draws an origin from a random source (an argument, so the core needs none of its own).
    pub fn draw(mut random: impl FnMut() -> u32) -> Origin {
        loop {
            let value = random();
            if value != 0 {
                return Origin(value);
            }
        }
    }

    /// The origin as it appears in document ids: eight hex digits.
    pub fn hex(self) -> String {
        format!("{:08x}", self.0)
    }

    pub fn parse_hex(text: &str) -> Option<Origin> {
        if text.len() != 8 {
            return None;
        }
        u32::from_str_radix(text, 16)
            .ok()
            .filter(|v| *v != 0)
            .map(Origin)
    }
}

/// The kinds of record that carry a numeric id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IdKind {
    Contact,
    Segment,
    LoggedSegment,
    Entry,
    Opportunity,
}

impl IdKind {
    pub const ALL: [IdKind; 5] = [
        IdKind::Contact,
        IdKind::Segment,
        IdKind::LoggedSegment,
        IdKind::Entry,
        IdKind::Opportunity,
    ];

    /// The prefix of this kind's numbers, as Business Central writes them.
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Contact => "CT",
            IdKind::Segment => "SEG",
            IdKind::LoggedSegment => "LSEG",
            IdKind::Entry => "IL",
            IdKind::Opportunity => "OP",
        }
    }

    /// The first part of this kind's document ids (`contact:…`).
    pub fn doc_kind(self) -> &'static str {
        match self {
            IdKind::Contact => "contact",
            IdKind::Segment => "segment",
            IdKind::LoggedSegment => "logged_segment",
            IdKind::Entry => "entry",
            IdKind::Opportunity => "opportunity",
        }
    }
}

/// A record's identity across the team: who made it, and their serial for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Gid {
    pub origin: Origin,
    pub serial: u32,
}

impl fmt::Display for Gid {
    /// The form used in document ids and in references inside document bodies: `0a1b2c3d-123`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.origin.hex(), self.serial)
    }
}

impl Gid {
    pub fn parse(text: &str) -> Option<Gid> {
        let (origin, serial) = text.split_once('-')?;
        Some(Gid {
            origin: Origin::parse_hex(origin)?,
            serial: serial.parse().ok().filter(|s| *s != 0)?,
        })
    }
}

/// A record of a teammate's id: the local id this browser gave a record that arrived from
/// another browser, and that record's global identity. Stored, one per such record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub kind: IdKind,
    pub local: u32,
    pub gid: Gid,
}

/// This browser's place in a team: its origin, the code and name it shows to teammates, and
/// how far it has shared. Absent until the browser first shares or receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSettings {
    pub origin: Origin,
    /// The short code in this browser's numbers (usually the user's salesperson code).
    pub code: String,
    /// Who shares from this browser, as teammates see it in "from whom".
    pub name: String,
    /// The replica sequence number of the last "Share changes": the next share starts after it.
    pub shared_seq: u64,
}

/// A member of the team as every replica knows it; travels as a document of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub origin: Origin,
    pub code: String,
    pub name: String,
}

/// The longest member code accepted, in characters: numbers stay short.
pub const MAX_MEMBER_CODE: usize = 6;

/// Normalises a member code: letters and digits only, upper case, at most
/// [`MAX_MEMBER_CODE`] characters. `None` if nothing usable is left.
pub fn member_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .take(MAX_MEMBER_CODE)
        .collect();
    (!code.is_empty()).then_some(code)
}

/// Every member this replica knows, by origin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Members(pub BTreeMap<Origin, Member>);

impl Members {
    /// The code shown in the numbers of records made by `origin`. Members that chose the same
    /// code are told apart by a digit, given in origin order, so every replica that knows the
    /// same members shows the same numbers. An origin nobody has introduced yet shows its hex.
    pub fn display_code(&self, origin: Origin) -> String {
        let Some(member) = self.0.get(&origin) else {
            return origin.hex().to_uppercase();
        };
        let rank = self
            .0
            .values()
            .filter(|m| m.code == member.code && m.origin < origin)
            .count();
        if rank == 0 {
            member.code.clone()
        } else {
            format!("{}{}", member.code, rank + 1)
        }
    }
}

/// The ties between local ids and global identities, both ways; rebuilt from [`Alias`] records.
#[derive(Debug, Clone, Default)]
pub struct TeamIds {
    to_gid: HashMap<(IdKind, u32), Gid>,
    to_local: HashMap<(IdKind, Gid), u32>,
}

impl TeamIds {
    pub fn insert(&mut self, alias: Alias) {
        self.to_gid.insert((alias.kind, alias.local), alias.gid);
        self.to_local.insert((alias.kind, alias.gid), alias.local);
    }

    pub fn remove(&mut self, kind: IdKind, local: u32) {
        if let Some(gid) = self.to_gid.remove(&(kind, local)) {
            self.to_local.remove(&(kind, gid));
        }
    }

    /// The global identity of a local id; `None` for a record this browser made.
    pub fn foreign(&self, kind: IdKind, local: u32) -> Option<Gid> {
        self.to_gid.get(&(kind, local)).copied()
    }

    /// The local id of a teammate's record, if it has one yet.
    pub fn local(&self, kind: IdKind, gid: Gid) -> Option<u32> {
        self.to_local.get(&(kind, gid)).copied()
    }

    /// Every tie, in kind and local id order, for a snapshot (the same data always writes the
    /// same bytes).
    pub fn aliases(&self) -> Vec<Alias> {
        let mut out: Vec<Alias> = self
            .to_gid
            .iter()
            .map(|((kind, local), gid)| Alias {
                kind: *kind,
                local: *local,
                gid: *gid,
            })
            .collect();
        out.sort_by_key(|a| (a.kind, a.local));
        out
    }

    pub fn len(&self) -> usize {
        self.to_gid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.to_gid.is_empty()
    }

    /// Every local id with the serial `serial` among teammates' records of one kind.
    pub fn with_serial(&self, kind: IdKind, serial: u32) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .to_gid
            .iter()
            .filter(|((k, _), gid)| *k == kind && gid.serial == serial)
            .map(|((_, local), _)| *local)
            .collect();
        out.sort_unstable();
        out
    }
}

/// Formats a number: the prefix, the member code when there is one, six digits of serial.
pub fn format_no(kind: IdKind, code: Option<&str>, serial: u32) -> String {
    match code {
        Some(code) => format!("{}-{}{:06}", kind.prefix(), code, serial),
        None => format!("{}{:06}", kind.prefix(), serial),
    }
}

/// A number as a person typed it, read back: `CT-AV000123`, `ct-av123`, `CT000123`, `ct123`.
/// Returns the member code (if the number has one) and the serial.
pub fn parse_no(kind: IdKind, text: &str) -> Option<(Option<String>, u32)> {
    let text = text.trim();
    let prefix = kind.prefix();
    let head = text.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = &text[prefix.len()..];
    if let Some(rest) = rest.strip_prefix('-') {
        // The code is letters and digits, and the serial is the digits at the end; a code that
        // ends in digits (AV2) is followed by exactly six digits of serial, as `format_no`
        // writes it, so the last six digits are the serial when there are more digits than six.
        let digits = rest.chars().rev().take_while(char::is_ascii_digit).count();
        let take = if digits > 6 { 6 } else { digits };
        if take == 0 {
            return None;
        }
        let (code, serial) = rest.split_at(rest.len() - take);
        let code = member_code(code)?;
        return Some((Some(code), serial.parse().ok()?));
    }
    Some((None, rest.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(origin: u32, code: &str) -> Member {
        Member {
            origin: Origin(origin),
            code: code.to_string(),
            name: String::new(),
        }
    }

    #[test]
    fn members_with_one_code_are_told_apart_in_origin_order() {
        let mut members = Members::default();
        for m in [member(9, "AV"), member(3, "AV"), member(5, "JO")] {
            members.0.insert(m.origin, m);
        }
        assert_eq!(members.display_code(Origin(3)), "AV");
        assert_eq!(members.display_code(Origin(9)), "AV2");
        assert_eq!(members.display_code(Origin(5)), "JO");
        assert_eq!(members.display_code(Origin(0xabc)), "00000ABC");
    }

    #[test]
    fn numbers_read_back_with_and_without_a_code() {
        assert_eq!(
            parse_no(IdKind::Contact, "ct-av000123"),
            Some((Some("AV".into()), 123))
        );
        assert_eq!(
            parse_no(IdKind::Contact, "CT-AV2000123"),
            Some((Some("AV2".into()), 123))
        );
        assert_eq!(
            parse_no(IdKind::Contact, "CT-AV7"),
            Some((Some("AV".into()), 7))
        );
        assert_eq!(parse_no(IdKind::Contact, "CT000123"), Some((None, 123)));
        assert_eq!(parse_no(IdKind::Segment, "CT000123"), None);
        assert_eq!(parse_no(IdKind::Contact, "CT-"), None);
        assert_eq!(format_no(IdKind::Contact, Some("AV2"), 123), "CT-AV2000123");
        assert_eq!(format_no(IdKind::Entry, None, 5), "IL000005");
    }

    #[test]
    fn identities_read_back_and_refuse_zero() {
        let gid = Gid {
            origin: Origin(0x0a1b2c3d),
            serial: 42,
        };
        assert_eq!(gid.to_string(), "0a1b2c3d-42");
        assert_eq!(Gid::parse("0a1b2c3d-42"), Some(gid));
        assert_eq!(Gid::parse("00000000-42"), None);
        assert_eq!(Gid::parse("0a1b2c3d-0"), None);
        assert_eq!(
            Origin::draw({
                let mut values = [0, 0, 7].into_iter();
                move || values.next().unwrap()
            }),
            Origin(7)
        );
    }

    #[test]
    fn member_codes_are_short_upper_case_letters_and_digits() {
        assert_eq!(member_code(" a-v "), Some("AV".into()));
        assert_eq!(member_code("äijä1234567"), Some("ÄIJÄ12".into()));
        assert_eq!(member_code("--"), None);
    }
}
