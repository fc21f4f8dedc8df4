//! Binding for `auth()`.

use napi_derive::napi;

use super::error::settle;
use super::sdk::NativeClient;

#[napi]
impl NativeClient {
    /// Resolves to the new access token.
    #[napi]
    pub async fn universal_auth_login(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.universal_auth_login(&args).await }).await
    }

    /// Resolves to the new access token.
    #[napi]
    pub async fn aws_iam_auth_login(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.aws_iam_auth_login(&args).await }).await
    }

    /// Renews `token` (the caller's `auth()` snapshot); resolves to the new token.
    #[napi]
    pub async fn renew_access_token(&self, token: Option<String>) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.renew_access_token(token.as_deref()).await }).await
    }

    #[napi(catch_unwind)]
    pub fn set_access_token(&self, token: String) {
        self.core.set_access_token(&token);
    }
}
