//! What staff type into the inbox's search field, read as what they mean: the 咨询编号 a welder
//! reads out (`3208 2978`), a phone number in any format, the last four digits of one, or words
//! (part of a name, a certificate type). Typed text is data, never a pattern: `%`, `_` and quotes
//! are searched for as themselves.

use crate::enquiry::hygiene::strip_removed;
use crate::enquiry::phone::{fold_width, is_separator, normalise_phone};

/// The longest search text kept, in characters.
pub const SEARCH_MAX_CHARS: usize = 40;

/// A search, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchTerm {
    /// Eight digits: a reference number (exact), or part of a phone number.
    Reference(String),
    /// A whole mobile number, normalised to its 11 digits.
    Phone(String),
    /// Four digits: the end of a phone number.
    PhoneTail(String),
    /// Other digits: part of a reference or a phone number.
    Digits(String),
    /// Words: part of a name or of a certificate type.
    Words(String),
}

impl SearchTerm {
    /// Reads what was typed; `None` when nothing is left to search for.
    pub fn parse(input: &str) -> Option<SearchTerm> {
        let text: String = strip_removed(input)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let text: String = text.chars().take(SEARCH_MAX_CHARS).collect();
        if text.is_empty() {
            return None;
        }
        if let Ok(phone) = normalise_phone(&text) {
            return Some(SearchTerm::Phone(phone));
        }
        let digits_only = text
            .chars()
            .map(fold_width)
            .all(|c| c.is_ascii_digit() || is_separator(c));
        if digits_only {
            let digits: String = text
                .chars()
                .map(fold_width)
                .filter(char::is_ascii_digit)
                .collect();
            return Some(match digits.len() {
                8 => SearchTerm::Reference(digits),
                4 => SearchTerm::PhoneTail(digits),
                _ => SearchTerm::Digits(digits),
            });
        }
        Some(SearchTerm::Words(text))
    }
}

/// `text` as a `LIKE` pattern that matches it anywhere, every `%`, `_` and `\` in it taken as
/// itself (with `ESCAPE '\'`).
pub fn like_anywhere(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_staff_type_a_search() {
        let table = [
            ("3208 2978", Some(SearchTerm::Reference("32082978".into()))),
            ("32082978", Some(SearchTerm::Reference("32082978".into()))),
            (
                "３２０８-２９７８",
                Some(SearchTerm::Reference("32082978".into())),
            ),
            (
                "138 0013 8000",
                Some(SearchTerm::Phone("13800138000".into())),
            ),
            (
                "+86 138-0013-8000",
                Some(SearchTerm::Phone("13800138000".into())),
            ),
            ("13800138000", Some(SearchTerm::Phone("13800138000".into()))),
            ("8000", Some(SearchTerm::PhoneTail("8000".into()))),
            (" 80 00 ", Some(SearchTerm::PhoneTail("8000".into()))),
            ("138", Some(SearchTerm::Digits("138".into()))),
            ("张", Some(SearchTerm::Words("张".into()))),
            ("  张  三 ", Some(SearchTerm::Words("张 三".into()))),
            ("熔化焊", Some(SearchTerm::Words("熔化焊".into()))),
            ("50%_'\"", Some(SearchTerm::Words("50%_'\"".into()))),
            ("\u{202e}张三", Some(SearchTerm::Words("张三".into()))),
            ("", None),
            ("   ", None),
            ("\u{200b}", None),
        ];
        for (typed, expected) in table {
            assert_eq!(SearchTerm::parse(typed), expected, "{typed:?}");
        }
        let long = "张".repeat(100);
        assert_eq!(
            SearchTerm::parse(&long),
            Some(SearchTerm::Words("张".repeat(SEARCH_MAX_CHARS)))
        );
    }

    #[test]
    fn wildcards_typed_are_searched_for_as_themselves() {
        assert_eq!(like_anywhere("张三"), "%张三%");
        assert_eq!(like_anywhere("50%"), "%50\\%%");
        assert_eq!(like_anywhere("a_b\\c"), "%a\\_b\\\\c%");
        assert_eq!(like_anywhere("'\""), "%'\"%");
    }
}
