//! The `headers` and `userAgent` options: extra headers sent with every
//! Infisical request (logins and renewals included), checked once at construction.
//!
//! They are added per request by `Transport::send`, never to the HTTP client
//! itself, so requests to cloud metadata and credential endpoints (which use
//! `Transport::http` directly) do not carry them.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::error::{SdkError, SdkResult};
use super::secret_string::SecretString;

/// The default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = concat!("infisical-sdk-native/", env!("CARGO_PKG_VERSION"));

/// Headers the SDK sets itself or that frame the HTTP exchange: a value from
/// `headers` would silently replace the access token, break the request, or
/// duplicate an option.
const REFUSED: &[(&str, &str)] = &[
    ("authorization", "the SDK sends the access token in it; log in with auth() or set a token with auth().accessToken()"),
    ("proxy-authorization", "put the proxy's credentials in the HTTPS_PROXY URL"),
    ("user-agent", "use the userAgent option"),
    ("content-type", "the SDK sets it for request bodies"),
    ("content-length", "it is computed from the body"),
    ("transfer-encoding", "it is managed by the HTTP client"),
    ("host", "it is taken from siteUrl"),
    ("connection", "it is managed by the HTTP client"),
    ("keep-alive", "it is managed by the HTTP client"),
    ("upgrade", "it is managed by the HTTP client"),
    ("te", "it is managed by the HTTP client"),
    ("trailer", "it is managed by the HTTP client"),
    ("expect", "it is managed by the HTTP client"),
    ("accept-encoding", "the HTTP client decompresses answers itself"),
];

/// Checks the `headers` option (names and values as given) and makes the
/// header map sent with every Infisical request. The values are marked
/// sensitive, like the access token: they may be credentials (a Cloudflare
/// Access secret), so they stay out of Debug output and HTTP/2 compression tables.
pub fn extra_headers(pairs: &[(String, SecretString)]) -> SdkResult<HeaderMap> {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            SdkError::sdk(format!(
                "Invalid headers option: {name:?} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)"
            ))
        })?;
        if let Some((_, why)) = REFUSED
            .iter()
            .find(|(refused, _)| *refused == header.as_str())
        {
            return Err(SdkError::sdk(format!(
                "Invalid headers option: the {name:?} header cannot be set ({why})"
            )));
        }
        if map.contains_key(&header) {
            return Err(SdkError::sdk(format!(
                "Invalid headers option: the {name:?} header is given twice (header names ignore case)"
            )));
        }
        let mut value = header_value(value.expose()).ok_or_else(|| {
            SdkError::sdk(format!(
                "Invalid headers option: the value of {name:?} must be printable ASCII text without line breaks"
            ))
        })?;
        value.set_sensitive(true);
        map.insert(header, value);
    }
    Ok(map)
}

/// Checks the `userAgent` option.
pub fn user_agent(value: &str) -> SdkResult<String> {
    if value.trim().is_empty() || header_value(value).is_none() {
        return Err(SdkError::sdk(
            "Invalid userAgent option: expected non-empty printable ASCII text without line breaks",
        ));
    }
    Ok(value.to_string())
}

/// A header value of visible ASCII, spaces and tabs only (no CR, LF, NUL or other
/// control characters, which would allow header injection).
fn header_value(value: &str) -> Option<HeaderValue> {
    // `from_str` alone lets UTF-8 bytes through, which servers read as Latin-1.
    value
        .is_ascii()
        .then(|| HeaderValue::from_str(value).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, SecretString)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), SecretString::new(*v)))
            .collect()
    }

    #[test]
    fn valid_headers_are_kept() {
        let map = extra_headers(&pairs(&[
            ("X-Tenant", "a b"),
            ("CF-Access-Client-Id", "id.access"),
        ]))
        .unwrap();
        assert_eq!(map.get("x-tenant").unwrap(), "a b");
        assert_eq!(map.len(), 2);
        let shown = format!("{map:?}");
        assert!(!shown.contains("id.access"), "{shown}");
    }

    #[test]
    fn the_access_token_header_and_framing_headers_are_refused() {
        for name in [
            "Authorization",
            "authorization",
            "User-Agent",
            "Host",
            "Content-Length",
            "Content-Type",
        ] {
            let e = extra_headers(&pairs(&[(name, "x")]))
                .unwrap_err()
                .to_string();
            assert!(e.contains("cannot be set") && e.contains(name), "{e}");
        }
    }

    #[test]
    fn bad_names_values_and_duplicates_are_refused() {
        for (name, value) in [
            ("bad name", "x"),
            ("", "x"),
            ("x-a", "line\r\nInjected: 1"),
            ("x-a", "é"),
            ("x-a", "\0"),
        ] {
            assert!(
                extra_headers(&pairs(&[(name, value)])).is_err(),
                "{name:?}: {value:?}"
            );
        }
        let e = extra_headers(&pairs(&[("X-A", "1"), ("x-a", "2")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("twice"), "{e}");
        assert!(user_agent("").is_err());
        assert!(user_agent("a\nb").is_err());
        assert_eq!(user_agent("my-app/1.0").unwrap(), "my-app/1.0");
    }
}
