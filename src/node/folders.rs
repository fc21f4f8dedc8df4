//! Binding for `folders()`.

use napi_derive::napi;

use super::sdk::NativeClient;
use crate::client::folders;

#[napi]
impl NativeClient {
    #[napi]
    pub async fn create_folder(&self, args: String) -> napi::Result<String> {
        self.run(folders::create_request, args).await
    }

    #[napi]
    pub async fn list_folders(&self, args: String) -> napi::Result<String> {
        self.run(folders::list_request, args).await
    }
}
