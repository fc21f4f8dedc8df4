//! Binding for `kms()`: keys, encryption, signing.

use napi_derive::napi;

use super::sdk::NativeClient;
use super::text::ResponseText;
use crate::client::kms;

#[napi]
impl NativeClient {
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn create_kms_key(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::create_key_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn delete_kms_key(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::delete_key_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn get_kms_key_by_name(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::get_key_by_name_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn kms_encrypt(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::encrypt_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn kms_decrypt(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::decrypt_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn kms_sign(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::sign_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn kms_verify(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::verify_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn kms_list_signing_algorithms(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::list_signing_algorithms_request, args).await
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub async fn kms_get_public_key(&self, args: String) -> napi::Result<ResponseText> {
        self.run(kms::get_public_key_request, args).await
    }
}
