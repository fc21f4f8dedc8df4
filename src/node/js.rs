//! Small helpers for building the SDK's JavaScript objects from Rust: own
//! function properties (so methods work detached, as the official arrow
//! functions do), plain objects, and native data attached to an object.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::Arc;

use napi::bindgen_prelude::{FunctionCallContext, ToNapiValue, Unknown};
use napi::{sys, Env};

use super::error::to_napi;
use crate::client::{InfisicalClient, SdkError};

/// A JavaScript value handed back as is.
pub struct RawValue(pub sys::napi_value);

impl ToNapiValue for RawValue {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        Ok(val.0)
    }
}

/// `undefined`.
pub fn undefined(env: &Env) -> sys::napi_value {
    let mut value = ptr::null_mut();
    // SAFETY: a plain napi call on the JS thread.
    unsafe { sys::napi_get_undefined(env.raw(), &mut value) };
    value
}

/// A new plain object.
pub fn object(env: &Env) -> napi::Result<sys::napi_value> {
    let mut value = ptr::null_mut();
    // SAFETY: a plain napi call on the JS thread.
    napi::check_status!(unsafe { sys::napi_create_object(env.raw(), &mut value) })?;
    Ok(value)
}

/// `target[name] = value` (an ordinary, enumerable own property).
pub fn set(env: &Env, target: sys::napi_value, name: &str, value: sys::napi_value) -> napi::Result<()> {
    let key = env.create_string(name)?;
    // SAFETY: every value belongs to `env`.
    napi::check_status!(unsafe { sys::napi_set_property(env.raw(), target, napi::bindgen_prelude::JsValue::raw(&key), value) })
}

/// `target[name]`.
pub fn get(env: &Env, target: sys::napi_value, name: &str) -> napi::Result<sys::napi_value> {
    let key = env.create_string(name)?;
    let mut value = ptr::null_mut();
    // SAFETY: every value belongs to `env`.
    napi::check_status!(unsafe {
        sys::napi_get_property(env.raw(), target, napi::bindgen_prelude::JsValue::raw(&key), &mut value)
    })?;
    Ok(value)
}

/// What a method written in Rust receives: the environment, its arguments
/// (missing ones are `undefined`) and `this`.
pub struct Call<'a> {
    pub env: &'a Env,
    pub args: Vec<Unknown<'a>>,
    pub this: sys::napi_value,
}

const PANIC_MESSAGE: &str =
    "Internal error in the Infisical SDK native module; the call was abandoned (please report this)";

/// A function named `name` running `body` with `arity` arguments. A panic
/// becomes an SDK error instead of a dead process.
pub fn function<F>(env: &Env, name: &str, arity: usize, body: F) -> napi::Result<sys::napi_value>
where
    F: Fn(Call) -> napi::Result<sys::napi_value> + 'static,
{
    let f = env.create_function_from_closure::<(), RawValue, _>(name, move |ctx: FunctionCallContext| {
        let env: &Env = ctx.env;
        let mut args = Vec::with_capacity(arity);
        for i in 0..arity {
            let arg = if i < ctx.length() { ctx.get::<Unknown>(i)? } else {
                // SAFETY: `undefined` is a live value of `env`.
                unsafe { Unknown::from_raw_unchecked(env.raw(), undefined(env)) }
            };
            args.push(arg);
        }
        let this = ctx.this::<Unknown>().map(|t| napi::bindgen_prelude::JsValue::raw(&t)).unwrap_or_else(|_| undefined(env));
        match catch_unwind(AssertUnwindSafe(|| body(Call { env, args, this }))) {
            Ok(result) => result.map(RawValue),
            Err(_) => Err(to_napi(env, &SdkError::sdk(PANIC_MESSAGE))),
        }
    })?;
    Ok(napi::bindgen_prelude::JsValue::raw(&f))
}

/// `fn.bind(this)`: a function without a `prototype`, like an arrow
/// function, whose `this` is fixed.
pub fn bind(env: &Env, function: sys::napi_value, this: sys::napi_value) -> napi::Result<sys::napi_value> {
    let bind = get(env, function, "bind")?;
    let mut bound = ptr::null_mut();
    let args = [this];
    // SAFETY: every value belongs to `env`; `args` outlives the call.
    napi::check_status!(unsafe { sys::napi_call_function(env.raw(), function, bind, 1, args.as_ptr(), &mut bound) })?;
    Ok(bound)
}

/// Like `function`, shaped like an arrow function (no `prototype`).
pub fn arrow<F>(env: &Env, name: &str, arity: usize, body: F) -> napi::Result<sys::napi_value>
where
    F: Fn(Call) -> napi::Result<sys::napi_value> + 'static,
{
    let f = function(env, name, arity, body)?;
    bind(env, f, undefined(env))
}

unsafe extern "C" fn drop_core(_env: sys::napi_env, data: *mut std::ffi::c_void, _hint: *mut std::ffi::c_void) {
    // SAFETY: `data` is the Box leaked in `attach_core`.
    drop(unsafe { Box::from_raw(data.cast::<Arc<InfisicalClient>>()) });
}

