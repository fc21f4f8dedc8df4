//! Binding for `kms()`: keys, encryption, signing.

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::CallOutcome;
use crate::client::kms;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub fn create_kms_key<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::create_key_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn delete_kms_key<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::delete_key_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn get_kms_key_by_name<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::get_key_by_name_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn kms_encrypt<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::encrypt_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn kms_decrypt<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::decrypt_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn kms_sign<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::sign_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn kms_verify<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::verify_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn kms_list_signing_algorithms<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::list_signing_algorithms_request, args)
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn kms_get_public_key<'env>(
        &self,
        env: &'env Env,
        args: String,
    ) -> napi::Result<PromiseRaw<'env, CallOutcome>> {
        self.run(env, kms::get_public_key_request, args)
    }
}
