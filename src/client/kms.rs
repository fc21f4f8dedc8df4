//! `kms()`: keys, encryption and signing. Bodies are the options objects, as
//! the official SDK sends them. Key ids are percent-encoded into the path (the
//! official SDK puts them in raw, so `../x` reaches another route there).

use serde_json::{Map, Value};

use super::calls::{Call, Labelled};
use super::error::SdkResult;
use super::path;
use super::request::{ApiRequest, HttpMethod};

const KEYS: &str = "/api/v1/kms/keys";

/// The values `keyUsage` may take.
pub const KEY_USAGES: &[&str] = &["encrypt-decrypt", "sign-verify"];
/// The values `encryptionAlgorithm` may take.
pub const ENCRYPTION_ALGORITHMS: &[&str] = &["RSA_4096", "ECC_NIST_P256", "aes-256-gcm", "aes-128-gcm"];

/// `kms().keys().create(options)`.
#[derive(Clone, Debug, Default)]
pub struct CreateKey {
    /// The options object (`projectId`, `name`, `keyUsage`, ...) as given.
    pub body: Map<String, Value>,
}

impl Call for CreateKey {
    fn request(&self) -> SdkResult<ApiRequest> {
        Ok(ApiRequest::with_body(HttpMethod::Post, KEYS, &Value::Object(self.body.clone())))
    }
}

/// `kms().keys().delete(options)`: no body.
#[derive(Clone, Debug, Default)]
pub struct DeleteKey {
    pub key_id: String,
}

impl Call for DeleteKey {
    fn request(&self) -> SdkResult<ApiRequest> {
        let key_id = path::segment(Self::LABEL, "keyId", &self.key_id)?;
        Ok(ApiRequest::bare(HttpMethod::Delete, format!("{KEYS}/{key_id}")))
    }
}

/// `kms().keys().getByName(options)`.
#[derive(Clone, Debug, Default)]
pub struct GetKeyByName {
    pub project_id: String,
    pub name: String,
}

impl Call for GetKeyByName {
    fn request(&self) -> SdkResult<ApiRequest> {
        let name = path::segment(Self::LABEL, "name", &self.name)?;
        Ok(ApiRequest::get(
            format!("{KEYS}/key-name/{name}"),
            vec![("projectId", self.project_id.clone())],
        ))
    }
}

/// Declares a POST `/keys/<keyId>/<action>` call whose body is the options object.
macro_rules! key_action {
    ($(#[$doc:meta])* $name:ident, $action:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default)]
        pub struct $name {
            pub key_id: String,
            /// The options object (with `keyId`) as given.
            pub body: Map<String, Value>,
        }

        impl Call for $name {
            fn request(&self) -> SdkResult<ApiRequest> {
                let key_id = path::segment(Self::LABEL, "keyId", &self.key_id)?;
                Ok(ApiRequest::with_body(
                    HttpMethod::Post,
                    format!("{KEYS}/{key_id}/{}", $action),
                    &Value::Object(self.body.clone()),
                ))
            }
        }
    };
}

key_action!(
    /// `kms().encryption().encrypt(options)`.
    Encrypt, "encrypt"
);
key_action!(
    /// `kms().encryption().decrypt(options)`.
    Decrypt, "decrypt"
);
key_action!(
    /// `kms().signing().sign(options)`.
    Sign, "sign"
);
key_action!(
    /// `kms().signing().verify(options)`.
    Verify, "verify"
);

/// `kms().signing().listSigningAlgorithms(options)`.
#[derive(Clone, Debug, Default)]
pub struct ListSigningAlgorithms {
    pub key_id: String,
}

impl Call for ListSigningAlgorithms {
    fn request(&self) -> SdkResult<ApiRequest> {
        let key_id = path::segment(Self::LABEL, "keyId", &self.key_id)?;
        Ok(ApiRequest::get_plain(format!("{KEYS}/{key_id}/signing-algorithms")))
    }
}

/// `kms().signing().getPublicKey(options)`.
#[derive(Clone, Debug, Default)]
pub struct GetPublicKey {
    pub key_id: String,
}

impl Call for GetPublicKey {
    fn request(&self) -> SdkResult<ApiRequest> {
        let key_id = path::segment(Self::LABEL, "keyId", &self.key_id)?;
        Ok(ApiRequest::get_plain(format!("{KEYS}/{key_id}/public-key")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_encoded_and_bodies_pass_through() {
        let body: Map<String, Value> = serde_json::from_str(r#"{"keyId":"../x","plaintext":"aGk="}"#).unwrap();
        let req = Encrypt { key_id: "../x".into(), body }.request().unwrap();
        assert_eq!(req.path, "/api/v1/kms/keys/..%2Fx/encrypt");
        assert_eq!(req.body.unwrap().expose(), r#"{"keyId":"../x","plaintext":"aGk="}"#);
        let req = DeleteKey { key_id: "k1".into() }.request().unwrap();
        assert!(req.body.is_none());
        assert_eq!(req.method, HttpMethod::Delete);
    }

    #[test]
    fn get_by_name_encodes_the_project_id_as_a_query_parameter() {
        let req = GetKeyByName { project_id: "a&b".into(), name: "k".into() }.request().unwrap();
        assert_eq!(req.path, "/api/v1/kms/keys/key-name/k");
        assert_eq!(req.query.unwrap(), vec![("projectId", "a&b".to_string())]);
    }
}
