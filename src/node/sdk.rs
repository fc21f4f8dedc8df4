//! `InfisicalSDK`: one core client per instance. Its area accessors, like
//! the official class fields, are own functions, so they work detached.

use std::sync::Arc;
use std::time::Duration;

use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, This, Unknown};
use napi::{sys, Env};
use napi_derive::napi;

use super::auth;
use super::dynamic_secrets::dynamic_secrets_client;
use super::environments::environments_client;
use super::error::to_napi;
use super::folders::folders_client;
use super::js;
use super::kms::kms_client;
use super::projects::projects_client;
use super::realm;
use super::secrets::secrets_client;
use crate::client::cache::CacheConfig;
use crate::client::process_env::ProcessEnv;
use crate::client::secret_string::SecretString;
use crate::client::{ClientOptions, InfisicalClient, SdkError, SdkResult};

fn millis(value: f64) -> Duration {
    seconds(value / 1000.0)
}

fn seconds(value: f64) -> Duration {
    Duration::try_from_secs_f64(value.max(0.0)).unwrap_or(Duration::MAX)
}

/// `typeof value`.
fn type_of(value: &Unknown) -> &'static str {
    match value.get_type() {
        Ok(napi::ValueType::Undefined) => "undefined",
        Ok(napi::ValueType::Boolean) => "boolean",
        Ok(napi::ValueType::Number) => "number",
        Ok(napi::ValueType::String) => "string",
        Ok(napi::ValueType::Symbol) => "symbol",
        Ok(napi::ValueType::Function) => "function",
        Ok(napi::ValueType::BigInt) => "bigint",
        _ => "object",
    }
}

fn is_nullish(value: &Unknown) -> bool {
    matches!(value.get_type(), Ok(napi::ValueType::Undefined | napi::ValueType::Null))
}

const CONSTRUCTOR: &str = "new InfisicalSDK(options)";

/// `options[key]` when it has type `kind` or is absent (null too); anything
/// else is a clear error.
fn option<'env>(options: Option<&Object<'env>>, key: &str, kind: &str) -> SdkResult<Option<Unknown<'env>>> {
    property(options, key, key, kind)
}

/// `object[key]` like `option`, named `shown` in messages (`retry.maxRetries`).
fn property<'env>(
    object: Option<&Object<'env>>,
    key: &str,
    shown: &str,
    kind: &str,
) -> SdkResult<Option<Unknown<'env>>> {
    let Some(object) = object else { return Ok(None) };
    let value: Unknown = object.get_named_property(key).map_err(|e| SdkError::sdk(e.reason.clone()))?;
    if is_nullish(&value) {
        return Ok(None);
    }
    let got = type_of(&value);
    if got != kind {
        let article = if kind == "object" { "an" } else { "a" };
        return Err(SdkError::sdk(format!("{CONSTRUCTOR}: \"{shown}\" must be {article} {kind}, received {got}")));
    }
    Ok(Some(value))
}

fn string(value: Unknown) -> SdkResult<String> {
    value
        .coerce_to_string()
        .and_then(|s| s.into_utf8())
        .and_then(|s| s.into_owned())
        .map_err(|e| SdkError::sdk(e.reason.clone()))
}

/// The `cache` option, checked and completed with its defaults: 60 s fresh,
/// 1,000 answers, 32 MiB, no stale serving.
fn cache_config(cache: &Object) -> SdkResult<CacheConfig> {
    let mut values = [0.0; 4];
    let defaults = [
        ("ttlSeconds", 60.0),
        ("maxEntries", 1000.0),
        ("maxBytes", 32.0 * 1024.0 * 1024.0),
        ("staleIfErrorSeconds", 0.0),
    ];
    for (slot, (key, fallback)) in values.iter_mut().zip(defaults) {
        let value: Unknown = cache.get_named_property(key).map_err(|e| SdkError::sdk(e.reason.clone()))?;
        let number = if is_nullish(&value) {
            Some(fallback)
        } else if value.get_type().ok() == Some(napi::ValueType::Number) {
            value.coerce_to_number().and_then(|n| n.get_double()).ok()
        } else {
            None
        };
        match number {
            Some(n) if n.is_finite() && n >= 0.0 => *slot = n,
            _ => {
                return Err(SdkError::sdk(format!(
                    "{CONSTRUCTOR}: \"cache.{key}\" must be a non-negative number"
                )))
            }
        }
    }
    Ok(CacheConfig {
        ttl: seconds(values[0]),
        max_entries: values[1].floor().min(f64::from(u32::MAX)) as usize,
        // f64 -> usize saturates.
        max_bytes: values[2].floor() as usize,
        stale_if_error: seconds(values[3]),
    })
}

