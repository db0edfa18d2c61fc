//! New ids for a letter that joins a combined document (issue 13 item 1).
//!
//! Every letter merged from one template carries the same ids: footnote 1, comment 0, bookmark
//! `_GoBack`, drawing 1, list 1. In one document those must differ, or letter 2's footnote
//! reference shows letter 1's footnote (LibreOffice shows an empty "2"), Word reports the file as
//! damaged, and a numbered list continues from the previous letter instead of starting at 1.
//! [`LetterIds`] gives one letter fresh ids, the same new id for every use of one old id within
//! the letter (so a reference still finds its note, a bookmark's end its start, a link its
//! bookmark), and [`Ids`] remembers what the document already uses.

use std::collections::{BTreeSet, HashMap};

use super::xml::{escape_into, unescape, Tok, TokKind};

/// A tokenized XML part and its WordprocessingML prefix.
#[derive(Clone, Copy)]
pub(crate) struct XmlPart<'a> {
    pub src: &'a str,
    pub toks: &'a [Tok],
    pub w: &'a str,
}

/// What the combined document uses so far.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    /// Next free `w:id` (bookmarks, notes, comments, revisions share one counter, which keeps
    /// each group unique too).
    next_id: i64,
    next_drawing: u64,
    next_num: u64,
    names: BTreeSet<String>,
}

/// Old id to new id, per kind of thing an id names. The kinds are separate because a letter's
/// comment 0 and bookmark 0 are different things.
#[derive(Debug, Default)]
pub(crate) struct LetterIds {
    suffix: String,
    footnotes: HashMap<String, String>,
    endnotes: HashMap<String, String>,
    comments: HashMap<String, String>,
    bookmarks: HashMap<String, String>,
    others: HashMap<String, String>,
    names: HashMap<String, String>,
    /// Numbering instances the letter uses, old and new `numId`, in order of first use.
    pub nums: Vec<(String, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Footnote,
    Endnote,
    Comment,
    Bookmark,
    Other,
}

fn group(local: &str) -> Group {
    match local {
        "footnoteReference" | "footnote" => Group::Footnote,
        "endnoteReference" | "endnote" => Group::Endnote,
        "commentRangeStart" | "commentRangeEnd" | "commentReference" | "comment" => Group::Comment,
        "bookmarkStart" | "bookmarkEnd" => Group::Bookmark,
        _ => Group::Other,
    }
}

/// The attributes of a start or empty tag: each key and the byte range of its (escaped) value.
fn attributes(tag: &str) -> Vec<(&str, (usize, usize))> {
    let mut out = Vec::new();
    let bytes = tag.as_bytes();
    let mut at = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    while at < bytes.len() {
        let Some(equals) = tag[at..].find('=').map(|i| at + i) else {
            break;
        };
        let key = tag[at..equals].trim();
        let Some(open) = tag[equals + 1..].find(['"', '\'']).map(|i| equals + 1 + i) else {
            break;
        };
        let quote = bytes[open] as char;
        let Some(close) = tag[open + 1..].find(quote).map(|i| open + 1 + i) else {
            break;
        };
        out.push((key, (open + 1, close)));
        at = close + 1;
    }
    out
}

fn value<'a>(tag: &'a str, attributes: &[(&str, (usize, usize))], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, (start, end))| &tag[*start..*end])
}

impl Ids {
    /// Takes note of the ids the part `src[range]` already uses (the first letter's parts,
    /// which keep theirs), so that later letters get others.
    pub(crate) fn reserve(&mut self, src: &str, toks: &[Tok], w: &str) {
        let id_key = format!("{w}id");
        let name_key = format!("{w}name");
        let val_key = format!("{w}val");
        for tok in toks {
            if !matches!(tok.kind, TokKind::Start | TokKind::Empty) {
                continue;
            }
            let local = &*tok.local;
            if local == "docPr" {
                let tag = &src[tok.start..tok.end];
                if let Some(id) =
                    value(tag, &attributes(tag), "id").and_then(|v| v.parse::<u64>().ok())
                {
                    self.next_drawing = self.next_drawing.max(id + 1);
                }
                continue;
            }
            if !tok.w {
                continue;
            }
            let tag = &src[tok.start..tok.end];
            if !tag.contains("id=") && !tag.contains("val=") {
                continue;
            }
            let attributes = attributes(tag);
            if let Some(id) = value(tag, &attributes, &id_key).and_then(|v| v.parse::<i64>().ok()) {
                self.next_id = self.next_id.max(id + 1);
            }
            if local == "bookmarkStart" {
                if let Some(name) = value(tag, &attributes, &name_key) {
                    self.names.insert(unescape(name).into_owned());
                }
            }
            if local == "numId" {
                if let Some(num) =
                    value(tag, &attributes, &val_key).and_then(|v| v.parse::<u64>().ok())
                {
                    self.next_num = self.next_num.max(num + 1);
                }
            }
        }
    }

