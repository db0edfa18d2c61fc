//! Business Central's filter-expression language, parsed once into a typed [`Filter`] and then
//! matched against many values.
//!
//! Users of Business Central type filters such as `A|B`, `<>A`, `1000..2000` or `@*oy*` into any
//! field, so Segmentti accepts the same language (product.md §3). This module owns the syntax, the
//! positioned errors and the matching rules; which field a filter applies to is the caller's
//! business (see [`crate::core::condition`]).
//!
//! # Syntax
//!
//! | written | means |
//! | --- | --- |
//! | `A` or `=A` | equal to A |
//! | `<>A` | not equal to A (an empty value is "not equal" too) |
//! | `<A` `<=A` `>A` `>=A` | compared with A |
//! | `A..B`, `..B`, `A..` | from A to B, both ends included; an open end is unbounded |
//! | `*part*`, `part*`, `p?rt` | wildcards, text only: `*` any run of characters, `?` exactly one |
//! | `''` | the empty value; `<>''` any value that is not empty |
//! | `@A` | compare text case-insensitively (also `<>@A`, `@<>A`, `@*a*`, `@A..B`) |
//! | `X&Y` | both; `X|Y` either; `&` binds tighter than `|`; `( )` group |
//! | `'a|b'` | quoted, everything inside is literal; `''` inside quotes is one quote |
//!
//! Decisions where Business Central leaves room, or where this implementation chose the simple
//! and explainable rule:
//!
//! * **Text** equality is exact and case-sensitive unless `@` is given; wildcards act only when
//!   `*` or `?` is written outside quotes. Ordering (`<`, `..`) is by Unicode code point, after
//!   lowercasing with `@`. Whitespace at the two ends of an unquoted value is trimmed, whitespace
//!   inside it is kept, and quotes keep everything (`' Oy '`). Quoted and unquoted parts join into
//!   one value, so `*'a|b'*` finds text containing `a|b`. Inside an unquoted value, `''` is an
//!   apostrophe (`O''Brien`). A value that itself starts with `@`, or contains `| & ( ) < > =` or
//!   `..`, must be quoted: see [`quote`].
//! * **Numbers** accept `1000`, `-3`, `+3`, `1000.5`, `1000,5`, and spaces grouping thousands
//!   (`1 000,50`, also no-break spaces). `.` is always the decimal point. `,` is the decimal point
//!   when it is the only separator, except that a comma followed by exactly three digits after a
//!   short integer part (`1,000`) is refused as ambiguous, because English writes that for one
//!   thousand and Finnish for one. Exponents, `inf` and `NaN` are refused.
//! * **Dates** accept ISO `2026-01-31` and Finnish/European `31.1.2026` / `31.01.2026`, with a
//!   four-digit year. Relative dates (`t`, `today`) need the current date and are not supported.
//! * **Booleans** accept `Yes`, `No`, `true`, `false`, `1`, `0`, `Kyllä`, `Ei` in any case, with
//!   `=`, `<>` and `''` only.
//! * `@` on a number, date or boolean is accepted and changes nothing.
//! * A range whose start is after its end is accepted and matches nothing, as in Business Central.
//!
//! # Matching
//!
//! [`Value::Empty`] and the empty text `""` are the same "empty" value. It matches `''`, `<>''` is
//! its negation, and `<>X` matches it for every non-empty `X`; every other comparison, range and
//! wildcard (even a lone `*`) is false for it, so `*` means "any value" and never "blank".
//! A value of another kind than the filter (a text value for a number filter) is treated like an
//! empty one: `<>X` matches it and nothing else does. `<>X` is always exactly the negation of `X`.

use crate::core::problem::ProblemCode;
use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The type of the field a filter is written for; it decides how operands are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Bool,
}

/// The value of one field of one record, as the filter sees it.
///
/// `Text("")` and `Empty` are treated alike. The type only borrows, so it is built afresh for each
/// match and not stored; for that reason it is serialisable but not deserialisable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Value<'a> {
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    Empty,
}

/// A parsed, typed filter expression for one [`FieldKind`].
///
/// It serialises as its kind and source text and is parsed again when deserialised, so a stored
/// filter can never hold a tree that its text would not produce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StoredFilter", into = "StoredFilter")]
pub struct Filter {
    source: String,
    kind: FieldKind,
    root: Node,
}

/// Why an expression could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterError {
    /// The 0-based index, in characters (not bytes), into the expression where the problem is.
    pub position: usize,
    pub kind: FilterErrorKind,
}

/// What is wrong with an expression. The UI words each variant through [`FilterErrorKind::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterErrorKind {
    /// The expression is empty or only whitespace. Callers treat an empty field as "no filter"
    /// before parsing, so this is reached only by mistake.
    Empty,
    /// The expression ends where a value or a closing parenthesis was still needed (`A|`, `<`).
    UnexpectedEnd,
    /// Something stands where it cannot (`A<B`, `<>1..5`, `(A)B`); the text of the token is given.
    UnexpectedToken(String),
    /// `|` or `&` has nothing on one side (`A||B`, `|A`, `()`).
    EmptyAlternative,
    /// An operator (`<`, `<>`, `@` …) has no value after it (`<|5`).
    MissingValue,
    /// A quote was opened and never closed; the position is that of the opening quote.
    UnbalancedQuote,
    /// A `(` was never closed; the position is that of the `(`.
    UnclosedParenthesis,
    /// A `)` has no `(` before it.
    UnmatchedClosingParenthesis,
    /// Parentheses are nested deeper than anyone writes by hand.
    TooDeeplyNested,
    /// `..` with neither a start nor an end.
    RangeWithoutBounds,
    /// The text is not a number.
    BadNumber(String),
    /// A comma followed by three digits (`1,000`) could mean a thousand or one.
    AmbiguousNumber(String),
    /// The text is not a date in a supported format, or no such day exists.
    BadDate(String),
    /// The text is not one of the accepted yes/no words.
    BadBool(String),
    /// `*` or `?` where wildcards do not apply: outside text fields, in ranges and in `<`/`>`.
    WildcardNotAllowed,
    /// The operator does not apply to this kind of field, e.g. `..` or `<` on a yes/no field.
    OperatorNotAllowed(String),
    /// `''` used with an operator other than `=` and `<>`, or as a range end.
    EmptyValueNotAllowed,
}

impl FilterErrorKind {
    /// A stable identifier for the UI's translation catalogue. Never change an existing one.
    pub fn code(&self) -> ProblemCode {
        match self {
            FilterErrorKind::Empty => ProblemCode::FilterEmpty,
            FilterErrorKind::UnexpectedEnd => ProblemCode::FilterUnexpectedEnd,
            FilterErrorKind::UnexpectedToken(_) => ProblemCode::FilterUnexpectedToken,
            FilterErrorKind::EmptyAlternative => ProblemCode::FilterEmptyAlternative,
            FilterErrorKind::MissingValue => ProblemCode::FilterMissingValue,
            FilterErrorKind::UnbalancedQuote => ProblemCode::FilterUnbalancedQuote,
            FilterErrorKind::UnclosedParenthesis => ProblemCode::FilterUnclosedParenthesis,
            FilterErrorKind::UnmatchedClosingParenthesis => {
                ProblemCode::FilterUnmatchedClosingParenthesis
            }
            FilterErrorKind::TooDeeplyNested => ProblemCode::FilterTooDeeplyNested,
            FilterErrorKind::RangeWithoutBounds => ProblemCode::FilterRangeWithoutBounds,
            FilterErrorKind::BadNumber(_) => ProblemCode::FilterBadNumber,
            FilterErrorKind::AmbiguousNumber(_) => ProblemCode::FilterAmbiguousNumber,
            FilterErrorKind::BadDate(_) => ProblemCode::FilterBadDate,
            FilterErrorKind::BadBool(_) => ProblemCode::FilterBadBool,
            FilterErrorKind::WildcardNotAllowed => ProblemCode::FilterWildcardNotAllowed,
            FilterErrorKind::OperatorNotAllowed(_) => ProblemCode::FilterOperatorNotAllowed,
            FilterErrorKind::EmptyValueNotAllowed => ProblemCode::FilterEmptyValueNotAllowed,
        }
    }

