//! Escaping for the staff pages: everything an enquiry holds is text typed by strangers. The
//! escaping itself is the domain crate's, shared with the page; invisible and direction-changing
//! characters an older row may still hold are left out first, so that no text can show as
//! something else (a phone number reversed by U+202E).

use fushen_domain::enquiry::hygiene::strip_removed;

/// `text` as HTML text or attribute value.
pub fn esc(text: &str) -> String {
    fushen_domain::html::escape(&strip_removed(text))
}
