//! The one rule for which characters a typed text may keep: every field people type in words
//! (the name, the 其他 certificate type, the message, the staff's notes) goes through it, on the
//! phone and again on the receiver.
//!
//! **Removed silently**, because they show nothing and only hide or disguise text:
//! - control characters (C0, DEL, C1), except the line ends and tabs a multi-line field keeps;
//! - the invisible and formatting characters of [`is_invisible`]: soft hyphen, zero-width
//!   spaces and joiners, the left-to-right / right-to-left marks, embeddings, overrides and
//!   isolates (U+061C, U+200E/F, U+202A–202E, U+2066–2069), word joiners and invisible
//!   operators, Hangul fillers (a "name" made of U+3164 looks blank), variation selectors,
//!   the byte-order mark, interlinear annotation marks, shorthand format controls, musical
//!   formatting controls and tag characters (U+E0000–E0FFF).
//!
//!   Removing the direction controls also defeats the bidi trick: `回电 \u{202E}0008 3100 831`
//!   shows a different number than it holds; without the override it reads, and shows, in its
//!   true order.
//!
//! **Line ends**: CR LF, a lone CR, U+2028 and U+2029 become `\n` in multi-line fields; in
//! single-line fields they (and a tab) separate words like a space.
//!
//! **Makes a field invalid** ([`FieldError::StackedMarks`]): more than [`MAX_MARKS_IN_A_ROW`]
//! combining marks in a row (the "zalgo" text that spills over the lines above and below). A
//! real script needs at most a few on one letter.
//!
//! A compact `match` on ranges rather than a Unicode table: the app's size budget is small.

use crate::enquiry::messages::FieldError;

/// The most combining marks allowed in a row, on one base letter.
pub const MAX_MARKS_IN_A_ROW: usize = 3;

/// True for the invisible and formatting characters the rule removes from every field.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c as u32,
        0xAD | 0x34F
            | 0x61C
            | 0x115F
            | 0x1160
            | 0x17B4
            | 0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF9..=0xFFFB
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// True for a combining mark of the blocks counted by the stacked-marks rule.
pub fn is_combining_mark(c: char) -> bool {
    matches!(
        c as u32,
        0x300..=0x36F
            | 0x483..=0x489
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F
    )
}

/// True for a line end other than `\n` (U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR; CR
/// is a control character).
fn is_unicode_line_end(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// `Err(StackedMarks)` when more than [`MAX_MARKS_IN_A_ROW`] combining marks follow each other.
pub fn check_marks(chars: impl IntoIterator<Item = char>) -> Result<(), FieldError> {
    let mut run = 0;
    for c in chars {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        if run > MAX_MARKS_IN_A_ROW {
            return Err(FieldError::StackedMarks);
        }
    }
    Ok(())
}

/// True when `text` holds nothing the rule removes or converts: no invisible character, no
/// U+2028/U+2029, and no control character except `\n` and `\t` when `multiline` (none at
/// all otherwise). Whatever a normaliser of this crate accepts is clean.
pub fn is_clean(text: &str, multiline: bool) -> bool {
    text.chars().all(|c| {
        !is_invisible(c)
            && !is_unicode_line_end(c)
            && (!c.is_control() || (multiline && matches!(c, '\n' | '\t')))
    })
}

/// `text` with every removed character dropped and line ends made `\n`, tabs kept; nothing
/// trimmed and no length checked. For text stored before the rule existed: the result is
/// [`is_clean`] as multi-line text.
pub fn strip_removed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_cr = false;
    for c in text.chars() {
        // \r\n and a lone \r (old Macs, some IMEs) both end a line.
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '\n' if was_cr => {}
            '\r' | '\n' => out.push('\n'),
            c if is_unicode_line_end(c) => out.push('\n'),
            '\t' => out.push(c),
            c if c.is_control() || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True for a character a single-line field drops: an invisible one, or a control character
/// that does not separate words (those count as spaces there).
pub(crate) fn drops_in_line(c: char) -> bool {
    is_invisible(c) || (c.is_control() && !c.is_whitespace())
}

#[cfg(test)]
mod tests;
