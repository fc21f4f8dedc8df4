//! Binding for `folders()`.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::CallOutcome;
use crate::client::folders;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub fn create_folder<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, folders::create_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn list_folders<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, folders::list_request, args)
    }
}
