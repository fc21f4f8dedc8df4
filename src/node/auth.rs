//! `auth()`: logins and renewals resolve to the SDK instance, and each one
//! replaces the auth object (as in the official SDK, an object taken earlier
//! keeps answering `getAccessToken()` with the token it was created with).
//! Tokens stay in Rust: no JavaScript property of any object holds one.

use std::sync::Arc;

use napi::bindgen_prelude::{JavaScriptClassExt, JsValue, ObjectRef, Unknown};
use napi::{sys, Env};
use napi_derive::napi;

use super::args::Args;
use super::error::to_napi;
use super::js::{self, Call};
use super::call::args_json;
use super::logins::{self, ReadLogin};
use crate::client::auth::{AwsIamAuthLogin, UniversalAuthLogin};
use crate::client::aws_iam;
use crate::client::calls::label;
use crate::client::process_env::ProcessEnv;
use crate::client::secret_string::SecretString;
use crate::client::{InfisicalClient, SdkError, SdkResult};

/// The variables an AWS IAM login reads (the AWS credential and region
/// chain, `INFISICAL_MACHINE_IDENTITY_ID`), from `process.env` at the moment
/// of the call, as the official SDK reads them (a worker's own copy included).
fn aws_environment(env: &Env) -> ProcessEnv {
    logins::process_env(env, aws_iam::reads_env)
}

/// `auth().universalAuth.login(options)`: the options are sent as given.
fn universal_auth_login(json: &str) -> SdkResult<UniversalAuthLogin> {
    let args = Args::parse(label::UNIVERSAL_AUTH_LOGIN, json)?;
    let o = args.object(0, "options", true)?;
    o.req_str("clientId")?;
    o.req_str("clientSecret")?;
    Ok(UniversalAuthLogin::from_options(o.raw()))
}

/// `auth().awsIamAuth.login(options?)`.
fn aws_iam_auth_login(json: &str, env: ProcessEnv) -> SdkResult<AwsIamAuthLogin> {
    let args = Args::parse(label::AWS_IAM_AUTH_LOGIN, json)?;
    let o = args.object(0, "options", false)?;
    Ok(AwsIamAuthLogin {
        identity_id: o.opt_str("identityId")?,
        env,
        organization_slug: o.opt_str("organizationSlug")?,
    })
}

/// `sdk.auth`: returns the current auth object. The SDK and its current auth
/// object are kept on a holder object the accessor and every login are bound
/// to (`this`), so everything stays collectable with the SDK.
pub fn auth_accessor(env: &Env, sdk: sys::napi_value, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let holder = js::object(env)?;
    js::set(env, holder, "sdk", sdk)?;
    let first = auth_client(env, holder, core, None, None)?;
    js::set(env, holder, "current", first)?;
    let accessor = js::function(env, "auth", 0, |call| js::get(call.env, call.this, "current"))?;
    js::bind(env, accessor, holder)
}

/// Makes `token` current: a new auth object for it (and its generation) on
/// the holder; returns the SDK.
fn authenticate(env: &Env, holder: sys::napi_value, core: &Arc<InfisicalClient>, token: SecretString) -> napi::Result<sys::napi_value> {
    let generation = core.auth_generation();
    let next = auth_client(env, holder, core, Some(token), Some(generation))?;
    js::set(env, holder, "current", next)?;
    js::get(env, holder, "sdk")
}

/// The token an auth object shows: while it is current, the live one (renewed
/// automatically or not); afterwards the token it was created with.
fn live_token(core: &InfisicalClient, token: &Option<SecretString>, generation: Option<u64>) -> Option<String> {
    generation
        .and_then(|g| core.token_for_generation(g))
        .or_else(|| token.as_ref().map(|t| t.expose().to_string()))
        .filter(|t| !t.is_empty())
}

