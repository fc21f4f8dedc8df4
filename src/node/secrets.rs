//! Binding for `secrets()`: each method resolves to the response body text.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::{CallOutcome, ResponseText};
use crate::client::secrets;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub fn list_secrets<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, secrets::list_secrets_request, args)
    }

    /// `getSecret` from the cache without I/O: the body text, or null on a miss.
    #[napi(catch_unwind, ts_return_type = "string | null")]
    pub fn get_secret_cached(&self, args: String) -> Option<ResponseText> {
        self.cached(secrets::get_secret_request, args)
    }

    /// `listSecrets` from the cache without I/O: the body text, or null on a miss.
    #[napi(catch_unwind, ts_return_type = "string | null")]
    pub fn list_secrets_cached(&self, args: String) -> Option<ResponseText> {
        self.cached(secrets::list_secrets_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn get_secret<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, secrets::get_secret_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn create_secret<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, secrets::create_secret_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn update_secret<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, secrets::update_secret_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn delete_secret<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, secrets::delete_secret_request, args)
    }
}
