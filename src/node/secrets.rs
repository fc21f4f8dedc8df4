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