/// A login or renewal: on success the new token becomes current and the
/// promise resolves to the SDK.
fn adopt_when_done<F>(call: &Call, core: &Arc<InfisicalClient>, future: F) -> napi::Result<sys::napi_value>
where
    F: std::future::Future<Output = SdkResult<SecretString>> + Send + 'static,
{
    let env = call.env;
    // SAFETY: `this` (the holder) is a live object of `env`.
    let holder = unsafe { Unknown::from_raw_unchecked(env.raw(), call.this) }.coerce_to_object()?;
    let holder: ObjectRef<false> = holder.create_ref()?;
    let core = core.clone();
    let promise = env.spawn_future_with_callback(
        super::error::settle(future),
        move |env, settled| {
            let object = holder.get_value(env)?;
            let holder_raw = object.raw();
            holder.unref(env)?;
            match settled.0 {
                Ok(token) => authenticate(env, holder_raw, &core, token).map(js::RawValue),
                Err(error) => Err(to_napi(env, &error)),
            }
        },
    )?;
    Ok(promise.raw())
}

/// A login method: builds the call and returns its promise.
type Login = fn(Call, &Arc<InfisicalClient>) -> napi::Result<sys::napi_value>;

fn login_universal(call: Call, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    // The JSON holds the client secret: kept in a buffer wiped on drop.
    let login = args_json(call.env, &call.args[..1])
        .map(SecretString::new)
        .and_then(|json| universal_auth_login(json.expose()));
    let c = core.clone();
    adopt_when_done(&call, core, async move { c.universal_auth_login(login?).await.map(SecretString::new) })
}

fn login_aws(call: Call, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let login = args_json(call.env, &call.args[..1])
        .and_then(|json| aws_iam_auth_login(&json, aws_environment(call.env)));
    let c = core.clone();
    adopt_when_done(&call, core, async move { c.aws_iam_auth_login(login?).await.map(SecretString::new) })
}

/// A login of `client::logins`: its options are read now, on the JavaScript
/// thread; its credential is computed by the core (now and at re-logins).
fn login_computed(call: Call, core: &Arc<InfisicalClient>, read: ReadLogin) -> napi::Result<sys::napi_value> {
    let source = read(&call, logins::logins_env(call.env));
    let c = core.clone();
    adopt_when_done(&call, core, async move { c.computed_login(source?).await.map(SecretString::new) })
}

/// The logins of `client::logins`, under their public names (a new login: one row here).
const COMPUTED_LOGINS: &[(&str, ReadLogin)] = &[
    ("aliCloudAuth", logins::alicloud_auth),
    ("azureAuth", logins::azure_auth),
    ("gcpIamAuth", logins::gcp_iam_auth),
    ("gcpIdTokenAuth", logins::gcp_id_token_auth),
    ("jwtAuth", logins::jwt_auth),
    ("kubernetesAuth", logins::kubernetes_auth),
    ("ldapAuth", logins::ldap_auth),
    ("ociAuth", logins::oci_auth),
    ("oidcAuth", logins::oidc_auth),
];

/// `auth().revoke()`: revokes the current token; resolves to the SDK, whose
/// new `auth()` object holds no token.
fn revoke(call: Call, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let env = call.env;
    // SAFETY: `this` (the holder) is a live object of `env`.
    let holder = unsafe { Unknown::from_raw_unchecked(env.raw(), call.this) }.coerce_to_object()?;
    let holder: ObjectRef<false> = holder.create_ref()?;
    let c = core.clone();
    let core = core.clone();
    let promise = env.spawn_future_with_callback(
        super::error::settle(async move { c.revoke_access_token().await }),
        move |env, settled| {
            let object = holder.get_value(env)?;
            let holder_raw = object.raw();
            holder.unref(env)?;
            match settled.0 {
                Ok(()) => {
                    let next = auth_client(env, holder_raw, &core, None, Some(core.auth_generation()))?;
                    js::set(env, holder_raw, "current", next)?;
                    js::get(env, holder_raw, "sdk").map(js::RawValue)
                }
                Err(error) => Err(to_napi(env, &error)),
            }
        },
    )?;
    Ok(promise.raw())
}

