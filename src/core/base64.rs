//! Standard base64 (RFC 4648, with padding), which every tool reads: e-mail attachments, images
//! inlined into the HTML letter view, CouchDB's basic authentication and attachments, the raw
//! export of a damaged store and the letters inside an exchange file all use this one alphabet.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The bytes as base64 text, padded with `=` to a multiple of four characters.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Where base64 text stops being base64: the byte offset of the first character that is not in
/// the alphabet or is padding in the wrong place, or the text's length when it ends mid-group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotBase64 {
    pub at: usize,
}

/// The bytes of base64 text. Line breaks and spaces between groups (as in e-mail) are skipped;
/// anything else outside the alphabet is refused with its position.
pub fn decode(text: &str) -> Result<Vec<u8>, NotBase64> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut group = [0u8; 4];
    let mut filled = 0;
    let mut padding = 0;
    for (at, c) in text.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' if filled >= 2 => {
                padding += 1;
                0
            }
            b'\r' | b'\n' | b' ' | b'\t' if filled == 0 => continue,
            _ => return Err(NotBase64 { at }),
        };
        if padding > 0 && c != b'=' {
            return Err(NotBase64 { at });
        }
        group[filled] = value;
        filled += 1;
        if filled == 4 {
            let n = group.iter().fold(0u32, |n, &v| (n << 6) | u32::from(v));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&bytes[..3 - padding]);
            filled = 0;
            if padding > 0 {
                // Padding ends the text; only white space may follow.
                let rest = &text.as_bytes()[at + 1..];
                if let Some(offset) = rest.iter().position(|b| !b.is_ascii_whitespace()) {
                    return Err(NotBase64 {
                        at: at + 1 + offset,
                    });
                }
                return Ok(out);
            }
        }
    }
    if filled != 0 {
        return Err(NotBase64 { at: text.len() });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, NotBase64};

    #[test]
    fn the_rfc_4648_examples_encode_and_decode() {
        for (raw, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(raw.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), raw.as_bytes());
        }
    }

    #[test]
    fn every_byte_value_comes_back_and_line_breaks_between_groups_are_skipped() {
        let bytes: Vec<u8> = (0..=255).collect();
        let coded = encode(&bytes);
        assert_eq!(decode(&coded).unwrap(), bytes);
        let wrapped: String = coded
            .as_bytes()
            .chunks(76)
            .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
            .collect();
        assert_eq!(decode(&wrapped).unwrap(), bytes);
    }

    #[test]
    fn text_that_is_not_base64_is_refused_where_it_stops() {
        assert_eq!(decode("Zm9v!mFy"), Err(NotBase64 { at: 4 }));
        assert_eq!(decode("Zm9vY"), Err(NotBase64 { at: 5 }));
        assert_eq!(decode("Zg==Zm9v"), Err(NotBase64 { at: 4 }));
        assert_eq!(decode("Z==="), Err(NotBase64 { at: 1 }));
    }
}
