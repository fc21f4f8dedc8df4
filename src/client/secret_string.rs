//! A string for tokens, credentials and request bodies: never shown by
//! `Debug`, and wiped from memory when dropped (every clone too).

use std::fmt;

use zeroize::Zeroize;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(value: impl Into<String>) -> Self {
        SecretString(value.into())
    }

    /// The secret itself; call sites that use it are the only places it can leak.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes, moved into a buffer that is wiped when its last holder drops
    /// it (the HTTP client keeps a request body while it retries).
    pub fn into_zeroizing_bytes(mut self) -> bytes::Bytes {
        let owned = std::mem::take(&mut self.0);
        bytes::Bytes::from_owner(WipedOnDrop(owned.into_bytes()))
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(<redacted>)")
    }
}

/// A byte buffer wiped when dropped.
struct WipedOnDrop(Vec<u8>);

impl AsRef<[u8]> for WipedOnDrop {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for WipedOnDrop {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let s = SecretString::new("hunter2-token");
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2-token");
    }

    #[test]
    fn zeroizing_bytes_keep_the_content() {
        let bytes = SecretString::new("{\"clientSecret\":\"s\"}").into_zeroizing_bytes();
        assert_eq!(&bytes[..], b"{\"clientSecret\":\"s\"}");
        let copy = bytes.clone();
        drop(bytes);
        assert_eq!(&copy[..], b"{\"clientSecret\":\"s\"}");
    }
}