/// `auth()`: made by the SDK (it has no public constructor), a new one after
/// each login, renewal or `accessToken(token)`. Its members are own
/// properties: `universalAuth` and `awsIamAuth` (`login`, `renew`),
/// `getAccessToken()` and `accessToken(token)`, all working detached.
#[napi]
pub struct AuthClient {
    _core: Arc<InfisicalClient>,
}

fn auth_client(
    env: &Env,
    holder: sys::napi_value,
    core: &Arc<InfisicalClient>,
    token: Option<SecretString>,
    generation: Option<u64>,
) -> napi::Result<sys::napi_value> {
    let client = AuthClient { _core: core.clone() }.into_instance(env)?.raw();
    let (c, t) = (core.clone(), token.clone());
    let renew = js::function(env, "renew", 0, move |call| {
        let current = live_token(&c, &t, generation);
        let core = c.clone();
        adopt_when_done(&call, &c, async move { core.renew_access_token(current.as_deref()).await })
    })?;
    let renew = js::bind(env, renew, holder)?;
    let methods: [(&str, Login); 2] =
        [("awsIamAuth", login_aws), ("universalAuth", login_universal)];
    for (name, login) in methods {
        let c = core.clone();
        let login = js::function(env, "login", 1, move |call| login(call, &c))?;
        let group = js::object(env)?;
        js::set(env, group, "login", js::bind(env, login, holder)?)?;
        js::set(env, group, "renew", renew)?;
        js::set(env, client, name, group)?;
    }
    for &(name, read) in COMPUTED_LOGINS {
        let c = core.clone();
        let login = js::function(env, "login", 1, move |call| login_computed(call, &c, read))?;
        let group = js::object(env)?;
        js::set(env, group, "login", js::bind(env, login, holder)?)?;
        js::set(env, group, "renew", renew)?;
        js::set(env, client, name, group)?;
    }
    let c = core.clone();
    let revoke = js::function(env, "revoke", 0, move |call| revoke(call, &c))?;
    js::set(env, client, "revoke", js::bind(env, revoke, holder)?)?;
    let (c, t) = (core.clone(), token);
    let get = js::arrow(env, "getAccessToken", 0, move |call| match live_token(&c, &t, generation) {
        Some(token) => Ok(napi::bindgen_prelude::JsValue::raw(&call.env.create_string(&token)?)),
        None => {
            let mut null = std::ptr::null_mut();
            // SAFETY: a plain napi call on the JS thread.
            napi::check_status!(unsafe { sys::napi_get_null(call.env.raw(), &mut null) })?;
            Ok(null)
        }
    })?;
    js::set(env, client, "getAccessToken", get)?;
    let c = core.clone();
    let set_token = js::function(env, "accessToken", 1, move |call| {
        let value = &call.args[0];
        if value.get_type()? != napi::ValueType::String {
            let got = match value.get_type()? {
                napi::ValueType::Null => "null",
                napi::ValueType::Undefined => "undefined",
                napi::ValueType::Boolean => "boolean",
                napi::ValueType::Number => "number",
                napi::ValueType::Symbol => "symbol",
                napi::ValueType::Function => "function",
                napi::ValueType::BigInt => "bigint",
                _ => "object",
            };
            let message = format!("auth().accessToken(token): \"token\" must be a string, received {got}");
            return Err(to_napi(call.env, &SdkError::sdk(message)));
        }
        let token = SecretString::new(value.coerce_to_string()?.into_utf8()?.into_owned()?);
        c.set_access_token(token.expose());
        authenticate(call.env, call.this, &c, token)
    })?;
    js::set(env, client, "accessToken", js::bind(env, set_token, holder)?)?;
    Ok(client)
}
