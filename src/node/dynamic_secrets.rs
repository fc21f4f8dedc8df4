//! Binding for `dynamicSecrets()` and its leases.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::CallOutcome;
use crate::client::dynamic_secrets;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub fn create_dynamic_secret<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, dynamic_secrets::create_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn delete_dynamic_secret<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, dynamic_secrets::delete_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn create_lease<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, dynamic_secrets::create_lease_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn delete_lease<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, dynamic_secrets::delete_lease_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn renew_lease<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, dynamic_secrets::renew_lease_request, args)
    }
}
