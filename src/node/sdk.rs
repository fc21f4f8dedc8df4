//! The native half of `InfisicalSDK`: one core client per SDK instance.

use std::sync::Arc;
use std::time::Duration;

use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::Env;
use napi_derive::napi;

use napi::bindgen_prelude::{JsValue, Unknown};

use super::args::FromArgs;
use super::error::{settle, to_napi, Settle};
use super::realm;
use super::text::{CallOutcome, Shape};
use crate::client::cache::CacheConfig;
use crate::client::{Call, ClientOptions, InfisicalClient, SdkError, SdkResult};

/// What `new InfisicalSDK(options)` passes down (already type-checked in JS),
/// with the variables the JS layer read from `process.env` at that moment.
#[napi(object)]
pub struct NativeClientOptions {
    pub site_url: Option<String>,
    pub ca_certificate: Option<String>,
    /// Present when the secret cache is on.
    pub cache: Option<NativeCacheOptions>,
    /// Default true.
    pub auto_token_refresh: Option<bool>,
    /// `INFISICAL_SDK_RETRY_BASE_DELAY_MS`, when set to a number.
    pub retry_base_delay_ms: Option<f64>,
    /// `INFISICAL_SDK_REQUEST_TIMEOUT_MS`, when set to a number.
    pub request_timeout_ms: Option<f64>,
    /// `NODE_EXTRA_CA_CERTS`.
    pub extra_ca_certs: Option<String>,
}

#[napi(object)]
pub struct NativeCacheOptions {
    pub ttl_seconds: f64,
    pub max_entries: u32,
    pub max_bytes: f64,
    pub stale_if_error_seconds: f64,
}

fn millis(value: f64) -> Duration {
    seconds(value / 1000.0)
}

fn seconds(value: f64) -> Duration {
    Duration::try_from_secs_f64(value.max(0.0)).unwrap_or(Duration::MAX)
}

#[napi]
pub struct NativeClient {
    pub(crate) core: Arc<InfisicalClient>,
}

#[napi]
impl NativeClient {
    /// Throws an `InfisicalSDKError` on a bad `siteUrl` or `caCertificate`.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, options: NativeClientOptions) -> napi::Result<Self> {
        let core = InfisicalClient::new(ClientOptions {
            site_url: options.site_url,
            ca_certificate: options.ca_certificate,
            cache: options.cache.map(|c| CacheConfig {
                ttl: seconds(c.ttl_seconds),
                max_entries: c.max_entries as usize,
                // f64 -> usize saturates; NaN is refused by the JS layer.
                max_bytes: c.max_bytes.max(0.0) as usize,
                stale_if_error: seconds(c.stale_if_error_seconds),
            }),
            auto_token_refresh: options.auto_token_refresh.unwrap_or(true),
            retry_base_delay: options.retry_base_delay_ms.filter(|v| v.is_finite()).map(millis),
            request_timeout: options.request_timeout_ms.filter(|v| v.is_finite()).map(millis),
            extra_ca_certs_file: options.extra_ca_certs,
        })
        .map_err(|e| to_napi(env, &e))?;
        Ok(NativeClient { core: Arc::new(core) })
    }

    /// Drops every cached answer.
    #[napi(catch_unwind)]
    pub fn clear_cache(&self) {
        self.core.clear_cache();
    }

    /// Generation of the auth state: bumped by every login, renew and accessToken().
    #[napi(catch_unwind)]
    pub fn auth_generation(&self) -> u32 {
        self.core.auth_generation() as u32
    }

    /// The live token if `generation` is still current, else null.
    #[napi(catch_unwind)]
    pub fn token_for_generation(&self, generation: u32) -> Option<String> {
        self.core.token_for_generation(generation as u64)
    }

    /// The site URL in use (after the empty-string fallback).
    #[napi(getter, catch_unwind)]
    pub fn site_url(&self) -> String {
        self.core.site_url().to_string()
    }

    /// Moves this client's clock forward (token lifetimes, cache ages), so
    /// tests can let time pass without waiting. Not part of the public API.
    #[napi(catch_unwind)]
    pub fn advance_clock_for_testing(&self, milliseconds: f64) {
        self.core.clock().advance(millis(milliseconds));
    }
}

/// Declares `NativeClient` methods (the invoking module imports
/// `NativeClient`: napi names the class after the written type) that take a
/// call's JavaScript arguments, read them into the typed request `$ty`, and
/// resolve to the response body parsed by `JSON.parse` (its `$field` when
/// given: the official SDK unwraps one field for some calls).
macro_rules! js_calls {
    ($($method:ident($($arg:ident),*) => $ty:ty $(, $field:literal)?;)*) => {
        #[napi_derive::napi]
        impl NativeClient {
            $(
                #[napi(catch_unwind, ts_return_type = "Promise<any>")]
                pub fn $method<'env>(
                    &self,
                    env: &'env napi::Env,
                    $($arg: napi::bindgen_prelude::Unknown<'env>),*
                ) -> napi::Result<napi::bindgen_prelude::PromiseRaw<'env, $crate::node::text::CallOutcome>> {
                    let field: Option<&'static str> = None $(.or(Some($field)))?;
                    self.run::<$ty>(env, &[$($arg),*], field)
                }
            )*
        }
    };
}
pub(crate) use js_calls;

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

impl NativeClient {
    /// Sends the call the arguments describe. The call is built and issued
    /// here, on the JS thread, so its order among this client's calls (a read
    /// after a write, identical reads in one tick) is the order JavaScript
    /// made them in; a fresh cached answer (the `cache` option) settles the
    /// promise at once, without a thread hop. The future owns a clone of the
    /// core (it never borrows `self`), so a worker thread that exits with
    /// calls in flight frees its `NativeClient` without leaving the future a
    /// dangling reference.
    pub(crate) fn run<'env, C: Call + FromArgs>(
        &self,
        env: &'env Env,
        args: &[Unknown],
        field: Option<&'static str>,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        let shape = Shape { call: C::LABEL, field };
        let request = args_json(env, args).and_then(|json| C::from_json(&json)).and_then(|c| c.request());
        let pending = match request {
            Ok(request) => match self.core.cached(&request) {
                Some(hit) => return settled_now(env, CallOutcome::ready(Ok(hit), shape)),
                None => self.core.begin(request),
            },
            Err(error) => return settled_now(env, CallOutcome::ready(Err(error), shape)),
        };
        env.spawn_future(Box::pin(async move { Ok(CallOutcome { settled: pending.finish().await, shape }) }))
    }

    /// Like `run`, for calls that resolve to something else (a token).
    pub(crate) fn spawn<'env, T, F>(
        &self,
        env: &'env Env,
        make: impl FnOnce(Arc<InfisicalClient>) -> F,
    ) -> napi::Result<PromiseRaw<'env, Settle<T>>>
    where
        T: ToNapiValue + Send + 'static,
        F: std::future::Future<Output = SdkResult<T>> + Send + 'static,
    {
        env.spawn_future(Box::pin(settle(make(self.core.clone()))))
    }
}
