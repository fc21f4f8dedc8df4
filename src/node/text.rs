//! Response text handed to JavaScript.
//!
//! Infisical's JSON is almost always pure ASCII (the core checks this on the
//! worker thread). Large (2 MiB+) ASCII bodies become *external* one-byte V8 strings
//! that point at the Rust buffer, so the JS thread copies nothing (a 6.8 MB,
//! 10,000-secret list otherwise costs it ~3 ms of copying and page faults);
//! V8 parses them directly and drops our reference when it collects the
//! string. Smaller ASCII bodies are copied with `napi_create_string_latin1`,
//! about twice as fast as the UTF-8 path, which only non-ASCII bodies take.

use std::ffi::c_void;
use std::ptr;
use std::sync::{Arc, OnceLock};

use napi::bindgen_prelude::{ToNapiValue, TypeName, ValueType};
use napi::sys;

use napi::bindgen_prelude::JsValue;

use super::error::to_napi;
use super::realm;
use crate::client::{ApiResponse, SdkError, SdkResult, Settled};

/// The body of a response, possibly shared with the cache or other callers.
pub struct ResponseText(pub Arc<ApiResponse>);

/// What a call resolves to: the response body parsed by V8's `JSON.parse`
/// (it must be a JSON object, as the official SDK's callers assume), or its
/// `field` when the official SDK unwraps one.
#[derive(Clone, Copy)]
pub struct Shape {
    /// The call's label, for messages.
    pub call: &'static str,
    pub field: Option<&'static str>,
    /// Work on the parsed body before `field` is taken (process.env, imports).
    pub after: Option<After>,
}

/// What happens to a parsed body on the JS thread; returns the new result.
pub type After = fn(&napi::Env, sys::napi_value) -> napi::Result<sys::napi_value>;

impl Shape {
    pub fn new(call: &'static str, field: Option<&'static str>) -> Self {
        Shape { call, field, after: None }
    }
}

impl Shape {
    /// The label without its parameter list: `secrets().getSecret`.
    fn name(self) -> &'static str {
        self.call.rsplit_once('(').map_or(self.call, |(name, _)| name)
    }

}

/// How a call ended: its response, or its error. Converted on the JS thread,
/// where its join window closes: identical reads issued before this answer
/// reached JavaScript share its request, later ones start their own.
pub struct CallOutcome {
    pub settled: Settled,
    pub shape: Shape,
}

impl CallOutcome {
    pub fn ready(result: SdkResult<Arc<ApiResponse>>, shape: Shape) -> Self {
        CallOutcome { settled: Settled { result, window: None }, shape }
    }
}

impl TypeName for CallOutcome {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

/// The type of a JSON value, as `typeof` words it (with `null` and arrays apart).
unsafe fn json_kind(env: sys::napi_env, value: sys::napi_value) -> &'static str {
    let mut kind = sys::ValueType::napi_undefined;
    unsafe { sys::napi_typeof(env, value, &mut kind) };
    match kind {
        sys::ValueType::napi_null => "a null",
        sys::ValueType::napi_string => "a string",
        sys::ValueType::napi_number => "a number",
        sys::ValueType::napi_boolean => "a boolean",
        sys::ValueType::napi_object => {
            let mut array = false;
            unsafe { sys::napi_is_array(env, value, &mut array) };
            if array {
                "an array"
            } else {
                "object"
            }
        }
        _ => "an empty body",
    }
}

/// The parsed body of a response, shaped as `shape` says.
unsafe fn parsed(env: sys::napi_env, response: Arc<ApiResponse>, shape: Shape) -> SdkResult<sys::napi_value> {
    let name = shape.name();
    let js_env = napi::Env::from_raw(env);
    let body = if response.body.is_empty() {
        None
    } else {
        let text = unsafe { ResponseText::to_napi_value(env, ResponseText(response)) }
            .map_err(|e| SdkError::sdk(e.reason.clone()))?;
        let value = realm::json_parse(&js_env, text)
            .map_err(|_| SdkError::sdk(format!("{name}: the server's response is not valid JSON")))?;
        Some(value)
    };
    let kind = body.map_or("an empty body", |b| unsafe { json_kind(env, b) });
    let body = match body {
        Some(body) if kind == "object" => body,
        _ => {
            return Err(SdkError::sdk(format!(
                "{name}: the server answered with {kind} where a JSON object was expected"
            )))
        }
    };
    let body = match shape.after {
        Some(after) => after(&js_env, body).map_err(|e| SdkError::sdk(e.reason.clone()))?,
        None => body,
    };
    let Some(field) = shape.field else {
        return Ok(body);
    };
    let key = js_env.create_string(field).map_err(|e| SdkError::sdk(e.reason.clone()))?;
    let mut present = false;
    // `key in body`, as the official SDK's callers would see it.
    unsafe { sys::napi_has_property(env, body, key.raw(), &mut present) };
    if !present {
        return Err(SdkError::sdk(format!("{name}: the server's response has no \"{field}\" field")));
    }
    let mut value = ptr::null_mut();
    napi::check_status!(unsafe { sys::napi_get_property(env, body, key.raw(), &mut value) })
        .map_err(|e| SdkError::sdk(e.reason.clone()))?;
    Ok(value)
}

