//! Writing HTML as text, for the one read-only block of the page that is rebuilt whole on every
//! change: the month calendars of the estimator's reasons panel.
//!
//! Typed Leptos views cost WebAssembly for every element; up to a hundred day cells replaced as a
//! block are far cheaper as a string set with `inner_html`. Everything inserted is escaped here;
//! nothing the user typed is ever written this way.

use std::fmt::Write;

use fushen_domain::html::escape;

/// An HTML fragment being written.
#[derive(Default)]
pub struct Html(String);

impl Html {
    /// An empty fragment.
    pub fn new() -> Self {
        Html(String::new())
    }

    /// Opens `tag` with `attributes` (name, value) pairs; values are escaped.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            let _ = write!(self.0, " {name}=\"{}\"", escape(value));
        }
        self.0.push('>');
        self
    }

    /// Closes `tag`.
    pub fn close(&mut self, tag: &str) -> &mut Self {
        let _ = write!(self.0, "</{tag}>");
        self
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&escape(text));
        self
    }

    /// `<tag attributes>text</tag>`.
    pub fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// The finished fragment.
    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let mut h = Html::new();
        h.element("p", &[("class", "a\"b")], "<script>");
        assert_eq!(h.finish(), "<p class=\"a&quot;b\">&lt;script&gt;</p>");
    }
}
