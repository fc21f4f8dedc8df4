//! Reading and checking the arguments a JavaScript caller passed, and turning
//! them into the core's typed requests (`FromArgs`).
//!
//! Each call's arguments are read as one JSON array produced by V8's
//! `JSON.stringify` (called from Rust, `sdk::args_json`), which is exactly how
//! the official SDK serializes request bodies (undefined fields vanish,
//! `toJSON` is honoured). Every check here
//! names the call and the option at fault, so a user sees
//! `Option "projectId" of secrets().listSecrets(options) must be a string, received number`
//! instead of a server 422 or a V8 TypeError.
//!
//! `null` for an optional option means "not given", as the official SDK treats
//! `null` query parameters.

use serde_json::{Map, Value};

use crate::client::calls::Labelled;
use crate::client::secrets::SecretType;
use crate::client::{SdkError, SdkResult};

/// A typed request read from a call's JavaScript arguments.
pub trait FromArgs: Labelled + Sized {
    fn from_args(args: &Args) -> SdkResult<Self>;

    /// Parses the JSON array of arguments and reads them.
    fn from_json(json: &str) -> SdkResult<Self> {
        Self::from_args(&Args::parse(Self::LABEL, json)?)
    }
}

/// Whether JSON text holds a `\uD800`-`\uDFFF` escape (JSON.stringify writes
/// lone surrogates that way; valid pairs parse, so this is only consulted on failure).
fn has_surrogate_escape(json: &str) -> bool {
    let lower = json.to_ascii_lowercase();
    ["\\ud8", "\\ud9", "\\uda", "\\udb", "\\udc", "\\udd", "\\ude", "\\udf"]
        .iter()
        .any(|p| lower.contains(p))
}

/// The arguments of one call: `call` is how the user wrote it, for messages.
pub struct Args {
    call: &'static str,
    values: Vec<Value>,
}

impl Args {
    /// Parses the JSON array of arguments. An argument that JSON cannot
    /// represent (undefined, a function) arrives as `null`.
    pub fn parse(call: &'static str, json: &str) -> SdkResult<Args> {
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Array(values)) => Ok(Args { call, values }),
            // JSON.stringify escapes a lone UTF-16 surrogate, which is not text
            // and cannot be sent as UTF-8.
            Err(_) if has_surrogate_escape(json) => Err(SdkError::sdk(format!(
                "{call}: an argument contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF), which cannot be sent"
            ))),
            _ => Err(SdkError::sdk(format!("{call}: could not read the arguments"))),
        }
    }

    /// Argument `index` as an options object; `required` says whether it may be absent.
    pub fn object(&self, index: usize, name: &str, required: bool) -> SdkResult<Opts<'_>> {
        match self.values.get(index) {
            Some(Value::Object(map)) => Ok(Opts {
                call: self.call,
                map: Some(map),
                prefix: String::new(),
            }),
            None | Some(Value::Null) if !required => Ok(Opts {
                call: self.call,
                map: None,
                prefix: String::new(),
            }),
            other => Err(SdkError::sdk(format!(
                "{}: \"{name}\" must be an object, received {}",
                self.call,
                describe(other)
            ))),
        }
    }

    /// Argument `index` as a required non-empty string (a secret name, a lease id).
    pub fn string(&self, index: usize, name: &str) -> SdkResult<String> {
        match self.values.get(index) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            Some(Value::String(_)) => Err(SdkError::sdk(format!(
                "{}: \"{name}\" must be a non-empty string",
                self.call
            ))),
            other => Err(SdkError::sdk(format!(
                "{}: \"{name}\" must be a string, received {}",
                self.call,
                describe(other)
            ))),
        }
    }
}

/// The options object of a call (possibly absent when it is optional).
pub struct Opts<'a> {
    call: &'static str,
    map: Option<&'a Map<String, Value>>,
    /// How messages name this object's options: empty for the options
    /// object itself, `secrets[2].` for an element of its `secrets` array.
    prefix: String,
}

impl<'a> Opts<'a> {
    fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map?.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// The whole object as the user gave it, for bodies the official SDK passes through.
    pub fn raw(&self) -> Map<String, Value> {
        self.map.cloned().unwrap_or_default()
    }

    fn wrong_type(&self, key: &str, expected: &str, got: &Value) -> SdkError {
        SdkError::sdk(format!(
            "Option \"{}{key}\" of {} must be {expected}, received {}",
            self.prefix,
            self.call,
            describe(Some(got))
        ))
    }

    /// An option that is present but not of the accepted shape.
    pub fn invalid(&self, key: &str, expected: &str) -> SdkError {
        SdkError::sdk(format!("Option \"{}{key}\" of {} must be {expected}", self.prefix, self.call))
    }

    pub fn missing_error(&self, key: &str) -> SdkError {
        SdkError::sdk(format!("Missing required option \"{}{key}\" in {}", self.prefix, self.call))
    }

