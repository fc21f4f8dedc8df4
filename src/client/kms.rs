//! `kms()`: keys, encryption and signing. Bodies are the options objects, as
//! the official SDK sends them. Key ids are percent-encoded into the path (the
//! official SDK puts them in raw, so `../x` reaches another route there).

use serde_json::Value;

use super::args::{Args, Opts};
use super::error::SdkResult;
use super::path;
use super::transport::{ApiRequest, HttpMethod};

const KEYS: &str = "/api/v1/kms/keys";
const KEY_USAGES: &[&str] = &["encrypt-decrypt", "sign-verify"];
const ENCRYPTION_ALGORITHMS: &[&str] = &["RSA_4096", "ECC_NIST_P256", "aes-256-gcm", "aes-128-gcm"];

/// Parses `[options]` and returns them with the encoded `keyId`.
fn key_call<'a>(args: &'a Args) -> SdkResult<(String, Opts<'a>)> {
    let o = args.object(0, "options", true)?;
    let key_id = path::segment(args.call(), "keyId", &o.req_str("keyId")?)?;
    Ok((key_id, o))
}

pub fn create_key_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("kms().keys().create(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    o.req_str("projectId")?;
    o.req_str("name")?;
    o.opt_str("description")?;
    o.opt_enum("keyUsage", KEY_USAGES)?;
    o.opt_enum("encryptionAlgorithm", ENCRYPTION_ALGORITHMS)?;
    Ok(ApiRequest::with_body(HttpMethod::Post, KEYS, &Value::Object(o.raw())))
}

pub fn delete_key_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("kms().keys().delete(options)", args_json)?;
    let (key_id, _) = key_call(&args)?;
    Ok(ApiRequest::bare(HttpMethod::Delete, format!("{KEYS}/{key_id}")))
}

pub fn get_key_by_name_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("kms().keys().getByName(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let name = path::segment(args.call(), "name", &o.req_str("name")?)?;
    let project_id = o.req_str("projectId")?;
    Ok(ApiRequest::get(
        format!("{KEYS}/key-name/{name}"),
        vec![("projectId", project_id)],
    ))
}

/// encrypt, decrypt, sign and verify: POST `/keys/<id>/<action>` with the options as body.
fn key_action(call: &'static str, action: &str, required: &[&str], args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse(call, args_json)?;
    let (key_id, o) = key_call(&args)?;
    for key in required {
        o.req_str(key)?;
    }
    o.opt_bool("isDigest")?;
    Ok(ApiRequest::with_body(
        HttpMethod::Post,
        format!("{KEYS}/{key_id}/{action}"),
        &Value::Object(o.raw()),
    ))
}

pub fn encrypt_request(args_json: &str) -> SdkResult<ApiRequest> {
    key_action("kms().encryption().encrypt(options)", "encrypt", &["plaintext"], args_json)
}

pub fn decrypt_request(args_json: &str) -> SdkResult<ApiRequest> {
    key_action("kms().encryption().decrypt(options)", "decrypt", &["ciphertext"], args_json)
}

pub fn sign_request(args_json: &str) -> SdkResult<ApiRequest> {
    key_action("kms().signing().sign(options)", "sign", &["data", "signingAlgorithm"], args_json)
}

pub fn verify_request(args_json: &str) -> SdkResult<ApiRequest> {
    key_action(
        "kms().signing().verify(options)",
        "verify",
        &["data", "signature", "signingAlgorithm"],
        args_json,
    )
}

pub fn list_signing_algorithms_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("kms().signing().listSigningAlgorithms(options)", args_json)?;
    let (key_id, _) = key_call(&args)?;
    Ok(ApiRequest::get_plain(format!("{KEYS}/{key_id}/signing-algorithms")))
}

pub fn get_public_key_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("kms().signing().getPublicKey(options)", args_json)?;
    let (key_id, _) = key_call(&args)?;
    Ok(ApiRequest::get_plain(format!("{KEYS}/{key_id}/public-key")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_encoded_and_bodies_pass_through() {
        let req = encrypt_request(r#"[{"keyId":"../x","plaintext":"aGk="}]"#).unwrap();
        assert_eq!(req.path, "/api/v1/kms/keys/..%2Fx/encrypt");
        assert_eq!(req.body.unwrap().expose(), r#"{"keyId":"../x","plaintext":"aGk="}"#);
        let req = delete_key_request(r#"[{"keyId":"k1"}]"#).unwrap();
        assert!(req.body.is_none());
        assert_eq!(req.method, HttpMethod::Delete);
    }

    #[test]
    fn get_by_name_encodes_the_project_id_as_a_query_parameter() {
        let req = get_key_by_name_request(r#"[{"projectId":"a&b","name":"k"}]"#).unwrap();
        assert_eq!(req.path, "/api/v1/kms/keys/key-name/k");
        assert_eq!(req.query.unwrap(), vec![("projectId", "a&b".to_string())]);
    }

    #[test]
    fn sign_requires_an_algorithm() {
        let e = sign_request(r#"[{"keyId":"k","data":"aGk="}]"#).unwrap_err().to_string();
        assert!(e.contains("signingAlgorithm"), "{e}");
    }
}
