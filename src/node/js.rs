//! Small helpers for building the SDK's JavaScript objects from Rust: own
//! function properties (so methods work detached, as the official arrow
//! functions do), plain objects, promises settled at once.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::bindgen_prelude::{FunctionCallContext, ToNapiValue, Unknown};
use napi::{sys, Env};

use super::error::{to_napi, PANIC_MESSAGE};
use crate::client::SdkError;

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
