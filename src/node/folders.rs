//! Binding for `folders()`.

use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::ResponseText;
use crate::client::folders;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_folder(&self, args: String) -> napi::Result<ResponseText> {
        self.run(folders::create_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn list_folders(&self, args: String) -> napi::Result<ResponseText> {
        self.run(folders::list_request, args).await
    }
}
