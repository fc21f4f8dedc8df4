//! Putting user-supplied names into URL paths.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::error::{SdkError, SdkResult};

/// The characters `encodeURIComponent` leaves alone.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Encodes `value` as one path segment, like `encodeURIComponent`.
///
/// An empty value is refused (it would address the collection route), and
/// `.` and `..` are refused: URL parsers resolve them as dot segments (even
/// percent-encoded), so the request would reach another route. The official
/// SDK sends them and hits the wrong path.
pub fn segment(call: &str, name: &str, value: &str) -> SdkResult<String> {
    if value.is_empty() {
        return Err(SdkError::sdk(format!(
            "{call}: \"{name}\" must be a non-empty string: it is part of the request path"
        )));
    }
    if value == "." || value == ".." {
        return Err(SdkError::sdk(format!(
            "{call}: \"{name}\" cannot be \"{value}\": it would change the request path"
        )));
    }
    Ok(utf8_percent_encode(value, URI_COMPONENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(segment("c", "n", "A B/C?D#E%F").unwrap(), "A%20B%2FC%3FD%23E%25F");
        assert_eq!(segment("c", "n", "a-b_c.d!e~f*g'h(i)").unwrap(), "a-b_c.d!e~f*g'h(i)");
        assert_eq!(segment("c", "n", "é").unwrap(), "%C3%A9");
        assert_eq!(segment("c", "n", "../x").unwrap(), "..%2Fx");
    }

    #[test]
    fn refuses_dot_segments() {
        assert!(segment("c", "secretName", "..").is_err());
        assert!(segment("c", "secretName", ".").is_err());
        assert!(segment("c", "secretName", "...").is_ok());
        assert!(segment("c", "keyId", "").is_err());
    }
}
