//! Binding for `secrets()`: each method resolves to the response body text.

use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::ResponseText;
use crate::client::secrets;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn list_secrets(&self, args: String) -> napi::Result<ResponseText> {
        self.run(secrets::list_secrets_request, args).await
    }

    /// `getSecret` from the cache without I/O: the body text, or null on a miss.
    #[napi(catch_unwind, ts_return_type = "string | null")]
    pub fn get_secret_cached(&self, args: String) -> Option<ResponseText> {
        self.cached(secrets::get_secret_request, args)
    }

    /// `listSecrets` from the cache without I/O: the body text, or null on a miss.
    #[napi(catch_unwind, ts_return_type = "string | null")]
    pub fn list_secrets_cached(&self, args: String) -> Option<ResponseText> {
        self.cached(secrets::list_secrets_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn get_secret(&self, args: String) -> napi::Result<ResponseText> {
        self.run(secrets::get_secret_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_secret(&self, args: String) -> napi::Result<ResponseText> {
        self.run(secrets::create_secret_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn update_secret(&self, args: String) -> napi::Result<ResponseText> {
        self.run(secrets::update_secret_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn delete_secret(&self, args: String) -> napi::Result<ResponseText> {
        self.run(secrets::delete_secret_request, args).await
    }
}