    /// The offending text carried by the variant, if any, for the UI to quote in its message.
    pub fn detail(&self) -> Option<&str> {
        match self {
            FilterErrorKind::UnexpectedToken(text)
            | FilterErrorKind::BadNumber(text)
            | FilterErrorKind::AmbiguousNumber(text)
            | FilterErrorKind::BadDate(text)
            | FilterErrorKind::BadBool(text)
            | FilterErrorKind::OperatorNotAllowed(text) => Some(text),
            _ => None,
        }
    }
}

// These texts are for logs and developers; users see the translation of `code()`.
impl fmt::Display for FilterErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail() {
            Some(detail) => write!(f, "{} ({detail:?})", self.code()),
            None => f.write_str(self.code().as_str()),
        }
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at position {}", self.kind, self.position)
    }
}

impl std::error::Error for FilterError {}

/// Parses `expr` as a filter for a field of the given kind.
///
/// Every malformed expression is an error naming the character position of the problem; nothing
/// is silently read as "match everything".
pub fn parse(expr: &str, kind: FieldKind) -> Result<Filter, FilterError> {
    let mut parser = Parser {
        chars: expr.chars().collect(),
        pos: 0,
        kind,
    };
    parser.skip_whitespace();
    if parser.peek().is_none() {
        return Err(FilterError {
            position: 0,
            kind: FilterErrorKind::Empty,
        });
    }
    let root = parser.parse_or(0)?;
    if let Some(c) = parser.peek() {
        // The grammar stopped before the end, so whatever stands here cannot follow a value.
        let kind = if c == ')' {
            FilterErrorKind::UnmatchedClosingParenthesis
        } else {
            FilterErrorKind::UnexpectedToken(parser.token_here())
        };
        return Err(parser.error(kind));
    }
    Ok(Filter {
        source: expr.to_owned(),
        kind,
        root,
    })
}

/// Writes `text` as a quoted operand that matches exactly that text, for a UI that builds a
/// filter from a value the user picked. `quote("O'Brien | Sons")` is `'O''Brien | Sons'`.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

impl Filter {
    /// Whether `value` passes the filter. Never panics, whatever the value.
    pub fn matches(&self, value: &Value) -> bool {
        // product.md §3: an empty text is the empty value, so `''` finds it and `*` does not.
        let value = match value {
            Value::Text("") => Value::Empty,
            other => *other,
        };
        self.root.matches(&value)
    }

    /// The text the filter was parsed from, exactly as given.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The kind of field the filter was parsed for.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// The serialised form of a [`Filter`]: what the user wrote and what kind of field it was for.
#[derive(Serialize, Deserialize)]
struct StoredFilter {
    kind: FieldKind,
    source: String,
}

impl From<Filter> for StoredFilter {
    fn from(filter: Filter) -> Self {
        StoredFilter {
            kind: filter.kind,
            source: filter.source,
        }
    }
}

impl TryFrom<StoredFilter> for Filter {
    type Error = FilterError;

    fn try_from(stored: StoredFilter) -> Result<Self, Self::Error> {
        parse(&stored.source, stored.kind)
    }
}

// ---------------------------------------------------------------------------------------------
// The parsed tree and how it matches.

/// `|` and `&` are kept as flat lists, so only parentheses add depth to the tree.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Or(Vec<Node>),
    And(Vec<Node>),
    Term(Term),
}

