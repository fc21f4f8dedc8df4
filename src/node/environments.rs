//! Binding for `environments()`.

use napi_derive::napi;

use super::sdk::NativeClient;
use crate::client::environments;

#[napi]
impl NativeClient {
    #[napi]
    pub async fn create_environment(&self, args: String) -> napi::Result<String> {
        self.run(environments::create_request, args).await
    }
}
