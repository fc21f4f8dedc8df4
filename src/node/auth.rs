//! Binding for `auth()`.

use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, PromiseRaw, Unknown};
use napi::Env;
use napi_derive::napi;

use super::args::Args;
use super::error::{self, Settle};
use super::sdk::{args_json, NativeClient};
use crate::client::auth::{AwsIamAuthLogin, UniversalAuthLogin};
use crate::client::aws_iam;
use crate::client::calls::label;
use crate::client::process_env::ProcessEnv;
use crate::client::SdkResult;

/// The variables an AWS IAM login reads (the AWS credential and region
/// chain, `INFISICAL_MACHINE_IDENTITY_ID`), from `process.env` at the moment
/// of the call, as the official SDK reads them (a worker's own copy included).
fn aws_environment(env: &Env) -> Vec<(String, String)> {
    let read = || -> napi::Result<Vec<(String, String)>> {
        let process: Object = env.get_global()?.get_named_property("process")?;
        let vars: Object = process.get_named_property("env")?;
        let names = vars.get_property_names()?;
        let mut found = Vec::new();
        for i in 0..names.get_array_length()? {
            let name: String = names.get_element(i)?;
            if !aws_iam::reads_env(&name) {
                continue;
            }
            let value: Unknown = vars.get_named_property(&name)?;
            if value.get_type()? == napi::ValueType::String {
                found.push((name, value.coerce_to_string()?.into_utf8()?.into_owned()?));
            }
        }
        Ok(found)
    };
    read().unwrap_or_default()
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
    Ok(AwsIamAuthLogin { identity_id: o.opt_str("identityId")?, env })
}

#[napi]
impl NativeClient {
    /// `auth().universalAuth.login(options)`: resolves to the new access token.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn universal_auth_login<'env>(
        &self,
        env: &'env Env,
        options: Unknown<'env>,
    ) -> napi::Result<PromiseRaw<'env, Settle<String>>> {
        let login = args_json(env, &[options]).and_then(|json| universal_auth_login(&json));
        self.spawn(env, |core| async move { core.universal_auth_login(login?).await })
    }

    /// `auth().awsIamAuth.login(options?)`: resolves to the new access
    /// token. The AWS variables are read from `process.env` now, on the JS thread.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn aws_iam_auth_login<'env>(
        &self,
        env: &'env Env,
        options: Unknown<'env>,
    ) -> napi::Result<PromiseRaw<'env, Settle<String>>> {
        let login = args_json(env, &[options])
            .and_then(|json| aws_iam_auth_login(&json, ProcessEnv::new(aws_environment(env))));
        self.spawn(env, |core| async move { core.aws_iam_auth_login(login?).await })
    }

    /// `{ InfisicalSDKError, InfisicalSDKRequestError }`: the SDK's error
    /// classes, made by the addon once per environment.
    #[napi(catch_unwind, ts_return_type = "{ InfisicalSDKError: ErrorConstructor; InfisicalSDKRequestError: ErrorConstructor }")]
    pub fn error_classes(env: &Env) -> napi::Result<napi::bindgen_prelude::Object<'_>> {
        error::error_classes(env)
    }

    /// Renews `token` (the caller's `auth()` snapshot); resolves to the new token.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn renew_access_token<'env>(
        &self,
        env: &'env Env,
        token: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Settle<String>>> {
        self.spawn(env, |core| async move {
            core.renew_access_token(token.as_deref())
                .await
                .map(|t| t.expose().to_string())
        })
    }

    #[napi(catch_unwind)]
    pub fn set_access_token(&self, token: String) {
        self.core.set_access_token(&token);
    }
}