/// `process.env[name]` when it is a string; None where the runtime refuses to
/// show it (Deno without --allow-env throws from the getter: the exception is
/// cleared, since the SDK's own variables are optional).
fn optional_env(env: &Env, vars: &Object, name: &str) -> Option<String> {
    match vars.get_named_property::<Unknown>(name) {
        Ok(value) => {
            if value.get_type().ok()? != napi::ValueType::String {
                return None;
            }
            string(value).ok()
        }
        Err(_) => {
            let mut exception = std::ptr::null_mut();
            // SAFETY: clears the exception the getter left pending on this env.
            unsafe { napi::sys::napi_get_and_clear_last_exception(env.raw(), &mut exception) };
            None
        }
    }
}

/// A millisecond knob of ours from process.env (test suites shorten waits).
fn env_millis(env: &Env, vars: &Object, name: &str) -> Option<Duration> {
    let text = optional_env(env, vars, name)?;
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    trimmed.parse::<f64>().ok().map(millis)
}

/// Reads the constructor's options, and the environment from `process.env`
/// (a worker's own copy included) on this thread: the core never reads it.
fn client_options(env: &Env, options: Option<Unknown>) -> SdkResult<ClientOptions> {
    let options = match options {
        Some(value) if !is_nullish(&value) => {
            let got = type_of(&value);
            if got != "object" {
                return Err(SdkError::sdk(format!(
                    "{CONSTRUCTOR}: \"options\" must be an object, received {got}"
                )));
            }
            Some(value.coerce_to_object().map_err(|e| SdkError::sdk(e.reason.clone()))?)
        }
        _ => None,
    };
    let site_url = option(options.as_ref(), "siteUrl", "string")?.map(string).transpose()?;
    let ca_certificate = option(options.as_ref(), "caCertificate", "string")?.map(string).transpose()?;
    let auto_token_refresh = option(options.as_ref(), "autoTokenRefresh", "boolean")?
        .map(|v| v.coerce_to_bool().unwrap_or(true))
        .unwrap_or(true);
    let cache = match option(options.as_ref(), "cache", "object")? {
        Some(cache) => Some(cache_config(&cache.coerce_to_object().map_err(|e| SdkError::sdk(e.reason.clone()))?)?),
        None => None,
    };
    let timeout = whole_millis(option(options.as_ref(), "timeoutMs", "number")?, "timeoutMs", 1.0, MAX_MILLIS)?;
    let (max_retries, base_delay) = match option(options.as_ref(), "retry", "object")? {
        Some(retry) => {
            let retry = plain_object(retry, "retry")?;
            let retries = property(Some(&retry), "maxRetries", "retry.maxRetries", "number")?;
            let delay = property(Some(&retry), "baseDelayMs", "retry.baseDelayMs", "number")?;
            (
                whole_number(retries, "retry.maxRetries", 0.0, MAX_RETRIES)?.map(|n| n as u32),
                whole_millis(delay, "retry.baseDelayMs", 0.0, MAX_MILLIS)?,
            )
        }
        None => (None, None),
    };
    let headers = match option(options.as_ref(), "headers", "object")? {
        Some(headers) => header_pairs(env, plain_object(headers, "headers")?)?,
        None => Vec::new(),
    };
    let user_agent = option(options.as_ref(), "userAgent", "string")?.map(string).transpose()?;
    let vars = realm::process_env(env).map_err(|e| SdkError::sdk(e.reason.clone()))?;
    // SAFETY: `vars` is a live object of `env`.
    let vars = unsafe { Unknown::from_raw_unchecked(env.raw(), vars) };
    let vars = vars.coerce_to_object().map_err(|e| SdkError::sdk(e.reason.clone()))?;
    let extra_ca_certs = optional_env(env, &vars, "NODE_EXTRA_CA_CERTS").filter(|v| !v.is_empty());
    Ok(ClientOptions {
        site_url: site_url.filter(|s| !s.is_empty()),
        ca_certificate,
        cache,
        auto_token_refresh,
        // An explicit option wins over our environment variables.
        retry_base_delay: base_delay.or_else(|| env_millis(env, &vars, "INFISICAL_SDK_RETRY_BASE_DELAY_MS")),
        max_retries,
        request_timeout: timeout.or_else(|| env_millis(env, &vars, "INFISICAL_SDK_REQUEST_TIMEOUT_MS")),
        extra_ca_certs_file: extra_ca_certs,
        headers,
        user_agent,
        proxy_env: ProcessEnv::new(
            PROXY_VARIABLES
                .iter()
                .filter_map(|&name| optional_env(env, &vars, name).map(|value| (name, value))),
        ),
    })
}

