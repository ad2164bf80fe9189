//! Rules for what people type in words: the name, the "其他" certificate type, the message and
//! the staff's notes. Which characters they keep is the one rule of [`crate::enquiry::hygiene`].

use crate::enquiry::hygiene::{check_marks, drops_in_line, is_combining_mark, strip_removed};
use crate::enquiry::messages::FieldError;

/// The longest name, in characters, after normalising.
pub const NAME_MAX_CHARS: usize = 30;
/// The longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 500;

/// The name as it will be sent: trimmed, runs of spaces made one, and the middle-dot variants of
/// Chinese keyboards (`・`, `•`, `‧`, `∙`) made `·` with no spaces around it.
///
/// Letters of any script are allowed, with `·` and spaces inside (not first, not last, not two
/// dots in a row), and at least one letter that shows (Hangul fillers are removed, so a name
/// made of them is empty). Digits, punctuation, symbols and emoji are not. Invisible characters
/// are removed ([`crate::enquiry::hygiene`]).
pub fn normalise_name(input: &str) -> Result<String, FieldError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(FieldError::Empty);
    }
    check_marks(trimmed.chars().filter(|c| !drops_in_line(*c)))?;
    let mut out = String::with_capacity(trimmed.len());
    let mut space_before = false;
    let mut shows = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            space_before = true;
        } else if drops_in_line(c) {
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
            shows |= !is_combining_mark(c);
            out.push(c);
        } else {
            return Err(FieldError::NameCharacters);
        }
    }
    if out.is_empty() {
        return Err(FieldError::Empty);
    }
    if out.ends_with('·') || !shows {
        return Err(FieldError::NameCharacters);
    }
    within(out, NAME_MAX_CHARS)
}

/// A required short free text (the "其他" certificate type): trimmed, runs of spaces (and line
/// ends) made one space, invisible and control characters removed, no stacked marks, at most
/// `max` characters.
pub fn normalise_short_text(input: &str, max: usize) -> Result<String, FieldError> {
    let mut out = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        let mut kept = word.chars().filter(|c| !drops_in_line(*c)).peekable();
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
    check_marks(out.chars())?;
    within(out, max)
}

/// The optional message as it will be sent: line ends made `\n`, tabs kept, invisible and other
/// control characters removed, trimmed, no stacked marks; `None` when nothing is left.
pub fn normalise_message(input: &str) -> Result<Option<String>, FieldError> {
    let out = normalise_note(input, MESSAGE_MAX_CHARS)?;
    Ok((!out.is_empty()).then_some(out))
}

/// A staff note (or any optional multi-line text) by the message's rules, at most `max`
/// characters; empty when nothing is left.
pub fn normalise_note(input: &str, max: usize) -> Result<String, FieldError> {
    let out = clean_message(input);
    check_marks(out.chars())?;
    within(out, max)
}

/// The message's length as the counter shows it and the limit counts it.
pub fn message_len(input: &str) -> usize {
    clean_message(input).chars().count()
}

fn clean_message(input: &str) -> String {
    strip_removed(input).trim().to_string()
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
