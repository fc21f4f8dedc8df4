//! Binding for `secrets()`: each method resolves to the response body text.

use napi_derive::napi;

use super::sdk::NativeClient;
use crate::client::secrets;

#[napi]
impl NativeClient {
    #[napi]
    pub async fn list_secrets(&self, args: String) -> napi::Result<String> {
        self.run(secrets::list_secrets_request, args).await
    }

    #[napi]
    pub async fn get_secret(&self, args: String) -> napi::Result<String> {
        self.run(secrets::get_secret_request, args).await
    }

    #[napi]
    pub async fn create_secret(&self, args: String) -> napi::Result<String> {
        self.run(secrets::create_secret_request, args).await
    }

    #[napi]
    pub async fn update_secret(&self, args: String) -> napi::Result<String> {
        self.run(secrets::update_secret_request, args).await
    }

    #[napi]
    pub async fn delete_secret(&self, args: String) -> napi::Result<String> {
        self.run(secrets::delete_secret_request, args).await
    }
}
