//! Binding for `auth()`.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use std::collections::HashMap;

use super::args::Args;
use super::error::{self, Settle};
use super::sdk::NativeClient;
use crate::client::auth::{AwsIamAuthLogin, UniversalAuthLogin};
use crate::client::aws_iam;
use crate::client::calls::label;
use crate::client::process_env::ProcessEnv;
use crate::client::SdkResult;

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
    /// Resolves to the new access token.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn universal_auth_login<'env>(&self, env: &'env Env, args: String) -> napi::Result<PromiseRaw<'env, Settle<String>>> {
        self.spawn(env, |core| async move { core.universal_auth_login(universal_auth_login(&args)?).await })
    }

    /// Resolves to the new access token. `processEnv` holds the variables
    /// `awsEnvNames` selects, read from `process.env` by the caller.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn aws_iam_auth_login<'env>(
        &self,
        env: &'env Env,
        args: String,
        process_env: HashMap<String, String>,
    ) -> napi::Result<PromiseRaw<'env, Settle<String>>> {
        let process_env = ProcessEnv::new(process_env);
        self.spawn(env, |core| async move {
            core.aws_iam_auth_login(aws_iam_auth_login(&args, process_env)?).await
        })
    }

    /// `{ InfisicalSDKError, InfisicalSDKRequestError }`: the SDK's error
    /// classes, made by the addon once per environment.
    #[napi(catch_unwind, ts_return_type = "{ InfisicalSDKError: ErrorConstructor; InfisicalSDKRequestError: ErrorConstructor }")]
    pub fn error_classes(env: &Env) -> napi::Result<napi::bindgen_prelude::Object<'_>> {
        error::error_classes(env)
    }

    /// Whether an AWS IAM login reads the environment variable `name`.
    #[napi(catch_unwind)]
    pub fn aws_reads_env(name: String) -> bool {
        aws_iam::reads_env(&name)
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
