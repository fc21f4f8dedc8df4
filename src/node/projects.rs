//! Binding for `projects()`.

use napi_derive::napi;

use super::sdk::NativeClient;
use crate::client::projects;

#[napi]
impl NativeClient {
    #[napi]
    pub async fn create_project(&self, args: String) -> napi::Result<String> {
        self.run(projects::create_request, args).await
    }

    #[napi]
    pub async fn invite_members(&self, args: String) -> napi::Result<String> {
        self.run(projects::invite_members_request, args).await
    }
}
