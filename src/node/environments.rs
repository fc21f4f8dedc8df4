//! Binding for `environments()`.

use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::ResponseText;
use crate::client::environments;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_environment(&self, args: String) -> napi::Result<ResponseText> {
        self.run(environments::create_request, args).await
    }
}
