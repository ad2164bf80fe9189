//! The URL fragment as an ordered list of `key=value` pairs joined by `&`.
//!
//! Each feature reads and writes only its own keys ([`UrlParam`]); pairs it does not know are
//! kept as they are, so the estimator and the timeline can share one bookmarkable link.

use crate::keys::UrlParam;

/// A parsed fragment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    pairs: Vec<(String, String)>,
}

impl Fragment {
    /// Reads `#a=1&b=2` (the leading `#` is optional). Empty pieces are skipped; a piece
    /// without `=` is a key with an empty value. Keys and values are percent-decoded.
    pub fn parse(text: &str) -> Fragment {
        let text = text.strip_prefix('#').unwrap_or(text);
        let pairs = text
            .split('&')
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        Fragment { pairs }
    }

    /// The value of `param`, if present (the first one wins).
    pub fn get(&self, param: UrlParam) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == param.as_str())
            .map(|(_, v)| v.as_str())
    }

    /// Sets `param`, keeping its place if it was there; `None` removes it.
    pub fn set(&mut self, param: UrlParam, value: Option<&str>) {
        let key = param.as_str();
        match value {
            None => self.pairs.retain(|(k, _)| k != key),
            Some(v) => match self.pairs.iter_mut().find(|(k, _)| k == key) {
                Some(pair) => pair.1 = v.to_string(),
                None => self.pairs.push((key.to_string(), v.to_string())),
            },
        }
    }

    /// The fragment without its `#`; empty when there is nothing to say.
    pub fn to_text(&self) -> String {
        self.pairs
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Keeps characters that are safe in a fragment; escapes the rest as UTF-8 `%XX`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes `%XX` escapes; broken escapes and invalid UTF-8 are kept as replacement text, never a
/// panic.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_and_writes_pairs_keeping_unknown_ones() {
        let mut f = Fragment::parse("#exam=2026-09-14&zz=keep&u=30");
        assert_eq!(f.get(UrlParam::Exam), Some("2026-09-14"));
        assert_eq!(f.get(UrlParam::Usual), Some("30"));
        assert_eq!(f.get(UrlParam::Timeline), None);
        f.set(UrlParam::Exam, Some("2026-10-01"));
        f.set(UrlParam::Usual, None);
        f.set(UrlParam::Timeline, Some("1.abc"));
        assert_eq!(f.to_text(), "exam=2026-10-01&zz=keep&t=1.abc");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "#",
            "&&&",
            "=",
            "exam",
            "exam=",
            "%",
            "%zz=%",
            "a=%E4%B8",
            "a=%E6%B5%8B",
        ] {
            let f = Fragment::parse(text);
            let _ = f.to_text();
        }
        assert_eq!(Fragment::parse("a=%E6%B5%8B").pairs[0].1, "测");
        assert_eq!(Fragment::parse("#exam").get(UrlParam::Exam), Some(""));
    }

    proptest! {
        #[test]
        fn set_values_round_trip(value in "\\PC*") {
            let mut f = Fragment::default();
            f.set(UrlParam::Timeline, Some(&value));
            let back = Fragment::parse(&f.to_text());
            prop_assert_eq!(back.get(UrlParam::Timeline), Some(value.as_str()));
        }

        #[test]
        fn any_text_parses(text in "\\PC*") {
            let _ = Fragment::parse(&text).to_text();
        }
    }
}
