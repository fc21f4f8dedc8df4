//! Binding for `secrets()`: each method resolves to the response body text.

use napi_derive::napi;

use super::error::settle;
use super::sdk::NativeClient;

#[napi]
impl NativeClient {
    #[napi]
    pub async fn list_secrets(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.list_secrets(&args).await }).await
    }

    #[napi]
    pub async fn get_secret(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.get_secret(&args).await }).await
    }

    #[napi]
    pub async fn create_secret(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.create_secret(&args).await }).await
    }

    #[napi]
    pub async fn update_secret(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.update_secret(&args).await }).await
    }

    #[napi]
    pub async fn delete_secret(&self, args: String) -> napi::Result<String> {
        let core = self.core.clone();
        settle(async move { core.delete_secret(&args).await }).await
    }
}