    /// Takes note of the numbering instances a numbering part defines.
    pub(crate) fn reserve_numbering(&mut self, src: &str, toks: &[Tok], w: &str) {
        let key = format!("{w}numId");
        for tok in toks {
            if matches!(tok.kind, TokKind::Start | TokKind::Empty) && tok.is_w("num") {
                let tag = &src[tok.start..tok.end];
                if let Some(num) =
                    value(tag, &attributes(tag), &key).and_then(|v| v.parse::<u64>().ok())
                {
                    self.next_num = self.next_num.max(num + 1);
                }
            }
        }
    }

    fn fresh_id(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        id.to_string()
    }

    /// A bookmark name not used yet: the old name with the letter's number, cut so that the
    /// result stays within Word's 40 characters.
    fn fresh_name(&mut self, old: &str, letter: usize) -> String {
        let mut attempt = 0;
        loop {
            let suffix = if attempt == 0 {
                format!("_{letter}")
            } else {
                format!("_{letter}_{attempt}")
            };
            let keep = 40usize.saturating_sub(suffix.chars().count());
            let name: String = old.chars().take(keep).chain(suffix.chars()).collect();
            if self.names.insert(name.clone()) {
                return name;
            }
            attempt += 1;
        }
    }
}

impl LetterIds {
    /// Ids for letter `index` (0-based) of the combined document.
    pub(crate) fn new(index: usize) -> Self {
        LetterIds {
            suffix: (index + 1).to_string(),
            ..LetterIds::default()
        }
    }

    /// Whether the letter refers to notes or comments of this group.
    pub(crate) fn uses(&self, group: Group) -> bool {
        !self.map(group).is_empty()
    }

    /// The new id of note or comment `old`, if the letter refers to it.
    pub(crate) fn new_id(&self, group: Group, old: &str) -> Option<&str> {
        self.map(group).get(old).map(String::as_str)
    }

    fn map(&self, group: Group) -> &HashMap<String, String> {
        match group {
            Group::Footnote => &self.footnotes,
            Group::Endnote => &self.endnotes,
            Group::Comment => &self.comments,
            Group::Bookmark => &self.bookmarks,
            Group::Other => &self.others,
        }
    }

    fn map_mut(&mut self, group: Group) -> &mut HashMap<String, String> {
        match group {
            Group::Footnote => &mut self.footnotes,
            Group::Endnote => &mut self.endnotes,
            Group::Comment => &mut self.comments,
            Group::Bookmark => &mut self.bookmarks,
            Group::Other => &mut self.others,
        }
    }

    /// Gives the letter's bookmarks in `toks` new names before anything is rewritten, so that a
    /// link that comes before its bookmark is renamed too.
    pub(crate) fn rename_bookmarks(&mut self, ids: &mut Ids, src: &str, toks: &[Tok], w: &str) {
        let key = format!("{w}name");
        for tok in toks {
            if matches!(tok.kind, TokKind::Start | TokKind::Empty) && tok.is_w("bookmarkStart") {
                let tag = &src[tok.start..tok.end];
                if let Some(name) = value(tag, &attributes(tag), &key) {
                    let name = unescape(name).into_owned();
                    if !self.names.contains_key(&name) {
                        let letter = self.suffix.parse().unwrap_or(0);
                        let new = ids.fresh_name(&name, letter);
                        self.names.insert(name, new);
                    }
                }
            }
        }
    }

