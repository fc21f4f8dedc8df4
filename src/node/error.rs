//! The SDK's error classes, made here, and turning core results into promise
//! settlements that carry instances of them.
//!
//! `InfisicalSDKError` and `InfisicalSDKRequestError` are defined once per
//! environment (see `realm`). They are `Error`
//! subclasses with the official `name`, message and prototype chain. A
//! rejection carries the error object itself: napi keeps a reference to it
//! and rejects with it unchanged, so nothing is encoded in the message.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::ptr;

use futures_util::FutureExt;
use napi::bindgen_prelude::{JsValue, Unknown};
use napi::{sys, Env};

use super::realm::{realm, value};

use crate::client::{SdkError, SdkResult};

/// A new instance of the class `error` maps to, with its message.
pub fn js_error<'env>(env: &'env Env, error: &SdkError) -> napi::Result<Unknown<'env>> {
    let realm = realm(env)?;
    let class = match error {
        SdkError::Request { .. } => realm.request_error,
        SdkError::Sdk { .. } => realm.sdk_error,
    };
    let ctor = value(env, class)?;
    let message = env.create_string(error.to_string())?;
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

/// A core result, carried to the JS thread (where an error becomes an SDK
/// error object).
pub struct Settle<T>(pub SdkResult<T>);

/// What a call that panicked rejects (or throws) with, everywhere in the binding.
pub(crate) const PANIC_MESSAGE: &str =
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