    /// A required non-empty array of objects (the `secrets` of a batch call),
    /// each element read as options named `key[i].option` in messages.
    pub fn req_object_array(&self, key: &str) -> SdkResult<Vec<Opts<'a>>> {
        let items = match self.get(key) {
            None => return Err(self.missing_error(key)),
            Some(Value::Array(items)) if !items.is_empty() => items,
            Some(Value::Array(_)) => return Err(self.invalid(key, "a non-empty array")),
            Some(other) => return Err(self.wrong_type(key, "an array of objects", other)),
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(map) => Ok(Opts {
                    call: self.call,
                    map: Some(map),
                    prefix: format!("{}{key}[{i}].", self.prefix),
                }),
                other => Err(self.wrong_type(&format!("{key}[{i}]"), "an object", other)),
            })
            .collect()
    }

    /// An optional array of objects, sent as given (`secretMetadata: [{ key, value }]`).
    pub fn opt_object_list(&self, key: &str) -> SdkResult<Option<Value>> {
        match self.get(key) {
            None => Ok(None),
            Some(v @ Value::Array(items)) if items.iter().all(Value::is_object) => Ok(Some(v.clone())),
            Some(other) => Err(self.wrong_type(key, "an array of objects", other)),
        }
    }

    pub fn opt_str(&self, key: &str) -> SdkResult<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.wrong_type(key, "a string", other)),
        }
    }

    pub fn req_str(&self, key: &str) -> SdkResult<String> {
        self.opt_str(key)?.ok_or_else(|| self.missing_error(key))
    }

    pub fn opt_bool(&self, key: &str) -> SdkResult<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(key, "a boolean", other)),
        }
    }

    /// A number, kept as the JSON number so it serializes as the user wrote it.
    pub fn opt_number(&self, key: &str) -> SdkResult<Option<serde_json::Number>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.clone())),
            Some(other) => Err(self.wrong_type(key, "a number", other)),
        }
    }

    pub fn opt_str_array(&self, key: &str) -> SdkResult<Option<Vec<String>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(self.wrong_type(key, "an array of strings", other)),
                })
                .collect::<SdkResult<Vec<_>>>()
                .map(Some),
            Some(other) => Err(self.wrong_type(key, "an array of strings", other)),
        }
    }

    pub fn opt_object(&self, key: &str) -> SdkResult<Option<Value>> {
        match self.get(key) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => Ok(Some(v.clone())),
            Some(other) => Err(self.wrong_type(key, "an object", other)),
        }
    }

    /// `type`, a secret type.
    pub fn opt_secret_type(&self, key: &str) -> SdkResult<Option<SecretType>> {
        Ok(self.opt_enum(key, SecretType::ALL)?.as_deref().and_then(SecretType::parse))
    }

    /// One of a fixed set of string values (for example a secret `type`).
    pub fn opt_enum(&self, key: &str, allowed: &[&str]) -> SdkResult<Option<String>> {
        match self.opt_str(key)? {
            Some(s) if !allowed.contains(&s.as_str()) => Err(SdkError::sdk(format!(
                "Option \"{}{key}\" of {} must be one of {}, received \"{s}\"",
                self.prefix,
                self.call,
                allowed
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
            other => Ok(other),
        }
    }
}

/// How a JSON value reads in an error message ("number", "undefined", ...).
fn describe(value: Option<&Value>) -> &'static str {
    match value {
        None | Some(Value::Null) => "null or undefined",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_missing_option() {
        let args = Args::parse("secrets().listSecrets(options)", r#"[{"environment":"dev"}]"#).unwrap();
        let opts = args.object(0, "options", true).unwrap();
        let err = opts.req_str("projectId").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Missing required option \"projectId\" in secrets().listSecrets(options)"
        );
    }

    #[test]
    fn names_the_option_with_the_wrong_type() {
        let args = Args::parse("x()", r#"[{"environment":5}]"#).unwrap();
        let err = args.object(0, "options", true).unwrap().req_str("environment").unwrap_err();
        assert!(err.to_string().contains("\"environment\""));
        assert!(err.to_string().contains("must be a string, received number"));
    }

    #[test]
    fn missing_options_object_is_reported() {
        let args = Args::parse("x(options)", "[null]").unwrap();
        let err = args.object(0, "options", true).err().unwrap();
        assert_eq!(err.to_string(), "x(options): \"options\" must be an object, received null or undefined");
        assert!(args.object(0, "options", false).is_ok());
        assert!(Args::parse("x()", "not json").is_err());
        let e = Args::parse("x()", r#"[{"a":"\ud800"}]"#).err().unwrap().to_string();
        assert!(e.contains("surrogate"), "{e}");
    }

    #[test]
    fn null_means_absent_for_optional_options() {
        let args = Args::parse("x()", r#"[{"secretPath":null,"recursive":null}]"#).unwrap();
        let o = args.object(0, "options", true).unwrap();
        assert_eq!(o.opt_str("secretPath").unwrap(), None);
        assert_eq!(o.opt_bool("recursive").unwrap(), None);
    }

    #[test]
    fn elements_of_an_object_array_are_named_by_index() {
        let args = Args::parse("x(options)", r#"[{"secrets":[{"secretKey":"A"},{"secretKey":5}],"empty":[],"bad":[1]}]"#).unwrap();
        let o = args.object(0, "options", true).unwrap();
        let items = o.req_object_array("secrets").unwrap();
        assert_eq!(items[0].req_str("secretKey").unwrap(), "A");
        let e = items[1].req_str("secretKey").unwrap_err().to_string();
        assert_eq!(e, "Option \"secrets[1].secretKey\" of x(options) must be a string, received number");
        let e = items[0].req_str("secretValue").unwrap_err().to_string();
        assert_eq!(e, "Missing required option \"secrets[0].secretValue\" in x(options)");
        assert!(o.req_object_array("empty").err().unwrap().to_string().contains("non-empty array"));
        assert!(o.req_object_array("bad").err().unwrap().to_string().contains("\"bad[0]\""));
        assert!(o.req_object_array("missing").err().unwrap().to_string().contains("Missing required option \"missing\""));
    }

    #[test]
    fn enums_and_arrays_are_checked() {
        let args = Args::parse("x()", r#"[{"type":"weird","tags":["a",1]}]"#).unwrap();
        let o = args.object(0, "options", true).unwrap();
        assert!(o.opt_enum("type", &["shared", "personal"]).is_err());
        assert!(o.opt_str_array("tags").is_err());
    }
}
