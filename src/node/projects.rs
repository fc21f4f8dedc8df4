//! Binding for `projects()`.

use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::ResponseText;
use crate::client::projects;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_project(&self, args: String) -> napi::Result<ResponseText> {
        self.run(projects::create_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn invite_members(&self, args: String) -> napi::Result<ResponseText> {
        self.run(projects::invite_members_request, args).await
    }
}
