//! Environment variables as Node's `process.env` held them when the binding
//! read them, on the JavaScript thread.
//!
//! The core never reads the process environment itself: Node writes it under
//! its own lock (`process.env.X = ...`), so a read from another thread races
//! those writes, and a worker thread has its own copy that the C environment
//! does not show. Each call that needs variables is handed this snapshot.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use super::secret_string::SecretString;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProcessEnv(Arc<BTreeMap<String, SecretString>>);

impl ProcessEnv {
    pub fn new<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        ProcessEnv(Arc::new(
            vars.into_iter().map(|(k, v)| (k.into(), SecretString::new(v))).collect(),
        ))
    }

    /// The variable's value; unset and empty are the same, as in the official SDK's `||`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(SecretString::expose).filter(|v| !v.is_empty())
    }

    /// Every variable, for a library that takes an environment map (aws-config).
    pub fn to_map(&self) -> std::collections::HashMap<String, String> {
        self.0.iter().map(|(k, v)| (k.clone(), v.expose().to_string())).collect()
    }
}

impl fmt::Debug for ProcessEnv {
    /// Names only: values may be credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_unset_and_debug_shows_names_only() {
        let env = ProcessEnv::new([("A", ""), ("AWS_SECRET_ACCESS_KEY", "hunter2")]);
        assert_eq!(env.get("A"), None);
        assert_eq!(env.get("B"), None);
        assert_eq!(env.get("AWS_SECRET_ACCESS_KEY"), Some("hunter2"));
        let shown = format!("{env:?}");
        assert!(shown.contains("AWS_SECRET_ACCESS_KEY") && !shown.contains("hunter2"), "{shown}");
    }
}