/// Marks the objects `attach_core` wrapped, so `attached_core` never reads
/// another addon's (or napi class's) native data as a core.
const CORE_TAG: sys::napi_type_tag = sys::napi_type_tag { lower: 0x1f5e_c0de_0000_0011, upper: 0x1f5c_a1c0_5dc0_0001 };

/// Attaches the core to `target`, released when `target` is collected.
pub fn attach_core(env: &Env, target: sys::napi_value, core: &Arc<InfisicalClient>) -> napi::Result<()> {
    // SAFETY: `target` is an object of `env`; the tag is static.
    napi::check_status!(unsafe { sys::napi_type_tag_object(env.raw(), target, &CORE_TAG) })?;
    let data = Box::into_raw(Box::new(core.clone()));
    // SAFETY: `target` is an object of `env`; the finalizer frees `data`.
    let status = unsafe {
        sys::napi_wrap(env.raw(), target, data.cast(), Some(drop_core), ptr::null_mut(), ptr::null_mut())
    };
    if status != sys::Status::napi_ok {
        // SAFETY: napi did not take `data`.
        drop(unsafe { Box::from_raw(data) });
        return napi::check_status!(status);
    }
    Ok(())
}

/// The core `attach_core` put on `target`, if any (never for `undefined`).
pub fn attached_core(env: &Env, target: sys::napi_value) -> Option<Arc<InfisicalClient>> {
    let mut kind = sys::ValueType::napi_undefined;
    // SAFETY: plain napi calls on values of `env`.
    unsafe { sys::napi_typeof(env.raw(), target, &mut kind) };
    if kind != sys::ValueType::napi_object {
        return None;
    }
    let mut tagged = false;
    let status = unsafe { sys::napi_check_object_type_tag(env.raw(), target, &CORE_TAG, &mut tagged) };
    if status != sys::Status::napi_ok || !tagged {
        return None;
    }
    let mut data = ptr::null_mut();
    let status = unsafe { sys::napi_unwrap(env.raw(), target, &mut data) };
    if status != sys::Status::napi_ok || data.is_null() {
        return None;
    }
    // SAFETY: objects with CORE_TAG were wrapped by `attach_core`.
    Some(unsafe { &*data.cast::<Arc<InfisicalClient>>() }.clone())
}

/// A promise rejected with `error` (an SDK error object).
pub fn rejected(env: &Env, error: napi::Error) -> napi::Result<sys::napi_value> {
    let mut deferred = ptr::null_mut();
    let mut promise = ptr::null_mut();
    // SAFETY: plain napi calls on the JS thread.
    unsafe {
        napi::check_status!(sys::napi_create_promise(env.raw(), &mut deferred, &mut promise))?;
        let reason = napi::JsError::from(error).into_value(env.raw());
        napi::check_status!(sys::napi_reject_deferred(env.raw(), deferred, reason))?;
    }
    Ok(promise)
}

/// `Object.create(prototype)`.
pub fn object_with_prototype(env: &Env, prototype: sys::napi_value) -> napi::Result<sys::napi_value> {
    let mut global = ptr::null_mut();
    // SAFETY: plain napi calls on values of `env`.
    napi::check_status!(unsafe { sys::napi_get_global(env.raw(), &mut global) })?;
    let object_ctor = get(env, global, "Object")?;
    let create = get(env, object_ctor, "create")?;
    let mut object = ptr::null_mut();
    let args = [prototype];
    napi::check_status!(unsafe {
        sys::napi_call_function(env.raw(), object_ctor, create, 1, args.as_ptr(), &mut object)
    })?;
    Ok(object)
}

/// `{ ...source }`: a new object with the own enumerable properties of `source`.
pub fn spread(env: &Env, source: sys::napi_value) -> napi::Result<sys::napi_value> {
    let copy = object(env)?;
    let mut names = ptr::null_mut();
    // SAFETY: plain napi calls on values of `env`.
    napi::check_status!(unsafe {
        sys::napi_get_all_property_names(
            env.raw(),
            source,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable,
            sys::KeyConversion::numbers_to_strings,
            &mut names,
        )
    })?;
    let mut len = 0;
    napi::check_status!(unsafe { sys::napi_get_array_length(env.raw(), names, &mut len) })?;
    for i in 0..len {
        let mut key = ptr::null_mut();
        let mut value = ptr::null_mut();
        napi::check_status!(unsafe { sys::napi_get_element(env.raw(), names, i, &mut key) })?;
        napi::check_status!(unsafe { sys::napi_get_property(env.raw(), source, key, &mut value) })?;
        napi::check_status!(unsafe { sys::napi_set_property(env.raw(), copy, key, value) })?;
    }
    Ok(copy)
}

/// `Symbol.for(key)`.
pub fn symbol_for(env: &Env, key: &str) -> napi::Result<sys::napi_value> {
    let mut symbol = ptr::null_mut();
    // SAFETY: `key` outlives the call.
    napi::check_status!(unsafe {
        sys::node_api_symbol_for(env.raw(), key.as_ptr().cast(), key.len() as isize, &mut symbol)
    })?;
    Ok(symbol)
}