#[derive(Debug, Clone, PartialEq)]
enum Term {
    /// `''`
    IsEmpty,
    /// `<>''`
    NotEmpty,
    Compare(Comparison, Operand),
    /// At least one end is present; the parser refuses `..` alone.
    Range(Option<Operand>, Option<Operand>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

impl Comparison {
    fn symbol(self) -> &'static str {
        match self {
            Comparison::Equal => "=",
            Comparison::NotEqual => "<>",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
        }
    }

    fn is_ordering(self) -> bool {
        !matches!(self, Comparison::Equal | Comparison::NotEqual)
    }

    /// Whether a value that orders as `ordering` against the operand passes an ordering
    /// comparison. Equality is handled separately because it also covers wildcards.
    fn accepts(self, ordering: Ordering) -> bool {
        match self {
            Comparison::Less => ordering == Ordering::Less,
            Comparison::LessOrEqual => ordering != Ordering::Greater,
            Comparison::Greater => ordering == Ordering::Greater,
            Comparison::GreaterOrEqual => ordering != Ordering::Less,
            Comparison::Equal => ordering == Ordering::Equal,
            Comparison::NotEqual => ordering != Ordering::Equal,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    /// Exact text. With `case_insensitive` it is stored already lowercased.
    Text {
        text: String,
        case_insensitive: bool,
    },
    /// Text with wildcards. With `case_insensitive` its literals are stored already lowercased.
    Pattern {
        tokens: Vec<PatternToken>,
        case_insensitive: bool,
    },
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatternToken {
    Literal(char),
    /// `?`
    AnyOne,
    /// `*`
    AnyRun,
}

impl Node {
    fn matches(&self, value: &Value) -> bool {
        match self {
            Node::Or(nodes) => nodes.iter().any(|node| node.matches(value)),
            Node::And(nodes) => nodes.iter().all(|node| node.matches(value)),
            Node::Term(term) => term.matches(value),
        }
    }
}

impl Term {
    fn matches(&self, value: &Value) -> bool {
        match self {
            Term::IsEmpty => matches!(value, Value::Empty),
            Term::NotEmpty => !matches!(value, Value::Empty),
            Term::Compare(Comparison::Equal, operand) => operand.equals(value),
            // `<>X` is the exact negation of `X`, so empty and mismatched values pass it.
            Term::Compare(Comparison::NotEqual, operand) => !operand.equals(value),
            Term::Compare(comparison, operand) => operand
                .order_of(value)
                .is_some_and(|ordering| comparison.accepts(ordering)),
            Term::Range(from, to) => {
                let after_start = from.as_ref().is_none_or(|from| {
                    from.order_of(value)
                        .is_some_and(|ordering| ordering != Ordering::Less)
                });
                let before_end = to.as_ref().is_none_or(|to| {
                    to.order_of(value)
                        .is_some_and(|ordering| ordering != Ordering::Greater)
                });
                // An open end is no free pass: the other end must still order the value, so empty
                // and mismatched values fail every range.
                after_start && before_end
            }
        }
    }
}

/// The characters of `text` lowercased, without allocating: `@` compares through this.
fn lowercase(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars().flat_map(char::to_lowercase)
}

impl Operand {
    fn equals(&self, value: &Value) -> bool {
        match (self, value) {
            (
                Operand::Text {
                    text,
                    case_insensitive,
                },
                Value::Text(value),
            ) => {
                if *case_insensitive {
                    lowercase(value).eq(text.chars())
                } else {
                    value == text
                }
            }
            (
                Operand::Pattern {
                    tokens,
                    case_insensitive,
                },
                Value::Text(value),
            ) => {
                if *case_insensitive {
                    wildcard_match(tokens, lowercase(value))
                } else {
                    wildcard_match(tokens, value.chars())
                }
            }
            (Operand::Number(number), Value::Number(value)) => value == number,
            (Operand::Date(date), Value::Date(value)) => value == date,
            (Operand::Bool(flag), Value::Bool(value)) => value == flag,
            _ => false,
        }
    }

    /// How `value` orders against this operand, or `None` when they cannot be ordered (an empty
    /// value, another kind, NaN, a boolean, or a pattern, which the parser keeps out of orderings).
    fn order_of(&self, value: &Value) -> Option<Ordering> {
        match (self, value) {
            (
                Operand::Text {
                    text,
                    case_insensitive,
                },
                Value::Text(value),
            ) => Some(if *case_insensitive {
                lowercase(value).cmp(text.chars())
            } else {
                (*value).cmp(text.as_str())
            }),
            (Operand::Number(number), Value::Number(value)) => value.partial_cmp(number),
            (Operand::Date(date), Value::Date(value)) => Some(value.cmp(date)),
            _ => None,
        }
    }
}

/// Matches `text` against `*` / `?` wildcards by the classic backtracking scan: on a mismatch the
/// most recent `*` swallows one more character. It is linear for the usual `*part*` and at worst
/// proportional to pattern length times text length, never exponential.
fn wildcard_match<I>(pattern: &[PatternToken], text: I) -> bool
where
    I: Iterator<Item = char> + Clone,
{
    let mut p = 0;
    let mut rest = text;
    // The pattern index after the latest `*`, and the text from where that `*` stops swallowing.
    let mut backtrack: Option<(usize, I)> = None;
    loop {
        let mut after = rest.clone();
        let Some(c) = after.next() else {
            return pattern[p..].iter().all(|t| *t == PatternToken::AnyRun);
        };
        match pattern.get(p) {
            Some(PatternToken::AnyRun) => {
                backtrack = Some((p + 1, rest.clone()));
                p += 1;
                continue;
            }
            Some(PatternToken::AnyOne) => {
                p += 1;
                rest = after;
                continue;
            }
            Some(PatternToken::Literal(l)) if *l == c => {
                p += 1;
                rest = after;
                continue;
            }
            _ => {}
        }
        match &mut backtrack {
            Some((star_next, star_rest)) => {
                star_rest.next();
                p = *star_next;
                rest = star_rest.clone();
            }
            None => return false,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The parser: recursive descent over characters, so error positions are character indices.

/// Hand-written filters never nest this deep; the limit keeps hostile input from exhausting the
/// stack, which in wasm would abort the app.
const MAX_DEPTH: usize = 32;

struct Parser {
    chars: Vec<char>,
    pos: usize,
    kind: FieldKind,
}

/// An operand as written, before it is read as the field's kind.
struct RawOperand {
    pieces: Vec<Piece>,
    /// Where the operand starts (after leading whitespace), for error positions.
    position: usize,
    /// Where the first unquoted `*` or `?` is, if any.
    wildcard_at: Option<usize>,
}

enum Piece {
    Plain(String),
    Quoted(String),
}

impl RawOperand {
    /// `''` and nothing else stands for the empty value.
    fn is_empty_marker(&self) -> bool {
        matches!(self.pieces.as_slice(), [Piece::Quoted(text)] if text.is_empty())
    }

    fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Plain(text) | Piece::Quoted(text) => text.as_str(),
            })
            .collect()
    }
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, pos: usize) -> Option<char> {
        self.chars.get(pos).copied()
    }

    fn at_range(&self) -> bool {
        self.peek() == Some('.') && self.peek_at(self.pos + 1) == Some('.')
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn error(&self, kind: FilterErrorKind) -> FilterError {
        self.error_at(self.pos, kind)
    }

    fn error_at(&self, position: usize, kind: FilterErrorKind) -> FilterError {
        FilterError { position, kind }
    }

    /// The token at the current position as the user would name it: two-character operators
    /// whole, anything else as its one character.
    fn token_here(&self) -> String {
        let two: String = self.chars[self.pos..].iter().take(2).collect();
        if matches!(two.as_str(), ".." | "<>" | "<=" | ">=") {
            two
        } else {
            two.chars().take(1).collect()
        }
    }

    fn parse_or(&mut self, depth: usize) -> Result<Node, FilterError> {
        let mut alternatives = vec![self.parse_and(depth)?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alternatives.push(self.parse_and(depth)?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        })
    }

    fn parse_and(&mut self, depth: usize) -> Result<Node, FilterError> {
        let mut parts = vec![self.parse_primary(depth)?];
        while self.peek() == Some('&') {
            self.pos += 1;
            parts.push(self.parse_primary(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    /// A parenthesised group or one term, with the whitespace after it consumed.
    fn parse_primary(&mut self, depth: usize) -> Result<Node, FilterError> {
        self.skip_whitespace();
        let node = match self.peek() {
            None => return Err(self.error(FilterErrorKind::UnexpectedEnd)),
            Some('|' | '&') => return Err(self.error(FilterErrorKind::EmptyAlternative)),
            Some(')') if depth > 0 => return Err(self.error(FilterErrorKind::EmptyAlternative)),
            Some(')') => return Err(self.error(FilterErrorKind::UnmatchedClosingParenthesis)),
            Some('(') => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(FilterErrorKind::TooDeeplyNested));
                }
                let open = self.pos;
                self.pos += 1;
                let inner = self.parse_or(depth + 1)?;
                match self.peek() {
                    Some(')') => self.pos += 1,
                    None => return Err(self.error_at(open, FilterErrorKind::UnclosedParenthesis)),
                    Some(_) => {
                        return Err(self.error(FilterErrorKind::UnexpectedToken(self.token_here())))
                    }
                }
                inner
            }
            Some(_) => Node::Term(self.parse_term()?),
        };
        self.skip_whitespace();
        Ok(node)
    }

    /// `[@] [operator] [@] value`, or a range `[@] [from]..[to]`.
    fn parse_term(&mut self) -> Result<Term, FilterError> {
        let mut case_insensitive = self.take_at_sign();
        let operator_at = self.pos;
        let operator = self.take_comparison();
        if operator.is_some() {
            self.skip_whitespace();
            case_insensitive |= self.take_at_sign();
        }

        if self.at_range() {
            if operator.is_some() {
                return Err(self.error(FilterErrorKind::UnexpectedToken("..".into())));
            }
            let range_at = self.pos;
            self.pos += 2;
            let Some(to) = self.lex_operand()? else {
                return Err(self.error_at(range_at, FilterErrorKind::RangeWithoutBounds));
            };
            return self.range(None, Some(to), case_insensitive, range_at);
        }

        let Some(operand) = self.lex_operand()? else {
            // Only an operator or `@` can bring us here without a value: parse_primary sends
            // every other character to a value or handles it itself.
            let kind = match self.peek() {
                None => FilterErrorKind::UnexpectedEnd,
                Some('|' | '&' | ')') => FilterErrorKind::MissingValue,
                Some(_) => FilterErrorKind::UnexpectedToken(self.token_here()),
            };
            return Err(self.error(kind));
        };

        if self.at_range() {
            if operator.is_some() {
                return Err(self.error(FilterErrorKind::UnexpectedToken("..".into())));
            }
            let range_at = self.pos;
            self.pos += 2;
            let to = self.lex_operand()?;
            return self.range(Some(operand), to, case_insensitive, range_at);
        }

        self.compare(
            operator.unwrap_or(Comparison::Equal),
            operand,
            case_insensitive,
            operator_at,
        )
    }

    fn take_at_sign(&mut self) -> bool {
        if self.peek() == Some('@') {
            self.pos += 1;
            self.skip_whitespace();
            true
        } else {
            false
        }
    }

    fn take_comparison(&mut self) -> Option<Comparison> {
        let (comparison, length) = match (self.peek(), self.peek_at(self.pos + 1)) {
            (Some('<'), Some('>')) => (Comparison::NotEqual, 2),
            (Some('<'), Some('=')) => (Comparison::LessOrEqual, 2),
            (Some('>'), Some('=')) => (Comparison::GreaterOrEqual, 2),
            (Some('<'), _) => (Comparison::Less, 1),
            (Some('>'), _) => (Comparison::Greater, 1),
            (Some('='), _) => (Comparison::Equal, 1),
            _ => return None,
        };
        self.pos += length;
        Some(comparison)
    }

    /// Reads one value up to the next operator, `..`, parenthesis or the end. Returns `None` when
    /// there is no value there at all (only whitespace).
    fn lex_operand(&mut self) -> Result<Option<RawOperand>, FilterError> {
        self.skip_whitespace();
        let start = self.pos;
        let mut pieces = Vec::new();
        let mut plain = String::new();
        let mut wildcard_at = None;
        while let Some(c) = self.peek() {
            match c {
                '|' | '&' | '(' | ')' | '<' | '>' | '=' => break,
                '.' if self.peek_at(self.pos + 1) == Some('.') => break,
                '\'' if self.pos != start && self.peek_at(self.pos + 1) == Some('\'') => {
                    // Inside a word, a doubled quote is an apostrophe: `O''Brien`.
                    plain.push('\'');
                    self.pos += 2;
                }
                '\'' => {
                    if !plain.is_empty() {
                        pieces.push(Piece::Plain(std::mem::take(&mut plain)));
                    }
                    pieces.push(Piece::Quoted(self.lex_quoted()?));
                }
                '*' | '?' => {
                    wildcard_at.get_or_insert(self.pos);
                    plain.push(c);
                    self.pos += 1;
                }
                _ => {
                    plain.push(c);
                    self.pos += 1;
                }
            }
        }
        if !plain.is_empty() {
            pieces.push(Piece::Plain(plain));
        }
        // Only unquoted whitespace at the two ends is dropped; quotes keep theirs.
        if let Some(Piece::Plain(text)) = pieces.first_mut() {
            *text = text.trim_start().to_owned();
        }
        if let Some(Piece::Plain(text)) = pieces.last_mut() {
            *text = text.trim_end().to_owned();
        }
        pieces.retain(|piece| !matches!(piece, Piece::Plain(text) if text.is_empty()));
        if pieces.is_empty() {
            return Ok(None);
        }
        Ok(Some(RawOperand {
            pieces,
            position: start,
            wildcard_at,
        }))
    }

    /// Reads `'…'` starting at the opening quote; `''` inside stands for one quote.
    fn lex_quoted(&mut self) -> Result<String, FilterError> {
        let open = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error_at(open, FilterErrorKind::UnbalancedQuote)),
                Some('\'') if self.peek_at(self.pos + 1) == Some('\'') => {
                    text.push('\'');
                    self.pos += 2;
                }
                Some('\'') => {
                    self.pos += 1;
                    return Ok(text);
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn compare(
        &self,
        comparison: Comparison,
        operand: RawOperand,
        case_insensitive: bool,
        operator_at: usize,
    ) -> Result<Term, FilterError> {
        if operand.is_empty_marker() {
            return match comparison {
                Comparison::Equal => Ok(Term::IsEmpty),
                Comparison::NotEqual => Ok(Term::NotEmpty),
                _ => Err(self.error_at(operand.position, FilterErrorKind::EmptyValueNotAllowed)),
            };
        }
        if self.kind == FieldKind::Bool && comparison.is_ordering() {
            return Err(self.error_at(
                operator_at,
                FilterErrorKind::OperatorNotAllowed(comparison.symbol().into()),
            ));
        }
        let wildcards_allowed = !comparison.is_ordering();
        let operand = self.operand(&operand, case_insensitive, wildcards_allowed)?;
        Ok(Term::Compare(comparison, operand))
    }

    fn range(
        &self,
        from: Option<RawOperand>,
        to: Option<RawOperand>,
        case_insensitive: bool,
        range_at: usize,
    ) -> Result<Term, FilterError> {
        if self.kind == FieldKind::Bool {
            return Err(self.error_at(range_at, FilterErrorKind::OperatorNotAllowed("..".into())));
        }
        let bound = |raw: Option<RawOperand>| -> Result<Option<Operand>, FilterError> {
            match raw {
                None => Ok(None),
                Some(raw) if raw.is_empty_marker() => {
                    Err(self.error_at(raw.position, FilterErrorKind::EmptyValueNotAllowed))
                }
                Some(raw) => self.operand(&raw, case_insensitive, false).map(Some),
            }
        };
        Ok(Term::Range(bound(from)?, bound(to)?))
    }

    /// Reads a raw operand as the field's kind.
    fn operand(
        &self,
        raw: &RawOperand,
        case_insensitive: bool,
        wildcards_allowed: bool,
    ) -> Result<Operand, FilterError> {
        if let Some(wildcard_at) = raw.wildcard_at {
            if !wildcards_allowed || self.kind != FieldKind::Text {
                return Err(self.error_at(wildcard_at, FilterErrorKind::WildcardNotAllowed));
            }
            return Ok(Operand::Pattern {
                tokens: pattern_tokens(&raw.pieces, case_insensitive),
                case_insensitive,
            });
        }
        let text = raw.text();
        let at = |kind| self.error_at(raw.position, kind);
        match self.kind {
            FieldKind::Text => Ok(Operand::Text {
                text: if case_insensitive {
                    lowercase(&text).collect()
                } else {
                    text
                },
                case_insensitive,
            }),
            FieldKind::Number => parse_number(&text).map(Operand::Number).map_err(at),
            FieldKind::Date => parse_date(&text)
                .map(Operand::Date)
                .ok_or_else(|| at(FilterErrorKind::BadDate(text.trim().to_owned()))),
            FieldKind::Bool => parse_bool(&text)
                .map(Operand::Bool)
                .ok_or_else(|| at(FilterErrorKind::BadBool(text.trim().to_owned()))),
        }
    }
}

/// Unquoted `*` and `?` become wildcards; everything quoted is literal.
fn pattern_tokens(pieces: &[Piece], case_insensitive: bool) -> Vec<PatternToken> {
    let mut tokens = Vec::new();
    for piece in pieces {
        let (text, wildcards_act) = match piece {
            Piece::Plain(text) => (text, true),
            Piece::Quoted(text) => (text, false),
        };
        for c in text.chars() {
            match c {
                '*' if wildcards_act => tokens.push(PatternToken::AnyRun),
                '?' if wildcards_act => tokens.push(PatternToken::AnyOne),
                _ if case_insensitive => tokens.extend(c.to_lowercase().map(PatternToken::Literal)),
                _ => tokens.push(PatternToken::Literal(c)),
            }
        }
    }
    tokens
}

/// Reads a number as described in the module documentation.
fn parse_number(text: &str) -> Result<f64, FilterErrorKind> {
    let text = text.trim();
    let bad = || FilterErrorKind::BadNumber(text.to_owned());
    // U+2212 is the minus sign that Finnish number formatting produces.
    let (negative, unsigned) = if let Some(rest) = text.strip_prefix(['-', '\u{2212}']) {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text)
    };
    let separators: Vec<(usize, char)> = unsigned
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let (integer, fraction, comma) = match separators.as_slice() {
        [] => (unsigned, None, false),
        [(at, c)] => (&unsigned[..*at], Some(&unsigned[at + 1..]), *c == ','),
        _ => return Err(bad()),
    };
    let is_group_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    let groups: Vec<&str> = integer.split(is_group_space).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    // Spaces may only group thousands: `1 000 000`, not `1 0` or `10  000`.
    let grouped = groups.len() > 1;
    let groups_ok = groups.iter().enumerate().all(|(i, group)| {
        digits(group)
            && (!grouped
                || if i == 0 {
                    group.len() <= 3
                } else {
                    group.len() == 3
                })
    });
    if !groups_ok || fraction.is_some_and(|f| !digits(f)) {
        return Err(bad());
    }
    let integer: String = groups.concat();
    if let Some(fraction) = fraction {
        if comma && !grouped && fraction.len() == 3 && integer.len() <= 3 && integer != "0" {
            return Err(FilterErrorKind::AmbiguousNumber(text.to_owned()));
        }
    }
    let normal = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        integer,
        fraction.unwrap_or("0")
    );
    match normal.parse::<f64>() {
        Ok(number) if number.is_finite() => Ok(number),
        _ => Err(bad()),
    }
}

/// Reads `2026-01-31` or `31.1.2026`; `None` for anything else or a day that does not exist.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let field = |s: &str, min: usize, max: usize| -> Option<u32> {
        if (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let parts: Vec<&str> = if text.contains('-') {
        text.split('-').collect()
    } else {
        text.split('.').collect()
    };
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if text.contains('-') {
        (field(a, 4, 4)?, field(b, 1, 2)?, field(c, 1, 2)?)
    } else {
        (field(c, 4, 4)?, field(b, 1, 2)?, field(a, 1, 2)?)
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Reads the yes/no words of English, Business Central and Finnish, in any case.
fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" | "1" | "kyllä" => Some(true),
        "no" | "false" | "0" | "ei" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldKind::{Bool, Date, Number, Text};

    /// Parses `expr` for `kind` and asserts whether `value` passes it.
    fn check(expr: &str, kind: FieldKind, value: Value, expected: bool) {
        let filter = parse(expr, kind).unwrap_or_else(|e| panic!("{expr:?} did not parse: {e}"));
        assert_eq!(
            filter.matches(&value),
            expected,
            "{expr:?} ({kind:?}) against {value:?}"
        );
    }

    /// Asserts that `expr` is refused with `kind` at character `position`.
    fn check_error(expr: &str, kind: FieldKind, position: usize, error: FilterErrorKind) {
        assert_eq!(
            parse(expr, kind).map(|f| f.source().to_owned()),
            Err(FilterError {
                position,
                kind: error
            }),
            "{expr:?} ({kind:?})"
        );
    }

    fn t(text: &str) -> Value<'_> {
        Value::Text(text)
    }

    fn n(number: f64) -> Value<'static> {
        Value::Number(number)
    }

    fn d(year: i32, month: u32, day: u32) -> Value<'static> {
        Value::Date(NaiveDate::from_ymd_opt(year, month, day).unwrap())
    }

    // --- Text -----------------------------------------------------------------------------

    #[test]
    fn plain_text_matches_exactly_and_case_sensitively() {
        check("Oy Acme", Text, t("Oy Acme"), true);
        check("Oy Acme", Text, t("oy acme"), false);
        check("Oy Acme", Text, t("Oy Acme Ab"), false);
        check("=Oy Acme", Text, t("Oy Acme"), true);
    }

    #[test]
    fn at_sign_makes_text_comparison_case_insensitive() {
        check("@oy acme", Text, t("Oy ACME"), true);
        check("@oy acme", Text, t("Oy ACME Ab"), false);
        check("=@OY", Text, t("oy"), true);
        check("@=OY", Text, t("oy"), true);
    }

    #[test]
    fn at_sign_lowercases_beyond_ascii() {
        check("@ÄÄNEKOSKI", Text, t("äänekoski"), true);
        check("@*ö*", Text, t("KÖÖPENHAMINA"), true);
    }

    #[test]
    fn star_at_both_ends_matches_text_containing_the_part() {
        check("*cme*", Text, t("Acme Oy"), true);
        check("*cme*", Text, t("cme"), true);
        check("*cme*", Text, t("ACME"), false);
        check("*cme*", Text, t("Oy Ab"), false);
    }

    #[test]
    fn star_at_end_matches_text_starting_with_the_part() {
        check("Ac*", Text, t("Acme"), true);
        check("Ac*", Text, t("Ac"), true);
        check("Ac*", Text, t("The Acme"), false);
        check("*Oy", Text, t("Acme Oy"), true);
        check("*Oy", Text, t("Oy Acme"), false);
    }

    #[test]
    fn star_in_the_middle_matches_any_run_and_backtracks() {
        check("A*e*z", Text, t("Abeeeyz"), true);
        check("A*e*z", Text, t("Abcz"), false);
        check("a*b*c", Text, t("aXbXbXc"), true);
    }

    #[test]
    fn question_mark_matches_exactly_one_character() {
        check("M?ller", Text, t("Müller"), true);
        check("M?ller", Text, t("Mller"), false);
        check("M?ller", Text, t("Muuller"), false);
        check("??", Text, t("ab"), true);
        check("??", Text, t("abc"), false);
    }

    #[test]
    fn wildcards_compare_case_insensitively_with_at_sign() {
        check("@*acme*", Text, t("THE ACME OY"), true);
        check("@a?C", Text, t("AbC"), true);
    }

    #[test]
    fn star_alone_matches_any_non_empty_text_but_not_empty() {
        check("*", Text, t("x"), true);
        check("*", Text, t(""), false);
        check("*", Text, Value::Empty, false);
    }

    #[test]
    fn not_equal_excludes_the_value_and_keeps_empty() {
        check("<>Acme", Text, t("Acme"), false);
        check("<>Acme", Text, t("acme"), true);
        check("<>Acme", Text, Value::Empty, true);
        check("<>@acme", Text, t("ACME"), false);
        check("@<>acme", Text, t("ACME"), false);
    }

    #[test]
    fn not_equal_with_wildcard_excludes_matching_text() {
        check("<>*Oy", Text, t("Acme Oy"), false);
        check("<>*Oy", Text, t("Acme Ab"), true);
    }

    #[test]
    fn two_quotes_match_only_the_empty_value() {
        check("''", Text, Value::Empty, true);
        check("''", Text, t(""), true);
        check("''", Text, t(" "), false);
        check("''", Text, t("x"), false);
        check("=''", Text, t(""), true);
        check("''", Number, Value::Empty, true);
        check("''", Number, n(0.0), false);
        check("''", Date, Value::Empty, true);
        check("''", Bool, Value::Empty, true);
        check("''", Bool, Value::Bool(false), false);
    }

    #[test]
    fn not_equal_to_two_quotes_matches_any_value() {
        check("<>''", Text, t("x"), true);
        check("<>''", Text, t(""), false);
        check("<>''", Number, n(0.0), true);
        check("<>''", Date, Value::Empty, false);
    }

    #[test]
    fn empty_value_fails_every_ordinary_comparison() {
        for expr in [
            "A", "*", "A*", "<B", "<=B", ">A", ">=A", "A..Z", "..Z", "A..",
        ] {
            check(expr, Text, Value::Empty, false);
        }
        for expr in ["5", "<5", "..5", "5..", "1..9"] {
            check(expr, Number, Value::Empty, false);
        }
    }

    #[test]
    fn text_range_includes_both_ends_and_compares_by_code_point() {
        check("B..D", Text, t("B"), true);
        check("B..D", Text, t("Cecilia"), true);
        check("B..D", Text, t("D"), true);
        check("B..D", Text, t("Daniel"), false);
        check("B..D", Text, t("Anna"), false);
        check("B..D", Text, t("cecilia"), false);
        check("@b..d", Text, t("Cecilia"), true);
        check("@B..D", Text, t("cecilia"), true);
    }

    #[test]
    fn text_range_with_open_ends() {
        check("..B", Text, t("Anna"), true);
        check("..B", Text, t("Bert"), false);
        check("X..", Text, t("Ödön"), true);
        check("X..", Text, t("Anna"), false);
    }

    #[test]
    fn text_comparisons_order_lexicographically() {
        check("<B", Text, t("Anna"), true);
        check("<B", Text, t("B"), false);
        check("<=B", Text, t("B"), true);
        check(">B", Text, t("Bert"), true);
        check(">B", Text, t("B"), false);
        check(">=B", Text, t("B"), true);
        check(">=B", Text, t("A"), false);
    }

    #[test]
    fn quoted_text_makes_operators_and_wildcards_literal() {
        check("'a|b'", Text, t("a|b"), true);
        check("'a|b'", Text, t("a"), false);
        check("'*'", Text, t("*"), true);
        check("'*'", Text, t("x"), false);
        check("'<>x'", Text, t("<>x"), true);
        check("'1..2'", Text, t("1..2"), true);
        check("'@home'", Text, t("@home"), true);
        check("'(Jr)'", Text, t("(Jr)"), true);
    }

    #[test]
    fn two_quotes_inside_quotes_stand_for_one_quote() {
        check("'O''Brien'", Text, t("O'Brien"), true);
        check("''''", Text, t("'"), true);
    }

    #[test]
    fn doubled_quote_inside_a_word_is_an_apostrophe() {
        check("O''Brien", Text, t("O'Brien"), true);
        check("*''*", Text, t("D'Angelo"), true);
        check("*''*", Text, t("Angelo"), false);
    }

    #[test]
    fn quoted_and_plain_parts_join_into_one_value() {
        check("*'a|b'*", Text, t("x a|b y"), true);
        check("*'a|b'*", Text, t("x a y"), false);
        check("'*'*", Text, t("*x"), true);
        check("'*'*", Text, t("x*"), false);
    }

    #[test]
    fn whitespace_around_unquoted_text_is_trimmed_and_inside_kept() {
        check("  Oy  Acme  ", Text, t("Oy  Acme"), true);
        check("a | b", Text, t("b"), true);
        check("a | b", Text, t(" b"), false);
        check("A .. C", Text, t("B"), true);
    }

    #[test]
    fn whitespace_inside_quotes_is_kept() {
        check("' Oy '", Text, t(" Oy "), true);
        check("' Oy '", Text, t("Oy"), false);
    }

    #[test]
    fn a_single_dot_and_an_at_sign_inside_text_are_literal() {
        check(
            "john.doe@example.com",
            Text,
            t("john.doe@example.com"),
            true,
        );
        check("*@example.com", Text, t("anna@example.com"), true);
        check("Oy Ab Ltd.", Text, t("Oy Ab Ltd."), true);
    }

    #[test]
    fn text_filter_does_not_match_values_of_other_kinds() {
        check("5", Text, n(5.0), false);
        check("<>5", Text, n(5.0), true);
    }

    #[test]
    fn quote_writes_a_filter_that_matches_exactly_that_text() {
        let text = "O'Brien | Sons (*)";
        assert_eq!(quote(text), "'O''Brien | Sons (*)'");
        check(&quote(text), Text, t(text), true);
        check(&quote(text), Text, t("O'Brien"), false);
    }

    // --- Numbers --------------------------------------------------------------------------

    #[test]
    fn number_equality_accepts_integers_decimals_and_signs() {
        check("1000", Number, n(1000.0), true);
        check("1000", Number, n(1000.5), false);
        check("1000.5", Number, n(1000.5), true);
        check("-3", Number, n(-3.0), true);
        check("+3", Number, n(3.0), true);
        check("\u{2212}3", Number, n(-3.0), true);
        check("0", Number, n(-0.0), true);
    }

    #[test]
    fn comma_is_a_decimal_point_when_it_is_the_only_separator() {
        check("1000,5", Number, n(1000.5), true);
        check("0,125", Number, n(0.125), true);
        check("1,50", Number, n(1.5), true);
    }

    #[test]
    fn spaces_group_thousands() {
        check("1 000", Number, n(1000.0), true);
        check("1 000,50", Number, n(1000.5), true);
        check("1\u{a0}000\u{a0}000", Number, n(1_000_000.0), true);
        check("12\u{202f}345.5", Number, n(12345.5), true);
    }

    #[test]
    fn whitespace_around_numbers_is_trimmed() {
        check("  42 ", Number, n(42.0), true);
        check("< 5", Number, n(4.0), true);
        check(" 1 .. 5 ", Number, n(5.0), true);
    }

    #[test]
    fn number_not_equal() {
        check("<>0", Number, n(0.0), false);
        check("<>0", Number, n(1.0), true);
        check("<>0", Number, Value::Empty, true);
    }

    #[test]
    fn number_comparisons() {
        check("<10", Number, n(9.99), true);
        check("<10", Number, n(10.0), false);
        check("<=10", Number, n(10.0), true);
        check("<=10", Number, n(10.01), false);
        check(">10", Number, n(10.0), false);
        check(">10", Number, n(10.01), true);
        check(">=10", Number, n(10.0), true);
        check(">=10", Number, n(9.0), false);
        check(">-1", Number, n(0.0), true);
    }

    #[test]
    fn closed_range_includes_both_ends() {
        check("1000..2000", Number, n(1000.0), true);
        check("1000..2000", Number, n(1500.0), true);
        check("1000..2000", Number, n(2000.0), true);
        check("1000..2000", Number, n(999.99), false);
        check("1000..2000", Number, n(2000.01), false);
        check("-5..-3", Number, n(-4.0), true);
        check("1,5..2,5", Number, n(2.0), true);
    }

    #[test]
    fn range_with_open_start_matches_everything_up_to_and_including_the_end() {
        check("..2000", Number, n(-1e9), true);
        check("..2000", Number, n(2000.0), true);
        check("..2000", Number, n(2000.5), false);
        check("..-3", Number, n(-3.0), true);
    }

    #[test]
    fn range_with_open_end_matches_everything_from_the_start() {
        check("2000..", Number, n(2000.0), true);
        check("2000..", Number, n(1e12), true);
        check("2000..", Number, n(1999.0), false);
    }

    #[test]
    fn reversed_range_matches_nothing() {
        check("2000..1000", Number, n(1500.0), false);
    }

    #[test]
    fn number_filter_matches_no_text_nan_or_empty_value() {
        check("5", Number, t("5"), false);
        check("..5", Number, n(f64::NAN), false);
        check("<>5", Number, n(f64::NAN), true);
        check("5..", Number, n(f64::INFINITY), true);
    }

    // --- Dates ----------------------------------------------------------------------------

    #[test]
    fn dates_accept_iso_and_finnish_forms() {
        check("2026-01-31", Date, d(2026, 1, 31), true);
        check("2026-1-5", Date, d(2026, 1, 5), true);
        check("31.1.2026", Date, d(2026, 1, 31), true);
        check("31.01.2026", Date, d(2026, 1, 31), true);
        check("31.01.2026", Date, d(2026, 1, 30), false);
        check(" 1.2.2026 ", Date, d(2026, 2, 1), true);
    }

    #[test]
    fn date_ranges_and_comparisons() {
        check("1.1.2026..31.1.2026", Date, d(2026, 1, 1), true);
        check("1.1.2026..31.1.2026", Date, d(2026, 1, 31), true);
        check("1.1.2026..31.1.2026", Date, d(2026, 2, 1), false);
        check("2026-01-01..2026-01-31", Date, d(2025, 12, 31), false);
        check("..2025-12-31", Date, d(2020, 6, 1), true);
        check("1.1.2026..", Date, d(2030, 1, 1), true);
        check("<1.1.2026", Date, d(2025, 12, 31), true);
        check("<1.1.2026", Date, d(2026, 1, 1), false);
        check(">=1.1.2026", Date, d(2026, 1, 1), true);
        check("<>1.1.2026", Date, d(2026, 1, 1), false);
        check("<>1.1.2026", Date, Value::Empty, true);
    }

    #[test]
    fn date_filter_matches_no_value_of_another_kind() {
        check("1.1.2026", Date, t("1.1.2026"), false);
        check("1.1.2026..", Date, n(1.0), false);
    }

    // --- Booleans -------------------------------------------------------------------------

    #[test]
    fn booleans_accept_yes_no_words_in_any_case() {
        for yes in ["Yes", "yes", "TRUE", "1", "Kyllä", "KYLLÄ"] {
            check(yes, Bool, Value::Bool(true), true);
            check(yes, Bool, Value::Bool(false), false);
        }
        for no in ["No", "false", "0", "Ei", "ei"] {
            check(no, Bool, Value::Bool(false), true);
            check(no, Bool, Value::Bool(true), false);
        }
    }

    #[test]
    fn boolean_not_equal_and_alternatives() {
        check("<>Yes", Bool, Value::Bool(false), true);
        check("<>Yes", Bool, Value::Bool(true), false);
        check("<>Yes", Bool, Value::Empty, true);
        check("Yes|No", Bool, Value::Bool(false), true);
        check("Yes|No", Bool, Value::Empty, false);
    }

    #[test]
    fn booleans_refuse_ranges_and_orderings() {
        check_error(
            "Yes..No",
            Bool,
            3,
            FilterErrorKind::OperatorNotAllowed("..".into()),
        );
        check_error(
            ">=No",
            Bool,
            0,
            FilterErrorKind::OperatorNotAllowed(">=".into()),
        );
        check_error(
            "..Yes",
            Bool,
            0,
            FilterErrorKind::OperatorNotAllowed("..".into()),
        );
    }

    #[test]
    fn at_sign_is_accepted_and_ignored_outside_text() {
        check("@5", Number, n(5.0), true);
        check("@yes", Bool, Value::Bool(true), true);
    }

    // --- Combining ------------------------------------------------------------------------

    #[test]
    fn bar_means_either() {
        check("A|B|C", Text, t("B"), true);
        check("A|B|C", Text, t("D"), false);
        check("1..5|10..", Number, n(11.0), true);
        check("1..5|10..", Number, n(7.0), false);
    }

    #[test]
    fn ampersand_means_both() {
        check(">10&<20", Number, n(15.0), true);
        check(">10&<20", Number, n(20.0), false);
        check("*a*&*b*", Text, t("cab"), true);
        check("*a*&*b*", Text, t("car"), false);
        check("<>A&<>B", Text, t("B"), false);
        check("<>A&<>B", Text, t("C"), true);
    }

    #[test]
    fn bar_binds_looser_than_ampersand() {
        // `>10&<20|50` is `(>10&<20)|50`, not `>10&(<20|50)`.
        check(">10&<20|50", Number, n(50.0), true);
        check(">10&<20|50", Number, n(5.0), false);
        // `5|>10&<20` is `5|(>10&<20)`, so 5 passes although it is not above 10.
        check("5|>10&<20", Number, n(5.0), true);
        check("5|>10&<20", Number, n(25.0), false);
    }

    #[test]
    fn parentheses_group() {
        check("(5|>10)&<20", Number, n(5.0), true);
        check("(5|>10)&<20", Number, n(25.0), false);
        check("(1|2)&<>2", Number, n(2.0), false);
        check("(1|2)&<>2", Number, n(1.0), true);
        check(" ( (A) | (B) ) ", Text, t("B"), true);
        check("((1..10)&(<>5))|20", Number, n(5.0), false);
        check("((1..10)&(<>5))|20", Number, n(20.0), true);
    }

    // --- Errors ---------------------------------------------------------------------------

    #[test]
    fn empty_expression_is_an_error_of_its_own() {
        check_error("", Text, 0, FilterErrorKind::Empty);
        check_error("   ", Number, 0, FilterErrorKind::Empty);
    }

    #[test]
    fn error_names_the_position_of_the_bad_number() {
        check_error(
            "1000..20x0",
            Number,
            6,
            FilterErrorKind::BadNumber("20x0".into()),
        );
        check_error(
            "5| abc",
            Number,
            3,
            FilterErrorKind::BadNumber("abc".into()),
        );
        check_error(
            "1.2.3",
            Number,
            0,
            FilterErrorKind::BadNumber("1.2.3".into()),
        );
        check_error(
            "1,000.5",
            Number,
            0,
            FilterErrorKind::BadNumber("1,000.5".into()),
        );
        check_error("1 0", Number, 0, FilterErrorKind::BadNumber("1 0".into()));
        check_error("1e5", Number, 0, FilterErrorKind::BadNumber("1e5".into()));
        check_error("NaN", Number, 0, FilterErrorKind::BadNumber("NaN".into()));
        check_error("1...5", Number, 3, FilterErrorKind::BadNumber(".5".into()));
    }

    #[test]
    fn comma_with_three_digits_is_ambiguous() {
        check_error(
            "1,000",
            Number,
            0,
            FilterErrorKind::AmbiguousNumber("1,000".into()),
        );
        check_error(
            "5..-1,000",
            Number,
            3,
            FilterErrorKind::AmbiguousNumber("-1,000".into()),
        );
    }

    #[test]
    fn error_names_the_position_of_the_bad_date() {
        check_error(
            "1.1.2026..31.2.2026",
            Date,
            10,
            FilterErrorKind::BadDate("31.2.2026".into()),
        );
        check_error("31.1.", Date, 0, FilterErrorKind::BadDate("31.1.".into()));
        check_error(
            "31.1.26",
            Date,
            0,
            FilterErrorKind::BadDate("31.1.26".into()),
        );
        check_error(
            "1/31/2026",
            Date,
            0,
            FilterErrorKind::BadDate("1/31/2026".into()),
        );
        check_error("today", Date, 0, FilterErrorKind::BadDate("today".into()));
    }

    #[test]
    fn error_names_the_position_of_the_bad_boolean() {
        check_error(
            "Yes|maybe",
            Bool,
            4,
            FilterErrorKind::BadBool("maybe".into()),
        );
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        check_error("'ää'|", Text, 5, FilterErrorKind::UnexpectedEnd);
        check_error(
            "ö|öö<x",
            Text,
            4,
            FilterErrorKind::UnexpectedToken("<".into()),
        );
    }

    #[test]
    fn unbalanced_quote_points_at_the_opening_quote() {
        check_error("A|'abc", Text, 2, FilterErrorKind::UnbalancedQuote);
        check_error("O'Brien", Text, 1, FilterErrorKind::UnbalancedQuote);
        check_error("'a''", Text, 0, FilterErrorKind::UnbalancedQuote);
    }

    #[test]
    fn parentheses_must_balance() {
        check_error("(A|B", Text, 0, FilterErrorKind::UnclosedParenthesis);
        check_error(
            "A|B)",
            Text,
            3,
            FilterErrorKind::UnmatchedClosingParenthesis,
        );
        check_error(")", Text, 0, FilterErrorKind::UnmatchedClosingParenthesis);
        check_error("()", Text, 1, FilterErrorKind::EmptyAlternative);
        check_error(
            "(A)B",
            Text,
            3,
            FilterErrorKind::UnexpectedToken("B".into()),
        );
        check_error(
            "A(B)",
            Text,
            1,
            FilterErrorKind::UnexpectedToken("(".into()),
        );
        check_error(
            "(A<B)",
            Text,
            2,
            FilterErrorKind::UnexpectedToken("<".into()),
        );
    }

    #[test]
    fn nesting_too_deep_is_refused_not_a_crash() {
        let expr = format!("{}A{}", "(".repeat(100), ")".repeat(100));
        check_error(&expr, Text, MAX_DEPTH, FilterErrorKind::TooDeeplyNested);
        let fine = format!("{}A{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        check(&fine, Text, t("A"), true);
    }

    #[test]
    fn operators_need_something_on_both_sides() {
        check_error("A||B", Text, 2, FilterErrorKind::EmptyAlternative);
        check_error("|A", Text, 0, FilterErrorKind::EmptyAlternative);
        check_error("&A", Text, 0, FilterErrorKind::EmptyAlternative);
        check_error("A| |B", Text, 3, FilterErrorKind::EmptyAlternative);
        check_error("A|", Text, 2, FilterErrorKind::UnexpectedEnd);
        check_error("A&", Text, 2, FilterErrorKind::UnexpectedEnd);
        check_error("(A|)", Text, 3, FilterErrorKind::EmptyAlternative);
    }

    #[test]
    fn comparison_needs_a_value() {
        check_error("<", Number, 1, FilterErrorKind::UnexpectedEnd);
        check_error("<|5", Number, 1, FilterErrorKind::MissingValue);
        check_error("<>&5", Number, 2, FilterErrorKind::MissingValue);
        check_error("@", Text, 1, FilterErrorKind::UnexpectedEnd);
        check_error(
            "<<5",
            Number,
            1,
            FilterErrorKind::UnexpectedToken("<".into()),
        );
        check_error(
            "==5",
            Number,
            1,
            FilterErrorKind::UnexpectedToken("=".into()),
        );
        check_error(
            "<(5)",
            Number,
            1,
            FilterErrorKind::UnexpectedToken("(".into()),
        );
    }

    #[test]
    fn ranges_need_a_bound_and_take_no_comparison() {
        check_error("..", Number, 0, FilterErrorKind::RangeWithoutBounds);
        check_error("..|5", Number, 0, FilterErrorKind::RangeWithoutBounds);
        check_error(
            "<>1..5",
            Number,
            3,
            FilterErrorKind::UnexpectedToken("..".into()),
        );
        check_error(
            "<..5",
            Number,
            1,
            FilterErrorKind::UnexpectedToken("..".into()),
        );
        check_error(
            "1..5..9",
            Number,
            4,
            FilterErrorKind::UnexpectedToken("..".into()),
        );
    }

    #[test]
    fn text_with_operator_characters_must_be_quoted() {
        check_error("a<b", Text, 1, FilterErrorKind::UnexpectedToken("<".into()));
        check_error("a=b", Text, 1, FilterErrorKind::UnexpectedToken("=".into()));
        check_error(
            "Smith (Jr)",
            Text,
            6,
            FilterErrorKind::UnexpectedToken("(".into()),
        );
    }

    #[test]
    fn wildcards_are_only_for_text_equality() {
        check_error("1*", Number, 1, FilterErrorKind::WildcardNotAllowed);
        check_error("2026-*", Date, 5, FilterErrorKind::WildcardNotAllowed);
        check_error("Y?s", Bool, 1, FilterErrorKind::WildcardNotAllowed);
        check_error("A*..B", Text, 1, FilterErrorKind::WildcardNotAllowed);
        check_error("<A*", Text, 2, FilterErrorKind::WildcardNotAllowed);
    }

    #[test]
    fn empty_value_works_only_with_equal_and_not_equal() {
        check_error("<''", Text, 1, FilterErrorKind::EmptyValueNotAllowed);
        check_error("''..B", Text, 0, FilterErrorKind::EmptyValueNotAllowed);
        check_error("5..''", Number, 3, FilterErrorKind::EmptyValueNotAllowed);
    }

    #[test]
    fn error_codes_are_distinct_and_namespaced() {
        let kinds = [
            FilterErrorKind::Empty,
            FilterErrorKind::UnexpectedEnd,
            FilterErrorKind::UnexpectedToken(String::new()),
            FilterErrorKind::EmptyAlternative,
            FilterErrorKind::MissingValue,
            FilterErrorKind::UnbalancedQuote,
            FilterErrorKind::UnclosedParenthesis,
            FilterErrorKind::UnmatchedClosingParenthesis,
            FilterErrorKind::TooDeeplyNested,
            FilterErrorKind::RangeWithoutBounds,
            FilterErrorKind::BadNumber(String::new()),
            FilterErrorKind::AmbiguousNumber(String::new()),
            FilterErrorKind::BadDate(String::new()),
            FilterErrorKind::BadBool(String::new()),
            FilterErrorKind::WildcardNotAllowed,
            FilterErrorKind::OperatorNotAllowed(String::new()),
            FilterErrorKind::EmptyValueNotAllowed,
        ];
        let codes: std::collections::BTreeSet<_> = kinds.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), kinds.len());
        assert!(codes
            .iter()
            .all(|code| code.as_str().starts_with("filter.")));
        assert_eq!(
            FilterErrorKind::BadNumber("x".into()).code(),
            "filter.bad_number"
        );
    }

    #[test]
    fn error_display_names_code_detail_and_position() {
        let error = parse("1..x", Number).unwrap_err();
        assert_eq!(error.to_string(), "filter.bad_number (\"x\") at position 3");
    }

    // --- Source and serialisation ---------------------------------------------------------

    #[test]
    fn source_is_the_text_exactly_as_given() {
        let filter = parse("  @*oy* | Ab ", Text).unwrap();
        assert_eq!(filter.source(), "  @*oy* | Ab ");
        assert_eq!(filter.kind(), Text);
        assert_eq!(filter.to_string(), "  @*oy* | Ab ");
    }

    #[test]
    fn filter_serialises_as_kind_and_source_and_round_trips() {
        let filter = parse("1 000..2000,5|''", Number).unwrap();
        let json = serde_json::to_string(&filter).unwrap();
        assert_eq!(json, r#"{"kind":"Number","source":"1 000..2000,5|''"}"#);
        let back: Filter = serde_json::from_str(&json).unwrap();
        assert_eq!(back, filter);
        assert!(back.matches(&n(1500.0)));
    }

    #[test]
    fn deserialising_a_malformed_filter_fails_instead_of_matching_everything() {
        let result: Result<Filter, _> =
            serde_json::from_str(r#"{"kind":"Number","source":"1..x"}"#);
        let message = result.unwrap_err().to_string();
        assert!(message.contains("filter.bad_number"), "{message}");
    }

    #[test]
    fn same_text_for_another_kind_is_another_filter() {
        assert_ne!(parse("1", Text).unwrap(), parse("1", Number).unwrap());
        assert_eq!(parse("1|2", Number).unwrap(), parse("1|2", Number).unwrap());
    }
}
