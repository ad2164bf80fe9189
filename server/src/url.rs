//! Percent-encoding of a value for a URL's query or path (RFC 3986's unreserved characters kept,
//! every other UTF-8 byte as `%XX`): the inbox's links, the robots' signatures, the tests.

/// `value` percent-encoded.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn unreserved_stay_and_the_rest_is_encoded() {
        assert_eq!(super::encode("aZ09-_.~"), "aZ09-_.~");
        assert_eq!(super::encode("a b+c/="), "a%20b%2Bc%2F%3D");
        assert_eq!(super::encode("张"), "%E5%BC%A0");
    }
}
