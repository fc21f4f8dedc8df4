//! The two error kinds the official SDK exposes, kept as data until the binding
//! turns them into JavaScript errors.

use std::fmt;

/// Every failure the core can produce. The variants map one to one onto the
/// official package's error classes so that messages stay byte-identical.
#[derive(Clone, PartialEq, Eq)]
pub enum SdkError {
    /// `InfisicalSDKError`: local checks, network failures, and server errors
    /// whose body carries no string `message`.
    Sdk { message: String, cause: Cause },
    /// `InfisicalSDKRequestError`: the server answered with an error body that
    /// has a string `message`.
    Request {
        url: String,
        method: &'static str,
        status: u16,
        message: String,
    },
}

/// Where an `InfisicalSDKError` came from; decides whether a cached value may
/// stand in for it (stale-if-error) and never shows in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A local check (bad input, missing token, ...).
    Local,
    /// The request never got an HTTP answer (refused, reset, timeout).
    Network,
    /// The server answered with this status but no JSON `message`.
    Status(u16),
}

impl SdkError {
    pub fn sdk(message: impl Into<String>) -> Self {
        SdkError::Sdk {
            message: message.into(),
            cause: Cause::Local,
        }
    }

    pub fn network(message: impl Into<String>) -> Self {
        SdkError::Sdk {
            message: message.into(),
            cause: Cause::Network,
        }
    }

    pub fn http_status(status: u16, message: impl Into<String>) -> Self {
        SdkError::Sdk {
            message: message.into(),
            cause: Cause::Status(status),
        }
    }

    /// A network failure or a 5xx: the server may be fine a moment later, so
    /// a recent cached value may be served instead (never for 4xx).
    pub fn is_transient(&self) -> bool {
        match self {
            SdkError::Sdk { cause: Cause::Network, .. } => true,
            SdkError::Sdk { cause: Cause::Status(s), .. } => *s >= 500,
            SdkError::Request { status, .. } => *status >= 500,
            SdkError::Sdk { cause: Cause::Local, .. } => false,
        }
    }

    /// The server refused the access token as expired, revoked or used up:
    /// logging in again can fix it.
    pub fn is_token_rejection(&self) -> bool {
        match self {
            SdkError::Request { status: 403, message, .. } => message.contains("expired"),
            SdkError::Request { status: 401, message, .. } => message.contains("access token"),
            _ => false,
        }
    }

    /// The name of the JavaScript class this error becomes.
    pub fn class_name(&self) -> &'static str {
        match self {
            SdkError::Sdk { .. } => "InfisicalSDKError",
            SdkError::Request { .. } => "InfisicalSDKRequestError",
        }
    }

    /// HTTP status of a request error, if any.
    pub fn status(&self) -> Option<u16> {
        match self {
            SdkError::Sdk { .. } => None,
            SdkError::Request { status, .. } => Some(*status),
        }
    }
}

impl fmt::Display for SdkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Sdk { message, .. } => f.write_str(message),
            // Same layout as the official InfisicalSDKRequestError.
            SdkError::Request {
                url,
                method,
                status,
                message,
            } => write!(
                f,
                "[URL={url}] [Method={method}] [StatusCode={status}] {message}"
            ),
        }
    }
}

impl fmt::Debug for SdkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.class_name(), self)
    }
}

impl std::error::Error for SdkError {}

pub type SdkResult<T> = Result<T, SdkError>;

/// An error and its causes on one line, each text once: a cause whose text
/// is already shown is left out, and so is hyper-util's "client error
/// (Connect)" wrapper, which says nothing its own cause does not.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(error);
    while let Some(e) = current {
        let text = e.to_string();
        let is_wrapper = text.starts_with("client error (");
        if !is_wrapper && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    if parts.is_empty() {
        error.to_string()
    } else {
        parts.join(": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_error_uses_the_official_layout() {
        let err = SdkError::Request {
            url: "http://h/api/v3/secrets/raw/A?x=1".into(),
            method: "GET",
            status: 404,
            message: "Secret not found".into(),
        };
        assert_eq!(
            err.to_string(),
            "[URL=http://h/api/v3/secrets/raw/A?x=1] [Method=GET] [StatusCode=404] Secret not found"
        );
        assert_eq!(err.class_name(), "InfisicalSDKRequestError");
        assert_eq!(err.status(), Some(404));
    }

    #[test]
    fn transient_and_token_errors_are_recognised() {
        assert!(SdkError::network("fetch failed").is_transient());
        assert!(SdkError::http_status(503, "Request failed with status 503").is_transient());
        assert!(!SdkError::http_status(404, "x").is_transient());
        assert!(!SdkError::sdk("bad input").is_transient());
        let expired = SdkError::Request {
            url: "u".into(),
            method: "GET",
            status: 403,
            message: "Your token has expired. Please re-authenticate.".into(),
        };
        assert!(expired.is_token_rejection());
        assert!(!expired.is_transient());
    }

    #[test]
    fn sdk_error_is_its_message() {
        let err = SdkError::sdk("fetch failed");
        assert_eq!(err.to_string(), "fetch failed");
        assert_eq!(err.class_name(), "InfisicalSDKError");
    }
}