/// What `proxy::ProxyConfig` reads, both spellings (the lower case wins there).
const PROXY_VARIABLES: [&str; 6] = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"];

/// The longest `timeoutMs` / `retry.baseDelayMs`: setTimeout's limit (2^31 - 1 ms, about 24.8 days).
const MAX_MILLIS: f64 = 2_147_483_647.0;

/// The most `retry.maxRetries`: waits double each time, so more would only
/// hold a failing call for ever.
const MAX_RETRIES: f64 = 100.0;

/// A number as JavaScript prints it, for messages.
fn js_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{n}")
    }
}

/// A type-checked number option that must be an integer in `min..=max`.
fn whole_number(value: Option<Unknown>, shown: &str, min: f64, max: f64) -> SdkResult<Option<f64>> {
    let Some(value) = value else { return Ok(None) };
    let n = value
        .coerce_to_number()
        .and_then(|n| n.get_double())
        .map_err(|e| SdkError::sdk(e.reason.clone()))?;
    if n.fract() == 0.0 && (min..=max).contains(&n) {
        return Ok(Some(n));
    }
    Err(SdkError::sdk(format!(
        "{CONSTRUCTOR}: \"{shown}\" must be an integer from {min} to {max}, received {}",
        js_number(n)
    )))
}

/// A whole number of milliseconds in `min..=max`.
fn whole_millis(value: Option<Unknown>, shown: &str, min: f64, max: f64) -> SdkResult<Option<Duration>> {
    Ok(whole_number(value, shown, min, max)?.map(millis))
}

/// An option that must be a plain object (`{...}` or `Object.create(null)`):
/// an array, a `Map` or a `Headers` would be read as no entries at all.
fn plain_object<'env>(value: Unknown<'env>, shown: &str) -> SdkResult<Object<'env>> {
    let napi_error = |e: napi::Error| SdkError::sdk(e.reason.clone());
    let refuse = |got: &str| {
        SdkError::sdk(format!(
            "{CONSTRUCTOR}: \"{shown}\" must be a plain object ({{ ... }}), received {got}"
        ))
    };
    if value.is_array().map_err(napi_error)? {
        return Err(refuse("an array"));
    }
    let object = value.coerce_to_object().map_err(napi_error)?;
    let prototype = object.get_prototype().map_err(napi_error)?;
    // A plain object's prototype is Object.prototype (of any realm), whose own prototype is null.
    if !is_nullish(&prototype) {
        let grand = prototype
            .coerce_to_object()
            .and_then(|p| p.get_prototype())
            .map_err(napi_error)?;
        if !is_nullish(&grand) {
            return Err(refuse("an instance of a class (a Map or Headers is not accepted)"));
        }
    }
    Ok(object)
}

/// The `headers` option: its own enumerable string keys and their string
/// values, in order (checked as HTTP headers by the core).
fn header_pairs(env: &Env, headers: Object) -> SdkResult<Vec<(String, SecretString)>> {
    let napi_error = |e: napi::Error| SdkError::sdk(e.reason.clone());
    let mut names = std::ptr::null_mut();
    // SAFETY: `headers` is a live object of `env`; `names` receives a new array.
    napi::check_status!(unsafe {
        sys::napi_get_all_property_names(
            env.raw(),
            headers.raw(),
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut names,
        )
    })
    .map_err(napi_error)?;
    // SAFETY: `names` is the array napi just made in `env`.
    let names = unsafe { Unknown::from_raw_unchecked(env.raw(), names) }
        .coerce_to_object()
        .map_err(napi_error)?;
    let count = names.get_array_length().map_err(napi_error)?;
    let mut pairs = Vec::with_capacity(count as usize);
    for index in 0..count {
        let key = names.get_element::<Unknown>(index).map_err(napi_error)?;
        // By the key value, not its text: a name may hold a NUL.
        let value: Unknown = headers.get_property(key).map_err(napi_error)?;
        let name = string(key)?;
        let got = match value.get_type() {
            Ok(napi::ValueType::Null) => "null",
            _ => type_of(&value),
        };
        if got != "string" {
            return Err(SdkError::sdk(format!(
                "{CONSTRUCTOR}: \"headers\" values must be strings; {name:?} is {got}"
            )));
        }
        pairs.push((name, SecretString::new(string(value)?)));
    }
    Ok(pairs)
}