    /// Appends `src[range]` to `out` with the letter's new ids: `w:id` of bookmarks, notes,
    /// comments and revisions, bookmark names and the links to them, drawing ids, numbering
    /// instances, and relationship ids that `relationships` maps to new ones.
    pub(crate) fn rewrite(
        &mut self,
        ids: &mut Ids,
        part: XmlPart<'_>,
        range: (usize, usize),
        relationships: &HashMap<String, String>,
        out: &mut String,
    ) {
        let XmlPart { src, toks, w } = part;
        let first = toks.partition_point(|tok| tok.start < range.0);
        let mut position = range.0;
        for tok in &toks[first..] {
            if tok.end > range.1 {
                break;
            }
            if !matches!(tok.kind, TokKind::Start | TokKind::Empty) {
                continue;
            }
            let local = &*tok.local;
            let tag = &src[tok.start..tok.end];
            let relevant = (local == "docPr")
                || (tok.w
                    && (tag.contains("id=")
                        || local == "numId"
                        || (local == "hyperlink" && tag.contains("anchor="))))
                || (!relationships.is_empty() && tag.contains("r:"));
            if !relevant {
                continue;
            }
            let attributes = attributes(tag);
            let mut changes: Vec<((usize, usize), String)> = Vec::new();
            for &(key, range) in &attributes {
                let old = &tag[range.0..range.1];
                let (prefix, name) = key.split_once(':').unwrap_or(("", key));
                let in_w = tok.w && w.strip_suffix(':').unwrap_or(w) == prefix;
                if local == "docPr" && key == "id" {
                    changes.push((range, ids.next_drawing.to_string()));
                    ids.next_drawing += 1;
                } else if in_w && name == "id" {
                    let group = group(local);
                    if let Some(new) = self.map(group).get(old) {
                        changes.push((range, new.clone()));
                    } else {
                        let new = ids.fresh_id();
                        self.map_mut(group).insert(old.to_string(), new.clone());
                        changes.push((range, new));
                    }
                } else if in_w
                    && ((local == "bookmarkStart" && name == "name")
                        || (local == "hyperlink" && name == "anchor"))
                {
                    if let Some(new) = self.names.get(&*unescape(old)) {
                        let mut escaped = String::new();
                        escape_into(&mut escaped, new);
                        changes.push((range, escaped));
                    }
                } else if in_w && local == "id" && name == "val" {
                    // A content control's id (`w:sdtPr/w:id`).
                    let new = self
                        .others
                        .entry(format!("sdt {old}"))
                        .or_insert_with(|| ids.fresh_id())
                        .clone();
                    changes.push((range, new));
                } else if in_w && local == "numId" && name == "val" && old != "0" {
                    let new = match self.nums.iter().find(|(known, _)| known == old) {
                        Some((_, new)) => new.clone(),
                        None => {
                            // numId 0 means "no list", so new instances start at 1.
                            let number = ids.next_num.max(1);
                            ids.next_num = number + 1;
                            let new = number.to_string();
                            self.nums.push((old.to_string(), new.clone()));
                            new
                        }
                    };
                    changes.push((range, new));
                } else if prefix == "r" {
                    if let Some(new) = relationships.get(old) {
                        changes.push((range, new.clone()));
                    }
                }
            }
            if changes.is_empty() {
                continue;
            }
            out.push_str(&src[position..tok.start]);
            let mut inner = 0;
            for ((start, end), new) in changes {
                out.push_str(&tag[inner..start]);
                out.push_str(&new);
                inner = end;
            }
            out.push_str(&tag[inner..]);
            position = tok.end;
        }
        out.push_str(&src[position..range.1]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::docx::xml::tokenize;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="wp" xmlns:r="r""#;

    #[test]
    fn a_later_letter_gets_fresh_ids_that_still_pair_up() {
        let first = format!(
            r#"<w:body {W}><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><wp:docPr id="1" name="x"/><w:footnoteReference w:id="1"/><w:numId w:val="1"/></w:body>"#
        );
        let tokens = tokenize("first", &first).unwrap();
        let mut ids = Ids::default();
        ids.reserve(&first, &tokens.toks, &tokens.w);

        let second = format!(
            r#"<w:body {W}><w:hyperlink w:anchor="_GoBack"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:commentRangeStart w:id="0"/><wp:docPr id="1" name="x"/><w:footnoteReference w:id="1"/><w:numId w:val="1"/><w:numId w:val="0"/><w:r r:id="rId4"/></w:body>"#
        );
        let tokens = tokenize("second", &second).unwrap();
        let mut letter = LetterIds::new(1);
        letter.rename_bookmarks(&mut ids, &second, &tokens.toks, &tokens.w);
        let mut out = String::new();
        let relationships = HashMap::from([("rId4".to_string(), "rIdL2rId4".to_string())]);
        let part = XmlPart {
            src: &second,
            toks: &tokens.toks,
            w: &tokens.w,
        };
        letter.rewrite(&mut ids, part, (0, second.len()), &relationships, &mut out);
        assert_eq!(
            out,
            format!(
                r#"<w:body {W}><w:hyperlink w:anchor="_GoBack_2"/><w:bookmarkStart w:id="2" w:name="_GoBack_2"/><w:bookmarkEnd w:id="2"/><w:commentRangeStart w:id="3"/><wp:docPr id="2" name="x"/><w:footnoteReference w:id="4"/><w:numId w:val="2"/><w:numId w:val="0"/><w:r r:id="rIdL2rId4"/></w:body>"#
            )
        );
        assert_eq!(letter.new_id(Group::Footnote, "1"), Some("4"));
        assert_eq!(letter.nums, vec![("1".to_string(), "2".to_string())]);
    }
}
