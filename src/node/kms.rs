//! Binding for `kms()`: keys, encryption, signing.

use super::args::{Args, FromArgs, Opts};
use std::sync::Arc;

use napi::bindgen_prelude::{JavaScriptClassExt, JsValue};
use napi::{sys, Env};
use napi_derive::napi;

use super::js;
use super::call::api_methods;
use crate::client::InfisicalClient;
use crate::client::kms::{
    self, CreateKey, Decrypt, DeleteKey, Encrypt, GetKeyByName, GetPublicKey, ListSigningAlgorithms, Sign, Verify,
};
use crate::client::SdkResult;

/// `KmsClient`: made by the SDK (it has no public constructor); its methods
/// are own properties, so they work detached.
#[napi]
pub struct KmsClient {
    _core: Arc<InfisicalClient>,
}

/// `kms()`: `keys()`, `encryption()` and `signing()` return new objects on
/// every call, as in the official SDK; every method works detached. Each
/// resolves to the field the official one unwraps (sign and verify to the
/// whole body).
pub fn kms_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let kms = KmsClient { _core: core.clone() }.into_instance(env)?.raw();
    let c = core.clone();
    let keys = js::arrow(env, "keys", 0, move |call| {
        let keys = js::object(call.env)?;
        api_methods!(call.env, c, keys, {
            "create"(1) => CreateKey, "key";
            "delete"(1) => DeleteKey, "key";
            "getByName"(1) => GetKeyByName, "key";
        })?;
        Ok(keys)
    })?;
    js::set(env, kms, "keys", keys)?;
    let c = core.clone();
    let encryption = js::arrow(env, "encryption", 0, move |call| {
        let encryption = js::object(call.env)?;
        api_methods!(call.env, c, encryption, {
            "encrypt"(1) => Encrypt, "ciphertext";
            "decrypt"(1) => Decrypt, "plaintext";
        })?;
        Ok(encryption)
    })?;
    js::set(env, kms, "encryption", encryption)?;
    let c = core.clone();
    let signing = js::arrow(env, "signing", 0, move |call| {
        let signing = js::object(call.env)?;
        api_methods!(call.env, c, signing, {
            "sign"(1) => Sign;
            "verify"(1) => Verify;
            "listSigningAlgorithms"(1) => ListSigningAlgorithms, "signingAlgorithms";
            "getPublicKey"(1) => GetPublicKey, "publicKey";
        })?;
        Ok(signing)
    })?;
    js::set(env, kms, "signing", signing)?;
    Ok(kms)
}

/// The options object of a call on one key, and its `keyId`.
fn key_options(args: &Args) -> SdkResult<(String, Opts<'_>)> {
    let o = args.object(0, "options", true)?;
    let key_id = o.req_str("keyId")?;
    Ok((key_id, o))
}

impl FromArgs for CreateKey {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        o.req_str("projectId")?;
        o.req_str("name")?;
        o.opt_str("description")?;
        o.opt_enum("keyUsage", kms::KEY_USAGES)?;
        o.opt_enum("encryptionAlgorithm", kms::ENCRYPTION_ALGORITHMS)?;
        Ok(CreateKey { body: o.raw() })
    }
}

impl FromArgs for DeleteKey {
    fn from_args(args: &Args) -> SdkResult<Self> {
        Ok(DeleteKey { key_id: key_options(args)?.0 })
    }
}

impl FromArgs for GetKeyByName {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let name = o.req_str("name")?;
        Ok(GetKeyByName { project_id: o.req_str("projectId")?, name })
    }
}

impl FromArgs for ListSigningAlgorithms {
    fn from_args(args: &Args) -> SdkResult<Self> {
        Ok(ListSigningAlgorithms { key_id: key_options(args)?.0 })
    }
}

impl FromArgs for GetPublicKey {
    fn from_args(args: &Args) -> SdkResult<Self> {
        Ok(GetPublicKey { key_id: key_options(args)?.0 })
    }
}

/// encrypt, decrypt, sign and verify: the options object, with the string
/// fields each requires, is the body.
macro_rules! key_action_args {
    ($($ty:ident: [$($required:literal),*];)*) => {
        $(
            impl FromArgs for $ty {
                fn from_args(args: &Args) -> SdkResult<Self> {
                    let (key_id, o) = key_options(args)?;
                    $( o.req_str($required)?; )*
                    o.opt_bool("isDigest")?;
                    Ok($ty { key_id, body: o.raw() })
                }
            }
        )*
    };
}

key_action_args! {
    Encrypt: ["plaintext"];
    Decrypt: ["ciphertext"];
    Sign: ["data", "signingAlgorithm"];
    Verify: ["data", "signature", "signingAlgorithm"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_requires_an_algorithm() {
        let e = Sign::from_json(r#"[{"keyId":"k","data":"aGk="}]"#).unwrap_err().to_string();
        assert_eq!(e, "Missing required option \"signingAlgorithm\" in kms().signing().sign(options)");
    }
}
