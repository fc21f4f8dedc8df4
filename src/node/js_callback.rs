//! A JavaScript function the core calls from its own thread: `jwt` of
//! `jwtAuth`/`oidcAuth` as a function returning a string or a promise of one.
//! Called through a threadsafe function on the JavaScript thread at every
//! login; whatever it does (returns a non-string, throws, rejects) ends as a
//! rejected login with a message naming the option.

use std::ptr;
use std::sync::{Arc, Mutex};

use futures_util::future::{BoxFuture, FutureExt};
use napi::bindgen_prelude::{FromNapiValue, Function, JsObjectValue, JsValue, Object, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{sys, Env, Status};
use tokio::sync::oneshot;

use super::js;
use crate::client::logins::jwt::JwtProvider;
use crate::client::secret_string::SecretString;
use crate::client::{SdkError, SdkResult};

/// Weak: a login function kept for re-logins must not keep the process alive.
type JwtTsfn = ThreadsafeFunction<(), Unknown<'static>, (), Status, false, true>;

pub struct JsJwtFunction {
    function: Arc<JwtTsfn>,
    label: &'static str,
}

/// Where the outcome of one call goes (taken once: by the return value, the
/// promise's fulfilment or its rejection).
type Reply = Arc<Mutex<Option<oneshot::Sender<SdkResult<SecretString>>>>>;

fn reply(to: &Reply, outcome: SdkResult<SecretString>) {
    if let Some(sender) = to.lock().unwrap_or_else(|p| p.into_inner()).take() {
        let _ = sender.send(outcome);
    }
}

impl JsJwtFunction {
    pub fn new(env: &Env, function: sys::napi_value, label: &'static str) -> napi::Result<Self> {
        // SAFETY: `function` is a live JavaScript function of `env`.
        let function: Function<(), Unknown> = unsafe { Function::from_napi_value(env.raw(), function)? };
        let tsfn: JwtTsfn = function.build_threadsafe_function::<()>().weak::<true>().callee_handled::<false>().build()?;
        Ok(JsJwtFunction { function: Arc::new(tsfn), label })
    }
}

impl JwtProvider for JsJwtFunction {
    fn jwt(&self) -> BoxFuture<'_, SdkResult<SecretString>> {
        let label = self.label;
        let (sender, receiver) = oneshot::channel();
        let to: Reply = Arc::new(Mutex::new(Some(sender)));
        let status = self.function.call_with_return_value((), ThreadsafeFunctionCallMode::NonBlocking, {
            let to = to.clone();
            move |returned, env| {
                match returned {
                    Ok(value) => settle_value(&env, value.raw(), &to, label),
                    Err(thrown) => reply(&to, Err(function_failed(label, "threw", &thrown.reason))),
                }
                Ok(())
            }
        });
        async move {
            if status != Status::Ok {
                return Err(SdkError::sdk(format!(
                    "Option \"jwt\" of {label}: the function could not be called (the JavaScript environment is closing)"
                )));
            }
            receiver.await.unwrap_or_else(|_| {
                Err(SdkError::sdk(format!("Option \"jwt\" of {label}: the function's promise never settled")))
            })
        }
        .boxed()
    }
}

fn function_failed(label: &str, how: &str, reason: &str) -> SdkError {
    let reason = if reason.is_empty() { "(no message)" } else { reason };
    SdkError::sdk(format!("Option \"jwt\" of {label}: the function {how}: {reason}"))
}

fn type_name(env: &Env, value: sys::napi_value) -> &'static str {
    // SAFETY: `value` is a live value of `env`.
    let unknown = unsafe { Unknown::from_raw_unchecked(env.raw(), value) };
    match unknown.get_type() {
        Ok(napi::ValueType::Undefined) => "undefined",
        Ok(napi::ValueType::Null) => "null",
        Ok(napi::ValueType::Boolean) => "boolean",
        Ok(napi::ValueType::Number) => "number",
        Ok(napi::ValueType::BigInt) => "bigint",
        Ok(napi::ValueType::Symbol) => "symbol",
        Ok(napi::ValueType::Function) => "function",
        Ok(napi::ValueType::String) => "string",
        _ => "object",
    }
}

fn string_of(env: &Env, value: sys::napi_value) -> Option<String> {
    // SAFETY: `value` is a live value of `env`.
    let unknown = unsafe { Unknown::from_raw_unchecked(env.raw(), value) };
    if unknown.get_type().ok()? != napi::ValueType::String {
        return None;
    }
    unknown.coerce_to_string().ok()?.into_utf8().ok()?.into_owned().ok()
}

/// What the function returned: a string, a thenable, or something else.
fn settle_value(env: &Env, value: sys::napi_value, to: &Reply, label: &'static str) {
    if let Some(jwt) = string_of(env, value) {
        return reply(to, Ok(SecretString::new(jwt)));
    }
    let then = match type_name(env, value) {
        "object" | "function" => js::get(env, value, "then").ok().filter(|then| type_name(env, *then) == "function"),
        _ => None,
    };
    let Some(then) = then else {
        let message = format!("Option \"jwt\" of {label}: the function returned {}, not a string", type_name(env, value));
        return reply(to, Err(SdkError::sdk(message)));
    };
    if let Err(e) = await_thenable(env, value, then, to, label) {
        reply(to, Err(function_failed(label, "returned a promise that could not be awaited", &e.reason)));
    }
}

/// `value.then(onFulfilled, onRejected)`.
fn await_thenable(env: &Env, value: sys::napi_value, then: sys::napi_value, to: &Reply, label: &'static str) -> napi::Result<()> {
    let fulfilled = {
        let to = to.clone();
        js::function(env, "onFulfilled", 1, move |call| {
            let resolved = call.args[0].raw();
            let outcome = string_of(call.env, resolved).map(SecretString::new).ok_or_else(|| {
                SdkError::sdk(format!(
                    "Option \"jwt\" of {label}: the function's promise resolved to {}, not a string",
                    type_name(call.env, resolved)
                ))
            });
            reply(&to, outcome);
            Ok(js::undefined(call.env))
        })?
    };
    let rejected = {
        let to = to.clone();
        js::function(env, "onRejected", 1, move |call| {
            let reason = rejection_reason(call.env, call.args[0].raw());
            reply(&to, Err(function_failed(label, "rejected", &reason)));
            Ok(js::undefined(call.env))
        })?
    };
    let args = [fulfilled, rejected];
    let mut ignored = ptr::null_mut();
    // SAFETY: every value belongs to `env`; `args` outlives the call.
    napi::check_status!(unsafe { sys::napi_call_function(env.raw(), value, then, 2, args.as_ptr(), &mut ignored) })
}

/// A rejection's message without running user code beyond a property read:
/// a string as is, an object's string `message`, else its type.
fn rejection_reason(env: &Env, reason: sys::napi_value) -> String {
    if let Some(text) = string_of(env, reason) {
        return text;
    }
    if type_name(env, reason) == "object" {
        // SAFETY: `reason` is a live object of `env`.
        let object = unsafe { Object::from_napi_value(env.raw(), reason) };
        if let Some(message) = object
            .ok()
            .and_then(|o| o.get_named_property::<Unknown>("message").ok())
            .and_then(|m| string_of(env, m.raw()))
        {
            return message;
        }
    }
    type_name(env, reason).to_string()
}
