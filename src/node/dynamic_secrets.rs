//! Binding for `dynamicSecrets()` and its leases.

use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::ResponseText;
use crate::client::dynamic_secrets;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_dynamic_secret(&self, args: String) -> napi::Result<ResponseText> {
        self.run(dynamic_secrets::create_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn delete_dynamic_secret(&self, args: String) -> napi::Result<ResponseText> {
        self.run(dynamic_secrets::delete_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_lease(&self, args: String) -> napi::Result<ResponseText> {
        self.run(dynamic_secrets::create_lease_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn delete_lease(&self, args: String) -> napi::Result<ResponseText> {
        self.run(dynamic_secrets::delete_lease_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn renew_lease(&self, args: String) -> napi::Result<ResponseText> {
        self.run(dynamic_secrets::renew_lease_request, args).await
    }
}