/// An accessor returning `value` every time: `(() => value)`, made as
/// `function () { return this }` bound to `value`.
fn returns(env: &Env, name: &str, value: sys::napi_value) -> napi::Result<sys::napi_value> {
    let f = js::function(env, name, 0, |call| Ok(call.this))?;
    js::bind(env, f, value)
}

/// Builds the object of one API area for a client.
type AreaMaker = fn(&Env, &Arc<InfisicalClient>) -> napi::Result<sys::napi_value>;

/// The entry point, shaped like the official class.
#[napi(js_name = "InfisicalSDK")]
pub struct InfisicalSdk {
    /// The instance's core, also held by each of its methods.
    _core: Arc<InfisicalClient>,
}

#[napi]
impl InfisicalSdk {
    /// `options`: `siteUrl` (default https://app.infisical.com, an empty
    /// string too), `caCertificate` (PEM roots to trust besides the bundled
    /// ones), `cache` (opt-in cache of getSecret/listSecrets answers:
    /// `ttlSeconds` 60, `maxEntries` 1000, `maxBytes` 32 MiB,
    /// `staleIfErrorSeconds` 0), `autoTokenRefresh` (default true),
    /// `timeoutMs` (10000), `retry` (`maxRetries` 4, `baseDelayMs` 1000),
    /// `headers` (extra headers of Infisical requests), `userAgent`
    /// (`infisical-sdk-native/<version>`). The proxy variables are read from
    /// `process.env` here too. Throws an `InfisicalSDKError` on a bad option.
    #[napi(constructor, catch_unwind, ts_args_type = "options?: ConstructorParameters<typeof import('./index').InfisicalSDK>[0]")]
    pub fn new(env: &Env, this: This, options: Option<Unknown>) -> napi::Result<Self> {
        let core = client_options(env, options)
            .and_then(InfisicalClient::new)
            .map_err(|e| to_napi(env, &e))?;
        let core = Arc::new(core);
        let this = this.raw();
        let areas: [(&str, AreaMaker); 5] = [
            ("secrets", secrets_client),
            ("environments", environments_client),
            ("projects", projects_client),
            ("folders", folders_client),
            ("dynamicSecrets", dynamic_secrets_client),
        ];
        for (name, make) in areas {
            let area = make(env, &core)?;
            js::set(env, this, name, returns(env, name, area)?)?;
        }
        js::set(env, this, "auth", auth::auth_accessor(env, this, &core)?)?;
        js::set(env, this, "kms", returns(env, "kms", kms_client(env, &core)?)?)?;
        let c = core.clone();
        let clear = js::arrow(env, "clearCache", 0, move |call| {
            c.clear_cache();
            Ok(js::undefined(call.env))
        })?;
        js::set(env, this, "clearCache", clear)?;
        testing_hook(env, this, &core)?;
        Ok(InfisicalSdk { _core: core })
    }
}

/// `sdk[Symbol.for('infisical-sdk-native.testing')].advanceClock(ms)`: moves
/// this client's clock forward (token lifetimes, cache ages) so tests can let
/// time pass without waiting. Not part of the API; not enumerable.
fn testing_hook(env: &Env, this: sys::napi_value, core: &Arc<InfisicalClient>) -> napi::Result<()> {
    let hook = js::object(env)?;
    let c = core.clone();
    let advance = js::arrow(env, "advanceClock", 1, move |call| {
        let ms = call.args[0].coerce_to_number().and_then(|n| n.get_double()).unwrap_or(0.0);
        c.clock().advance(millis(if ms.is_finite() { ms } else { 0.0 }));
        Ok(js::undefined(call.env))
    })?;
    js::set(env, hook, "advanceClock", advance)?;
    let key = js::symbol_for(env, "infisical-sdk-native.testing")?;
    let property = sys::napi_property_descriptor {
        utf8name: std::ptr::null(),
        name: key,
        method: None,
        getter: None,
        setter: None,
        value: hook,
        attributes: sys::PropertyAttributes::default,
        data: std::ptr::null_mut(),
    };
    // SAFETY: `this` and `key` belong to `env`; the descriptor outlives the call.
    napi::check_status!(unsafe { sys::napi_define_properties(env.raw(), this, 1, &property) })
}
