//! Fields in link targets (issue 13 item 2): `{{email}}` in a hyperlink's relationship target
//! (`mailto:{{email}}`) or in a `HYPERLINK` field instruction is merged like any other field,
//! but percent-encoded, because it goes into a URL: a space or an `ä` would otherwise make the
//! link unusable, and a `"` or `&` could end the address or add a parameter of its own.
//!
//! How much is encoded depends on where the field stands in the URL. A field that is the whole
//! target (`{{website}}`) is a URL itself and keeps its `:` and `/`. A field in the path
//! (`mailto:{{email}}`, `https://example.com/offers/{{name}}`) keeps what a path segment may
//! hold unencoded, so an address keeps its `@`, but a `/`, `?`, `&`, `=` or `#` in the value is
//! encoded. A field in the query or fragment (`?subject={{document.subject}}`) also has its
//! `&`, `=` and `+` encoded.
//!
//! This file only says how such a value is written. Finding the fields is the work of
//! [`super::part`], in `HYPERLINK` instructions and in the targets of a `.rels` part alike, and
//! the holes it makes carry an [`Encoding`] from here; so the part imports this file and never
//! the other way round.

use super::xml;

/// Where in a URL a field's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlPart {
    Whole,
    Path,
    Query,
}

/// How a merged value is written where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Percent-encoded for its place in a URL.
    Url(UrlPart),
    /// Plain text in a field instruction (not a link): escaped, line breaks as spaces.
    Instruction,
    /// Plain text in an attribute: also `"` escaped.
    Attribute,
}

impl UrlPart {
    /// The part of a URL a value goes into, from the URL's text before it.
    pub(crate) fn after(before: &str) -> UrlPart {
        if before.trim().is_empty() {
            UrlPart::Whole
        } else if before.contains(['?', '#']) {
            UrlPart::Query
        } else {
            UrlPart::Path
        }
    }

    /// ASCII characters besides letters, digits and `-._~` that stay as they are.
    fn kept(self) -> &'static str {
        match self {
            UrlPart::Whole => ":/?#[]@!$&'()*+,;=",
            UrlPart::Path => ":@!$'()*,;",
            UrlPart::Query => ":@!$'()*,;/?",
        }
    }

    /// The value percent-encoded (UTF-8) for this part of a URL. `%` is always encoded: the
    /// value is text, not an already encoded URL.
    pub(crate) fn encode(self, value: &str) -> String {
        let kept = self.kept();
        let mut out = String::with_capacity(value.len() + 8);
        let value = if self == UrlPart::Whole {
            value.trim()
        } else {
            value
        };
        for byte in value.bytes() {
            let c = byte as char;
            if c.is_ascii_alphanumeric() || "-._~".contains(c) || kept.contains(c) {
                out.push(c);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }
}

impl Encoding {
    /// The value as it is written into the part's XML.
    pub(crate) fn write(self, out: &mut String, value: &str) {
        match self {
            Encoding::Url(part) => xml::escape_into(out, &part.encode(value)),
            Encoding::Instruction | Encoding::Attribute => {
                let flat: String = value
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                if self == Encoding::Attribute {
                    for (index, piece) in flat.split('"').enumerate() {
                        if index > 0 {
                            out.push_str("&quot;");
                        }
                        xml::escape_into(out, piece);
                    }
                } else {
                    xml::escape_into(out, &flat);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded_for_their_place_in_the_url() {
        let value = "Chloé Martin/ä & b=c?#%@x.fr";
        assert_eq!(
            UrlPart::Path.encode(value),
            "Chlo%C3%A9%20Martin%2F%C3%A4%20%26%20b%3Dc%3F%23%25@x.fr"
        );
        assert_eq!(
            UrlPart::Query.encode(value),
            "Chlo%C3%A9%20Martin/%C3%A4%20%26%20b%3Dc?%23%25@x.fr"
        );
        assert_eq!(
            UrlPart::Whole.encode(" https://example.com/a b?x=ä "),
            "https://example.com/a%20b?x=%C3%A4"
        );
        assert_eq!(UrlPart::after(""), UrlPart::Whole);
        assert_eq!(UrlPart::after("mailto:"), UrlPart::Path);
        assert_eq!(UrlPart::after("mailto:a@b?subject="), UrlPart::Query);
    }
}
