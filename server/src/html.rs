//! Escaping for the staff pages: everything an enquiry holds is text typed by strangers. The
//! escaping itself is the domain crate's, shared with the page.

pub use fushen_domain::html::escape as esc;
