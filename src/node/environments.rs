//! Binding for `environments()`.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::CallOutcome;
use crate::client::environments;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub fn create_environment<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, environments::create_request, args)
    }
}
