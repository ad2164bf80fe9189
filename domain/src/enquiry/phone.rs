//! Mainland mobile numbers as people type them: spaces, dashes and brackets, `+86` / `0086` /
//! `86` prefixes, and the full-width digits of Chinese keyboards, normalised to 11 ASCII digits.

use crate::enquiry::messages::FieldError;

/// The 11 digits of a mainland mobile number (`1[3-9]` + 9 digits), or why not.
///
/// Blank input is [`FieldError::Empty`]; anything else that does not reduce to such a number
/// (landlines, 12 digits, letters, foreign country codes) is [`FieldError::Phone`].
pub fn normalise_phone(input: &str) -> Result<String, FieldError> {
    if input.trim().is_empty() {
        return Err(FieldError::Empty);
    }
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for c in input.chars().map(fold_width) {
        match c {
            '0'..='9' => digits.push(c),
            // A country code sign only before every digit, and only once.
            '+' if digits.is_empty() && !plus => plus = true,
            c if is_separator(c) => {}
            _ => return Err(FieldError::Phone),
        }
    }
    let national = if plus {
        digits.strip_prefix("86").ok_or(FieldError::Phone)?
    } else if digits.len() == 15 && digits.starts_with("0086") {
        &digits[4..]
    } else if digits.len() == 13 && digits.starts_with("86") {
        &digits[2..]
    } else {
        &digits
    };
    let bytes = national.as_bytes();
    let mobile = bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]);
    if mobile {
        Ok(national.to_string())
    } else {
        Err(FieldError::Phone)
    }
}

/// The last four digits, for "请留意尾号 8000 的来电".
pub fn phone_tail(normalised: &str) -> &str {
    normalised
        .len()
        .checked_sub(4)
        .and_then(|start| normalised.get(start..))
        .unwrap_or(normalised)
}

/// A `tel:` link for a configured phone number: digits, and a leading `+`, only.
/// `None` when there is no digit to dial.
pub fn tel_href(configured: &str) -> Option<String> {
    let mut href = String::from("tel:");
    for c in configured.trim().chars().map(fold_width) {
        if c.is_ascii_digit() || (c == '+' && href.len() == 4) {
            href.push(c);
        }
    }
    href.bytes().any(|b| b.is_ascii_digit()).then_some(href)
}

/// Full-width digits and plus sign (Chinese keyboards) to ASCII.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '＋' => '+',
        _ => c,
    }
}

/// What people put between digit groups: any space (including the ideographic one and the
/// invisible ones that copy-paste brings), dashes of every width, and brackets around a prefix.
pub(crate) fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{feff}' | '-' | '\u{2010}'
                ..='\u{2015}'
                    | '\u{2212}'
                    | '\u{fe63}'
                    | '\u{ff0d}'
                    | '('
                    | ')'
                    | '\u{ff08}'
                    | '\u{ff09}'
        )
}
