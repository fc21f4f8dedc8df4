//! Binding for `auth()`.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use super::sdk::NativeClient;

#[napi]
impl NativeClient {
    /// Resolves to the new access token.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn universal_auth_login<'env>(&self, env: &'env Env, args: String) -> napi::Result<PromiseRaw<'env, String>> {
        self.spawn(env, |core| async move { core.universal_auth_login(&args).await })
    }

    /// Resolves to the new access token.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn aws_iam_auth_login<'env>(&self, env: &'env Env, args: String) -> napi::Result<PromiseRaw<'env, String>> {
        self.spawn(env, |core| async move { core.aws_iam_auth_login(&args).await })
    }

    /// Renews `token` (the caller's `auth()` snapshot); resolves to the new token.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn renew_access_token<'env>(
        &self,
        env: &'env Env,
        token: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        self.spawn(env, |core| async move { core.renew_access_token(token.as_deref()).await })
    }

    #[napi(catch_unwind)]
    pub fn set_access_token(&self, token: String) {
        self.core.set_access_token(&token);
    }
}
