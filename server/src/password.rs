//! Staff passwords: argon2id hashes in the PHC string format (salt and parameters inside), and
//! the random passwords and tokens the server hands out.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use password_hash::rand_core::{OsRng, RngCore};

/// The shortest password accepted.
pub const MIN_CHARS: usize = 10;

/// Letters and digits that cannot be mistaken for each other when read aloud or copied by hand.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// The argon2id hash of `password` (argon2's recommended parameters: 19 MiB, 2 passes).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches `stored` (a hash made by [`hash`]).
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .and_then(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed))
        .is_ok()
}

/// A hash that no password matches, verified when the username is unknown, so that a wrong name
/// takes as long as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&token()).unwrap_or_default())
}

/// A new password: four groups of four characters (about 79 bits), e.g. `k7mq-3xtd-9pwa-hn4e`.
pub fn generate() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let mut out = String::with_capacity(19);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
    }
    out
}

/// A random token of 32 bytes, URL-safe base64 (session cookies, CSRF tokens).
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let stored = hash("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct horsE", &stored));
        assert!(!verify("correct horse", "not a hash"));
        assert!(!verify("", decoy()));
        assert_ne!(hash("correct horse").unwrap(), stored, "salted");
    }

    #[test]
    fn generated_secrets_look_right() {
        let password = generate();
        assert_eq!(password.len(), 19);
        assert!(password
            .chars()
            .all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        assert_ne!(generate(), password);
        assert_eq!(token().len(), 43);
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
