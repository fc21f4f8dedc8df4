//! The request and response types every other module shares: what a call
//! sends (`ApiRequest`), what it got back (`ApiResponse`), and its part in the
//! secret cache. A leaf module: it depends on nothing else in the core except
//! `secret_string`, so `cache`, `transport` and `tls` no longer import each other.

use super::response_body::ResponseBody;
use serde_json::{Map, Value};

use super::secret_string::SecretString;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// One API call as the official SDK would make it.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    pub method: HttpMethod,
    /// Path relative to the site URL, already percent-encoded where the official SDK encodes.
    pub path: String,
    /// Query parameters in the official order; `None` means the call has no params object.
    pub query: Option<Vec<(&'static str, String)>>,
    /// JSON body text, sent with `Content-Type: application/json`. Kept as a
    /// secret: it can hold a client secret or a secret's value.
    pub body: Option<SecretString>,
    /// How the answer relates to the secret cache.
    pub cache: CacheRole,
}

/// A request's part in the (opt-in) secret cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CacheRole {
    #[default]
    None,
    /// A read whose answer may be cached, and what it depends on.
    Read(CacheScope),
    /// A write that changes the secrets of this folder.
    Write(WriteTarget),
}

impl ApiRequest {
    pub fn get(path: impl Into<String>, query: Vec<(&'static str, String)>) -> Self {
        ApiRequest {
            method: HttpMethod::Get,
            path: path.into(),
            query: Some(query),
            body: None,
            cache: CacheRole::None,
        }
    }

    /// A GET without a params object (the official SDK then adds no `?`).
    pub fn get_plain(path: impl Into<String>) -> Self {
        ApiRequest {
            method: HttpMethod::Get,
            path: path.into(),
            query: None,
            body: None,
            cache: CacheRole::None,
        }
    }

    /// A request without a body (KMS key deletion).
    pub fn bare(method: HttpMethod, path: impl Into<String>) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            query: None,
            body: None,
            cache: CacheRole::None,
        }
    }

    pub fn with_body(method: HttpMethod, path: impl Into<String>, body: &Value) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            query: None,
            // Serializing a Value cannot fail: all its keys are strings.
            body: Some(SecretString::new(serde_json::to_string(body).unwrap_or_default())),
            cache: CacheRole::None,
        }
    }

    pub fn with_cache(mut self, role: CacheRole) -> Self {
        self.cache = role;
        self
    }

    /// Identifies the answer: method, path and query (not the site or token),
    /// as JSON so that no two different requests share a key.
    pub fn key(&self) -> String {
        serde_json::to_string(&(self.method.as_str(), &self.path, &self.query)).unwrap_or_default()
    }
}

/// A successful (2xx) answer. `body` is empty for 204 and empty bodies.
#[derive(Debug, Clone)]
pub struct ApiResponse {
    pub status: u16,
    pub body: ResponseBody,
    /// Whether `body` is pure ASCII, checked once on the I/O thread so the
    /// binding can hand it to V8 as a one-byte string without scanning it.
    pub ascii: bool,
}

impl ApiResponse {
    pub fn new(status: u16, body: impl Into<ResponseBody>) -> Self {
        let body = body.into();
        let ascii = body.is_ascii();
        ApiResponse { status, body, ascii }
    }
}

/// What a cached answer depends on, so writes can drop exactly the entries
/// they may change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheScope {
    pub project: String,
    pub environment: String,
    /// Folder path, normalized ("/" by default, no trailing slash).
    pub path: String,
    /// A recursive list also covers every folder below `path`.
    pub recursive: bool,
    /// Reference expansion or imports can pull values from anywhere in the
    /// project, so any write to the project may change this answer.
    pub project_wide: bool,
}

/// The folder a write touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteTarget {
    pub project: String,
    pub environment: String,
    pub path: String,
    /// A rename: the server rewrites references to the secret anywhere in the project.
    pub project_wide: bool,
}

/// Normalizes a secret path the way the server does: leading slash, no trailing one.
pub fn normalize_path(path: Option<&str>) -> String {
    let trimmed = path.unwrap_or("/").trim().trim_end_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}


/// A JSON body whose keys keep insertion order and skip absent values, as
/// `JSON.stringify` does with `undefined`.
#[derive(Default)]
pub struct Body(Map<String, Value>);

impl Body {
    pub fn put(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        self.0.insert(key.to_string(), value.into());
        self
    }

    pub fn put_opt<T: Into<Value>>(&mut self, key: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.0.insert(key.to_string(), v.into());
        }
        self
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized() {
        assert_eq!(normalize_path(None), "/");
        assert_eq!(normalize_path(Some("a/b/")), "/a/b");
        assert_eq!(normalize_path(Some("/")), "/");
    }

    #[test]
    fn bodies_skip_absent_values_and_keep_order() {
        let mut body = Body::default();
        body.put("b", 1).put_opt("x", None::<String>).put("a", "s");
        assert_eq!(body.into_value().to_string(), r#"{"b":1,"a":"s"}"#);
    }
}
