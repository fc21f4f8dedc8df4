//! The two error kinds the official SDK exposes, kept as data until the binding
//! turns them into JavaScript errors.

use std::fmt;

/// Every failure the core can produce. The variants map one to one onto the
/// official package's error classes so that messages stay byte-identical.
#[derive(Clone, PartialEq, Eq)]
pub enum SdkError {
    /// `InfisicalSDKError`: local checks, network failures, and server errors
    /// whose body carries no string `message`.
    Sdk { message: String },
    /// `InfisicalSDKRequestError`: the server answered with an error body that
    /// has a string `message`.
    Request {
        url: String,
        method: &'static str,
        status: u16,
        message: String,
    },
}

impl SdkError {
    pub fn sdk(message: impl Into<String>) -> Self {
        SdkError::Sdk {
            message: message.into(),
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
            SdkError::Sdk { message } => f.write_str(message),
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
    fn sdk_error_is_its_message() {
        let err = SdkError::sdk("fetch failed");
        assert_eq!(err.to_string(), "fetch failed");
        assert_eq!(err.class_name(), "InfisicalSDKError");
    }
}
