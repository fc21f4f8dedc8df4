//! The native half of `InfisicalSDK`: one core client per SDK instance.

use std::sync::Arc;
use std::time::Duration;

use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::Env;
use napi_derive::napi;

use super::args::FromArgs;
use super::error::{settle, to_napi, Settle};
use super::text::{CallOutcome, ResponseText};
use crate::client::cache::CacheConfig;
use crate::client::{Call, ClientOptions, InfisicalClient, PendingCall, SdkResult};

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
/// `NativeClient`: napi names the class after the written type) that take a call's arguments as JSON text,
/// read them into the typed request `$ty` and resolve to the response text.
macro_rules! json_calls {
    ($($method:ident => $ty:ty;)*) => {
        #[napi_derive::napi]
        impl NativeClient {
            $(
                #[napi(ts_return_type = "Promise<string>")]
                pub fn $method<'env>(
                    &self,
                    env: &'env napi::Env,
                    args: String,
                ) -> napi::Result<napi::bindgen_prelude::PromiseRaw<'env, $crate::node::text::CallOutcome>> {
                    self.run::<$ty>(env, &args)
                }
            )*
        }
    };
}
pub(crate) use json_calls;

impl NativeClient {
    /// Sends the call `build` describes; the promise resolves to the response
    /// body text. The call is built and issued here, on the JS thread, so its
    /// order among this client's calls (a read after a write, identical reads
    /// in one tick) is the order JavaScript made them in. The future owns a
    /// clone of the core (it never borrows `self`), so a worker thread that
    /// exits with calls in flight frees its `NativeClient` without leaving the
    /// future a dangling reference.
    pub(crate) fn run<'env, C: Call + FromArgs>(
        &self,
        env: &'env Env,
        args: &str,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        let pending = match C::from_json(args) {
            Ok(call) => self.core.issue(&call),
            Err(error) => PendingCall::failed(error),
        };
        env.spawn_future(Box::pin(async move { Ok(CallOutcome(pending.finish().await)) }))
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

    /// A fresh cached answer, synchronously (no thread hop), or None (also
    /// when the arguments are bad: the async path reports that).
    pub(crate) fn cached<C: Call + FromArgs>(&self, args: &str) -> Option<ResponseText> {
        let request = C::from_json(args).ok()?.request().ok()?;
        self.core.cached(&request).map(ResponseText)
    }
}
