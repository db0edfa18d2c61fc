//! Salutation formulas as Business Central keeps them (reference-bc.md §1.3): a text with
//! `%1`…`%9` slots, each filled by a name part chosen in the setup (job title, first name, …).

/// Fills a salutation formula: `%1`…`%9` become `parts[0]`…`parts[8]` (a missing part is empty).
///
/// An empty part must not leave its surrounding spaces behind, so that `Dear %1 %2,` with an
/// empty first name reads `Dear Virtanen,` and with an empty surname `Dear Aino,`. Only spaces
/// next to an empty slot are removed; the formula's own spacing is kept as written.
pub fn salutation(formula: &str, parts: &[&str]) -> String {
    let mut out = String::with_capacity(formula.len() + 32);
    // True right after an empty slot: the next literal decides which space to drop.
    let mut after_empty = false;
    let mut literal = String::new();
    let mut chars = formula.chars().peekable();
    while let Some(c) = chars.next() {
        let slot = match (c, chars.peek()) {
            ('%', Some(digit @ '1'..='9')) => Some(*digit as usize - '0' as usize),
            _ => None,
        };
        let Some(slot) = slot else {
            literal.push(c);
            continue;
        };
        chars.next();
        flush_literal(&mut out, &literal, after_empty);
        literal.clear();
        let value = parts.get(slot - 1).map_or("", |part| part.trim());
        if value.is_empty() {
            after_empty = true;
        } else {
            out.push_str(value);
            after_empty = false;
        }
    }
    flush_literal(&mut out, &literal, after_empty);
    out
}

/// Appends the literal text that follows a slot, dropping the space an empty slot left behind.
fn flush_literal(out: &mut String, literal: &str, after_empty: bool) {
    if !after_empty {
        out.push_str(literal);
        return;
    }
    let at_start_or_space = out.is_empty() || out.ends_with(char::is_whitespace);
    let rest = literal.trim_start();
    let closes = rest.is_empty() || rest.starts_with([',', '.', ';', ':', '!', '?']);
    if at_start_or_space && literal.starts_with(char::is_whitespace) {
        // "Dear ␣%1␣Virtanen": one of the two spaces around the empty slot goes.
        out.push_str(rest);
    } else if closes {
        // "Dear Aino␣%2," or "Dear Aino␣%2": the space before the empty slot goes.
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push_str(literal.trim_start());
    } else {
        out.push_str(literal);
    }
}

#[cfg(test)]
mod tests {
    use super::salutation;

    #[test]
    fn slots_are_filled_in_order() {
        assert_eq!(
            salutation("Dear %1 %2,", &["Aino", "Virtanen"]),
            "Dear Aino Virtanen,"
        );
        assert_eq!(
            salutation("Hyvä %2 %1", &["Aino", "Virtanen"]),
            "Hyvä Virtanen Aino"
        );
    }

    #[test]
    fn empty_parts_leave_no_double_spaces() {
        assert_eq!(
            salutation("Dear %1 %2,", &["", "Virtanen"]),
            "Dear Virtanen,"
        );
        assert_eq!(salutation("Dear %1 %2,", &["Aino", ""]), "Dear Aino,");
        assert_eq!(
            salutation("Dear %1 %2 %3,", &["", "", "Virtanen"]),
            "Dear Virtanen,"
        );
        assert_eq!(salutation("%1 %2", &["", "Virtanen"]), "Virtanen");
        assert_eq!(salutation("Dear %1 %2", &["Aino"]), "Dear Aino");
        assert_eq!(salutation("Dear %1 %2,", &[]), "Dear,");
    }

    #[test]
    fn other_percent_signs_stay() {
        assert_eq!(salutation("100% %0 %1", &["ok"]), "100% %0 ok");
    }
}
