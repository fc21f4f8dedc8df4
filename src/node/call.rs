//! One API call from JavaScript: its arguments read (`args_json`, then the
//! area's `FromArgs`), its typed request issued on the core, and its promise,
//! which settles with the parsed response (`text`) or an SDK error.

use std::sync::Arc;

use napi::bindgen_prelude::{JsValue, PromiseRaw, ToNapiValue, Unknown};
use napi::Env;

use super::args::FromArgs;
use super::realm;
use super::text::{CallOutcome, Shape};
use crate::client::{Call, InfisicalClient, PendingCall, SdkError, SdkResult};

/// Sets, on the object `$target`, one own arrow-like function per call,
/// named as the public method: it reads the JavaScript arguments into the
/// typed request `$ty`, sends it with `$core`, and resolves to the parsed
/// body (its `$field` when given: the official SDK unwraps one field for
/// some calls).
macro_rules! api_methods {
    ($env:expr, $core:expr, $target:expr, { $($name:literal($arity:literal) => $ty:ty $(, $field:literal)?;)* }) => {{
        $(
            let core = $core.clone();
            let method = $crate::node::js::arrow($env, $name, $arity, move |c| {
                let field: Option<&'static str> = None $(.or(Some($field)))?;
                $crate::node::call::run::<$ty>(c.env, &core, &c.args, $crate::node::text::Shape::new(<$ty as $crate::client::calls::Labelled>::LABEL, field))
            })?;
            $crate::node::js::set($env, $target, $name, method)?;
        )*
        napi::Result::Ok(())
    }};
}
pub(crate) use api_methods;

/// The call's arguments as `JSON.stringify([...args])` makes them: exactly
/// how the official SDK serializes bodies (undefined dropped, `toJSON` honoured).
pub(crate) fn args_json(env: &Env, args: &[Unknown]) -> SdkResult<String> {
    let as_error = |e: napi::Error| SdkError::sdk(e.reason.clone());
    let mut array = env.create_array(args.len() as u32).map_err(as_error)?;
    for (i, arg) in args.iter().enumerate() {
        array.set(i as u32, *arg).map_err(as_error)?;
    }
    let array = array.to_unknown();
    match realm::json_stringify(env, array.raw()) {
        Ok(Some(json)) => Ok(json),
        Ok(None) => Err(SdkError::sdk("Could not serialize the arguments")),
        Err(message) => Err(SdkError::sdk(message)),
    }
}

/// A promise settled at once with `value` (resolved, or rejected when its
/// conversion fails, as a failed future would be).
pub(crate) fn settled_now<'env, T: ToNapiValue>(env: &'env Env, value: T) -> napi::Result<PromiseRaw<'env, T>> {
    let mut deferred = std::ptr::null_mut();
    let mut promise = std::ptr::null_mut();
    // SAFETY: plain napi calls on the JS thread; every value belongs to `env`.
    unsafe {
        napi::check_status!(napi::sys::napi_create_promise(env.raw(), &mut deferred, &mut promise))?;
        match T::to_napi_value(env.raw(), value) {
            Ok(resolution) => napi::check_status!(napi::sys::napi_resolve_deferred(env.raw(), deferred, resolution))?,
            Err(error) => {
                let reason = napi::JsError::from(error).into_value(env.raw());
                napi::check_status!(napi::sys::napi_reject_deferred(env.raw(), deferred, reason))?
            }
        }
    }
    Ok(PromiseRaw::new(env.raw(), promise))
}

/// Sends the call the arguments describe and returns its promise. The call
/// is built and issued here, on the JS thread, so its order among this
/// client's calls (a read after a write, identical reads in one tick) is the
/// order JavaScript made them in; a fresh cached answer (the `cache` option)
/// settles the promise at once, without a thread hop. The future owns a
/// clone of the core, so a worker thread that exits with calls in flight
/// frees its objects without leaving the future a dangling reference.
pub(crate) fn run<C: Call + FromArgs>(
    env: &Env,
    core: &Arc<InfisicalClient>,
    args: &[Unknown],
    shape: Shape,
) -> napi::Result<napi::sys::napi_value> {
    run_json::<C>(env, core, args_json(env, args), shape)
}

/// `run` with the arguments already in JSON text.
pub(crate) fn run_json<C: Call + FromArgs>(
    env: &Env,
    core: &Arc<InfisicalClient>,
    json: SdkResult<String>,
    shape: Shape,
) -> napi::Result<napi::sys::napi_value> {
    let request = json.and_then(|json| C::from_json(&json)).and_then(|c| c.request());
    let pending = match request {
        Ok(request) => core.begin(request),
        Err(error) => PendingCall::failed(error),
    };
    let promise = match pending.into_ready() {
        Ok(result) => settled_now(env, CallOutcome::ready(result, shape))?.raw(),
        Err(pending) => realm::realm(env)?.settler.spawn(env, pending, shape)?,
    };
    Ok(promise)
}
