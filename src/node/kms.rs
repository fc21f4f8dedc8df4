//! Binding for `kms()`: keys, encryption, signing.

use super::args::{Args, FromArgs, Opts};
use super::sdk::{js_calls, NativeClient};
use crate::client::kms::{
    self, CreateKey, Decrypt, DeleteKey, Encrypt, GetKeyByName, GetPublicKey, ListSigningAlgorithms, Sign, Verify,
};
use crate::client::SdkResult;

js_calls! {
    create_kms_key(options) => CreateKey, "key";
    delete_kms_key(options) => DeleteKey, "key";
    get_kms_key_by_name(options) => GetKeyByName, "key";
    kms_encrypt(options) => Encrypt, "ciphertext";
    kms_decrypt(options) => Decrypt, "plaintext";
    kms_sign(options) => Sign;
    kms_verify(options) => Verify;
    kms_list_signing_algorithms(options) => ListSigningAlgorithms, "signingAlgorithms";
    kms_get_public_key(options) => GetPublicKey, "publicKey";
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
