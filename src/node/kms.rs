//! Binding for `kms()`: keys, encryption, signing.

use napi_derive::napi;

use super::sdk::NativeClient;
use crate::client::kms;

#[napi]
impl NativeClient {
    #[napi]
    pub async fn create_kms_key(&self, args: String) -> napi::Result<String> {
        self.run(kms::create_key_request, args).await
    }

    #[napi]
    pub async fn delete_kms_key(&self, args: String) -> napi::Result<String> {
        self.run(kms::delete_key_request, args).await
    }

    #[napi]
    pub async fn get_kms_key_by_name(&self, args: String) -> napi::Result<String> {
        self.run(kms::get_key_by_name_request, args).await
    }

    #[napi]
    pub async fn kms_encrypt(&self, args: String) -> napi::Result<String> {
        self.run(kms::encrypt_request, args).await
    }

    #[napi]
    pub async fn kms_decrypt(&self, args: String) -> napi::Result<String> {
        self.run(kms::decrypt_request, args).await
    }

    #[napi]
    pub async fn kms_sign(&self, args: String) -> napi::Result<String> {
        self.run(kms::sign_request, args).await
    }

    #[napi]
    pub async fn kms_verify(&self, args: String) -> napi::Result<String> {
        self.run(kms::verify_request, args).await
    }

    #[napi]
    pub async fn kms_list_signing_algorithms(&self, args: String) -> napi::Result<String> {
        self.run(kms::list_signing_algorithms_request, args).await
    }

    #[napi]
    pub async fn kms_get_public_key(&self, args: String) -> napi::Result<String> {
        self.run(kms::get_public_key_request, args).await
    }
}
