//! Rules for what people type in words: the name, the "其他" certificate type and the message.

use crate::enquiry::messages::FieldError;

/// The longest name, in characters, after normalising.
pub const NAME_MAX_CHARS: usize = 30;
/// The longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 500;

/// The name as it will be sent: trimmed, runs of spaces made one, and the middle-dot variants of
/// Chinese keyboards (`・`, `•`, `‧`, `∙`) made `·` with no spaces around it.
///
/// Letters of any script are allowed, with `·` and spaces inside (not first, not last, not two
/// dots in a row). Digits, punctuation, symbols and emoji are not.
pub fn normalise_name(input: &str) -> Result<String, FieldError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(FieldError::Empty);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut space_before = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            space_before = true;
        } else if is_invisible(c) {
            // Copy-paste brings these along; they carry nothing.
        } else if is_middle_dot(c) {
            space_before = false;
            if out.is_empty() || out.ends_with('·') {
                return Err(FieldError::NameCharacters);
            }
            out.push('·');
        } else if c.is_alphabetic() {
            if space_before && !out.is_empty() && !out.ends_with('·') {
                out.push(' ');
            }
            space_before = false;
            out.push(c);
        } else {
            return Err(FieldError::NameCharacters);
        }
    }
    if out.is_empty() {
        return Err(FieldError::Empty);
    }
    if out.ends_with('·') {
        return Err(FieldError::NameCharacters);
    }
    within(out, NAME_MAX_CHARS)
}

/// A required short free text (the "其他" certificate type): trimmed, runs of spaces made one,
/// control characters dropped, at most `max` characters.
pub fn normalise_short_text(input: &str, max: usize) -> Result<String, FieldError> {
    let mut out = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        let mut kept = word
            .chars()
            .filter(|c| !c.is_control() && !is_invisible(*c))
            .peekable();
        // A "word" of invisible characters only would leave a double or trailing space, and
        // the text would change when normalised again (the receiver checks that it does not).
        if kept.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(kept);
    }
    if out.is_empty() {
        return Err(FieldError::Empty);
    }
    within(out, max)
}

/// The optional message as it will be sent: line ends made `\n`, other control characters
/// dropped, trimmed; `None` when nothing is left.
pub fn normalise_message(input: &str) -> Result<Option<String>, FieldError> {
    let out = clean_message(input);
    if out.is_empty() {
        return Ok(None);
    }
    within(out, MESSAGE_MAX_CHARS).map(Some)
}

/// The message's length as the counter shows it and the limit counts it.
pub fn message_len(input: &str) -> usize {
    clean_message(input).chars().count()
}

fn clean_message(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut after_cr = false;
    for c in input.chars() {
        // \r\n and a lone \r (old Macs, some IMEs) both end a line.
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '\n' if was_cr => {}
            '\r' | '\n' => out.push('\n'),
            '\t' => out.push(c),
            c if c.is_control() || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

fn within(text: String, max: usize) -> Result<String, FieldError> {
    let len = text.chars().count();
    if len > max {
        Err(FieldError::TooLong { max, len })
    } else {
        Ok(text)
    }
}

/// `·` and the look-alikes Chinese keyboards produce for the dot in names like 阿依古丽·买买提.
fn is_middle_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•' | '‧' | '∙' | '･')
}

/// Zero-width characters that arrive with copied text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}
