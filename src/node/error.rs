//! The SDK's error classes, made here, and turning core results into promise
//! settlements that carry instances of them.
//!
//! `InfisicalSDKError` and `InfisicalSDKRequestError` are defined once per
//! environment (the main thread, each worker) from a small class source run
//! by V8, and kept in the addon's instance data. They are `Error`
//! subclasses with the official `name`, message and prototype chain. A
//! rejection carries the error object itself: napi keeps a reference to it
//! and rejects with it unchanged, so nothing is encoded in the message.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::ptr;

use futures_util::FutureExt;
use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, ToNapiValue, TypeName, Unknown, ValueType};
use napi::{sys, Env};

use crate::client::{SdkError, SdkResult};

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

/// References to the two constructors of one environment.
struct ErrorClasses {
    sdk: sys::napi_ref,
    request: sys::napi_ref,
}

fn reference(env: &Env, value: sys::napi_value) -> napi::Result<sys::napi_ref> {
    let mut result = ptr::null_mut();
    // SAFETY: `value` is a live value of `env`; the reference lives as long as
    // the environment (instance data is never replaced).
    napi::check_status!(unsafe { sys::napi_create_reference(env.raw(), value, 1, &mut result) })?;
    Ok(result)
}

fn classes(env: &Env) -> napi::Result<&'static ErrorClasses> {
    if let Some(classes) = env.get_instance_data::<ErrorClasses>()? {
        return Ok(classes);
    }
    let pair: Object = env.run_script(CLASSES_SOURCE)?;
    let sdk: Unknown = pair.get_element(0)?;
    let request: Unknown = pair.get_element(1)?;
    let classes = ErrorClasses {
        sdk: reference(env, sdk.raw())?,
        request: reference(env, request.raw())?,
    };
    env.set_instance_data(classes, (), |_| {})?;
    env.get_instance_data::<ErrorClasses>()?
        .map(|c| &*c)
        .ok_or_else(|| napi::Error::from_reason("the SDK error classes could not be kept"))
}

fn constructor(env: &Env, reference: sys::napi_ref) -> napi::Result<sys::napi_value> {
    let mut value = ptr::null_mut();
    // SAFETY: `reference` was made in this environment by `classes`.
    napi::check_status!(unsafe { sys::napi_get_reference_value(env.raw(), reference, &mut value) })?;
    Ok(value)
}

/// `{ InfisicalSDKError, InfisicalSDKRequestError }` of this environment.
pub fn error_classes(env: &Env) -> napi::Result<Object<'_>> {
    let classes = classes(env)?;
    let mut object = Object::new(env)?;
    // SAFETY: the constructors are live values of `env`.
    let sdk = unsafe { Unknown::from_raw_unchecked(env.raw(), constructor(env, classes.sdk)?) };
    let request = unsafe { Unknown::from_raw_unchecked(env.raw(), constructor(env, classes.request)?) };
    object.set_named_property("InfisicalSDKError", sdk)?;
    object.set_named_property("InfisicalSDKRequestError", request)?;
    Ok(object)
}

/// A new instance of the class `error` maps to, with its message.
pub fn js_error<'env>(env: &'env Env, error: &SdkError) -> napi::Result<Unknown<'env>> {
    let classes = classes(env)?;
    let class = match error {
        SdkError::Request { .. } => classes.request,
        SdkError::Sdk { .. } => classes.sdk,
    };
    let ctor = constructor(env, class)?;
    let message = env.create_string(&error.to_string())?;
    let args = [message.raw()];
    let mut instance = ptr::null_mut();
    // SAFETY: `ctor` is a constructor of `env`, `args` live across the call.
    napi::check_status!(unsafe { sys::napi_new_instance(env.raw(), ctor, 1, args.as_ptr(), &mut instance) })?;
    // SAFETY: napi_new_instance succeeded, so `instance` is a live value.
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), instance) })
}

/// `error` as a napi error that throws or rejects with the SDK error object.
pub fn to_napi(env: &Env, error: &SdkError) -> napi::Error {
    match js_error(env, error) {
        Ok(object) => napi::Error::from(object),
        Err(failure) => failure,
    }
}

/// A core result that becomes, on the JS thread, its value or a rejection
/// with an SDK error object.
pub struct Settle<T>(pub SdkResult<T>);

impl<T: TypeName> TypeName for Settle<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }

    fn value_type() -> ValueType {
        T::value_type()
    }
}

impl<T: ToNapiValue> ToNapiValue for Settle<T> {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        match val.0 {
            Ok(value) => unsafe { T::to_napi_value(env, value) },
            Err(error) => Err(to_napi(&Env::from_raw(env), &error)),
        }
    }
}

const PANIC_MESSAGE: &str =
    "Internal error in the Infisical SDK native module; the call was abandoned (please report this)";

/// Runs a core future, turning a panic into an SDK error instead of a
/// pending promise or a dead process.
pub async fn settle<T, F>(future: F) -> napi::Result<Settle<T>>
where
    F: Future<Output = SdkResult<T>>,
{
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => Ok(Settle(result)),
        Err(_) => Ok(Settle(Err(SdkError::sdk(PANIC_MESSAGE)))),
    }
}
