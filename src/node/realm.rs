//! The JavaScript values the binding keeps per environment (the main thread,
//! each worker): the SDK's error classes, `JSON.parse` and `JSON.stringify`,
//! and the threadsafe function that settles call promises.
//! Made once, on first use, and kept in the addon's instance data.

use std::ptr;

use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, Unknown};
use napi::{sys, Env};

/// The official classes: `this.message` and `this.name` set after `super`,
/// as `@infisical/sdk` does, so stacks and own properties look the same.
const CLASSES_SOURCE: &str = r#"(function () {
  'use strict';
  const define = (name) => ({
    [name]: class extends Error {
      constructor(message) {
        super(message);
        this.message = message;
        this.name = name;
        // JavaScriptCore (Bun) gives an error made with no JavaScript frame
        // on the stack no stack at all; V8 always has one.
        if (typeof this.stack !== 'string') {
          Object.defineProperty(this, 'stack', {
            value: `${name}: ${message}`,
            writable: true,
            configurable: true,
          });
        }
      }
    },
  })[name];
  return [define('InfisicalSDKError'), define('InfisicalSDKRequestError')];
})()"#;

/// References to the values of one environment; they live as long as it.
pub struct Realm {
    pub sdk_error: sys::napi_ref,
    pub request_error: sys::napi_ref,
    json_parse: sys::napi_ref,
    json_stringify: sys::napi_ref,
    json: sys::napi_ref,
    /// Hands call answers back to this environment's thread.
    pub settler: super::settle::Settler,
}

fn reference(env: &Env, value: sys::napi_value) -> napi::Result<sys::napi_ref> {
    let mut result = ptr::null_mut();
    // SAFETY: `value` is a live value of `env`; the reference is never
    // deleted: instance data is set once and lives as long as the environment.
    napi::check_status!(unsafe { sys::napi_create_reference(env.raw(), value, 1, &mut result) })?;
    Ok(result)
}

/// The realm of `env`, made on first use.
pub fn realm(env: &Env) -> napi::Result<&'static Realm> {
    if let Some(realm) = env.get_instance_data::<Realm>()? {
        return Ok(realm);
    }
    let classes: Object = env.run_script(CLASSES_SOURCE)?;
    let sdk_error: Unknown = classes.get_element(0)?;
    let request_error: Unknown = classes.get_element(1)?;
    let json: Object = env.get_global()?.get_named_property("JSON")?;
    let parse: Unknown = json.get_named_property("parse")?;
    let stringify: Unknown = json.get_named_property("stringify")?;
    let realm = Realm {
        sdk_error: reference(env, sdk_error.raw())?,
        request_error: reference(env, request_error.raw())?,
        json_parse: reference(env, parse.raw())?,
        json_stringify: reference(env, stringify.raw())?,
        json: reference(env, json.raw())?,
        settler: super::settle::Settler::new(env)?,
    };
    env.set_instance_data(realm, (), |_| {})?;
    env.get_instance_data::<Realm>()?
        .map(|r| &*r)
        .ok_or_else(|| napi::Error::from_reason("the SDK's per-environment values could not be kept"))
}

/// The value behind a reference of this realm.
pub fn value(env: &Env, reference: sys::napi_ref) -> napi::Result<sys::napi_value> {
    let mut value = ptr::null_mut();
    // SAFETY: `reference` was made in this environment by `realm`.
    napi::check_status!(unsafe { sys::napi_get_reference_value(env.raw(), reference, &mut value) })?;
    Ok(value)
}

/// Why a call into JavaScript failed: the exception's `message` (or its
/// string form), or napi's reason when no exception was pending.
fn take_exception(env: &Env, status: sys::napi_status) -> String {
    let mut pending = false;
    // SAFETY: plain napi calls on the JS thread.
    unsafe { sys::napi_is_exception_pending(env.raw(), &mut pending) };
    if !pending {
        return format!("a JavaScript call failed ({})", napi::Status::from(status));
    }
    let mut exception = ptr::null_mut();
    unsafe { sys::napi_get_and_clear_last_exception(env.raw(), &mut exception) };
    // SAFETY: `exception` is a live value (possibly undefined).
    let exception = unsafe { Unknown::from_raw_unchecked(env.raw(), exception) };
    let message = exception
        .coerce_to_object()
        .ok()
        .and_then(|o| o.get_named_property::<Unknown>("message").ok())
        .filter(|m| m.get_type().ok() == Some(napi::ValueType::String))
        .unwrap_or(exception);
    message
        .coerce_to_string()
        .and_then(|s| s.into_utf8())
        .and_then(|s| s.into_owned())
        .unwrap_or_else(|_| "a JavaScript exception".to_string())
}

/// Calls `JSON.<function>(arg)`; an exception becomes `Err(its message)`.
fn call_json(env: &Env, function: sys::napi_ref, arg: sys::napi_value) -> Result<sys::napi_value, String> {
    let realm = realm(env).map_err(|e| e.reason.clone())?;
    let json = value(env, realm.json).map_err(|e| e.reason.clone())?;
    let function = value(env, function).map_err(|e| e.reason.clone())?;
    let mut result = ptr::null_mut();
    let args = [arg];
    // SAFETY: all values belong to `env`; `args` outlives the call.
    let status = unsafe { sys::napi_call_function(env.raw(), json, function, 1, args.as_ptr(), &mut result) };
    if status != sys::Status::napi_ok {
        return Err(take_exception(env, status));
    }
    Ok(result)
}

/// `JSON.parse(text)`.
pub fn json_parse(env: &Env, text: sys::napi_value) -> Result<sys::napi_value, String> {
    let realm = realm(env).map_err(|e| e.reason.clone())?;
    call_json(env, realm.json_parse, text)
}

/// `JSON.stringify(value)` as Rust text; `Ok(None)` when JSON.stringify
/// answers undefined. An exception (a BigInt, a cycle, a throwing toJSON)
/// becomes `Err(its message)`.
pub fn json_stringify(env: &Env, value: sys::napi_value) -> Result<Option<String>, String> {
    let realm = realm(env).map_err(|e| e.reason.clone())?;
    let text = call_json(env, realm.json_stringify, value)?;
    // SAFETY: `text` is a live value of `env`.
    let text = unsafe { Unknown::from_raw_unchecked(env.raw(), text) };
    if text.get_type().map_err(|e| e.reason.clone())? != napi::ValueType::String {
        return Ok(None);
    }
    text.coerce_to_string()
        .and_then(|s| s.into_utf8())
        .and_then(|s| s.into_owned())
        .map(Some)
        .map_err(|e| e.reason.clone())
}

/// `process.env` of this environment (a worker's own copy included).
pub fn process_env(env: &Env) -> napi::Result<sys::napi_value> {
    let process: Object = env.get_global()?.get_named_property("process")?;
    let vars: Object = process.get_named_property("env")?;
    Ok(vars.raw())
}