impl ToNapiValue for CallOutcome {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let CallOutcome { settled: Settled { result, window }, shape } = val;
        // An error here rejects the promise with the SDK error object.
        let value = match result.and_then(|response| unsafe { parsed(env, response, shape) }) {
            Ok(value) => Ok(value),
            Err(error) => Err(to_napi(&napi::Env::from_raw(env), &error)),
        };
        drop(window);
        value
    }
}

/// External strings only for large bodies: they are freed only when V8
/// collects the string, so mid-size lists (100 KB - 1 MB) kept that way raised
/// peak RSS (listSecrets of 1,000: 105 MiB against 74 MiB copied), while
/// copying them costs well under a millisecond.
const EXTERNAL_MIN_BYTES: usize = 2 * 1024 * 1024;

impl TypeName for ResponseText {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

/// Whether this Node has `node_api_create_external_string_latin1` (20.4+, 18.18+).
fn external_strings_supported(env: sys::napi_env) -> bool {
    static SUPPORTED: OnceLock<bool> = OnceLock::new();
    *SUPPORTED.get_or_init(|| {
        let mut version: *const sys::napi_node_version = ptr::null();
        // SAFETY: napi fills `version` with a pointer to static data.
        let status = unsafe { sys::napi_get_node_version(env, &mut version) };
        if status != sys::Status::napi_ok || version.is_null() {
            return false;
        }
        let v = unsafe { &*version };
        v.major > 20 || (v.major == 20 && v.minor >= 4) || (v.major == 18 && v.minor >= 18)
    })
}

/// What an external string keeps alive: the response, and how many bytes we
/// reported to V8 as external memory (so its GC sees them and collects dead
/// bodies promptly instead of letting them pile up outside its heap).
struct ExternalBody {
    response: Arc<ApiResponse>,
    reported: i64,
}

/// Releases the reference an external string held on its response.
unsafe extern "C" fn release_response(
    env: sys::node_api_basic_env,
    _data: *mut c_void,
    hint: *mut c_void,
) {
    // SAFETY: `hint` is the Box<ExternalBody> leaked in `external_latin1`.
    let body = unsafe { Box::from_raw(hint.cast::<ExternalBody>()) };
    if body.reported != 0 {
        let mut total = 0;
        // SAFETY: adjusting external memory is allowed from a basic finalizer.
        unsafe { sys::napi_adjust_external_memory(env.cast(), -body.reported, &mut total) };
    }
    drop(body.response);
}

/// An external string over the response body, or None if V8 refused.
unsafe fn external_latin1(env: sys::napi_env, response: &Arc<ApiResponse>) -> Option<sys::napi_value> {
    let body = response.body.as_bytes();
    let hint = Box::into_raw(Box::new(ExternalBody {
        response: response.clone(),
        reported: 0,
    }));
    let mut value = ptr::null_mut();
    let mut copied = false;
    // SAFETY: the bytes live as long as the Arc in `hint`, which the finalizer
    // releases (at once if V8 copied, else when the string is collected).
    let status = unsafe {
        sys::node_api_create_external_string_latin1(
            env,
            body.as_ptr().cast(),
            body.len() as isize,
            Some(release_response),
            hint.cast(),
            &mut value,
            &mut copied,
        )
    };
    if status != sys::Status::napi_ok {
        // The finalizer never runs on failure.
        drop(unsafe { Box::from_raw(hint) });
        return None;
    }
    if !copied {
        // Still ours: the finalizer runs later, on this thread.
        let len = body.len() as i64;
        let mut total = 0;
        if unsafe { sys::napi_adjust_external_memory(env, len, &mut total) } == sys::Status::napi_ok {
            unsafe { (*hint).reported = len };
        }
    }
    Some(value)
}

impl ToNapiValue for ResponseText {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let response = val.0;
        let text: &str = &response.body;
        if !response.ascii {
            return unsafe { <&str>::to_napi_value(env, text) };
        }
        if text.len() >= EXTERNAL_MIN_BYTES && external_strings_supported(env) {
            if let Some(value) = unsafe { external_latin1(env, &response) } {
                return Ok(value);
            }
        }
        let mut value = ptr::null_mut();
        // SAFETY: `text` outlives the call, and ASCII bytes are valid Latin-1.
        let status = unsafe {
            sys::napi_create_string_latin1(env, text.as_ptr().cast(), text.len() as isize, &mut value)
        };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                napi::Status::GenericFailure,
                "Could not create the response string",
            ));
        }
        Ok(value)
    }
}
