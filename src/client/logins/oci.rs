//! `auth().ociAuth.login(options)`: sign `GET https://identity.{region}.oraclecloud.com/20160918/users/{userOcid}`
//! with the OCI HTTP-signature scheme (rsa-sha256 over `date (request-target) host`).
//!
//! The request is signed, never sent: Infisical replays it to OCI itself and checks the
//! answer, so the SDK needs no network access to Oracle Cloud. Each login signs anew (the
//! date is part of the signature and OCI refuses one more than 5 minutes old).

use std::time::SystemTime;

use base64::Engine;
use futures_util::future::{BoxFuture, FutureExt};
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde_json::{json, Map, Value};

use super::super::clock::UtcTime;
use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::{identity_id, login_body, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = super::super::calls::label::OCI_AUTH_LOGIN;
const ROUTE: &str = "/api/v1/auth/oci-auth/login";
/// The Go SDK's identity id fallback for OCI logins.
pub const IDENTITY_ID_ENV: &str = "INFISICAL_OCI_AUTH_IDENTITY_ID";

pub fn reads_env(name: &str) -> bool {
    name == IDENTITY_ID_ENV
}

/// The options as the caller gave them.
pub struct OciAuthOptions {
    pub identity_id: Option<String>,
    pub user_ocid: String,
    pub tenancy_ocid: String,
    pub fingerprint: String,
    pub private_key: SecretString,
    pub passphrase: Option<SecretString>,
    pub region: String,
    pub organization_slug: Option<String>,
}

pub struct OciAuth {
    identity_id: String,
    key_id: OciKeyId,
    key: OciSigningKey,
    region: String,
    organization_slug: Option<String>,
}

impl OciAuth {
    /// Checks the options and reads the key (so a bad key fails the user's call, not a re-login).
    pub fn new(options: OciAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, Some(IDENTITY_ID_ENV), "OCI")?;
        // These go into the signed text and the Authorization header, where whitespace or a
        // quote would change what is signed.
        for (name, value) in [
            ("userOcid", &options.user_ocid),
            ("tenancyOcid", &options.tenancy_ocid),
            ("fingerprint", &options.fingerprint),
            ("region", &options.region),
        ] {
            if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '/') {
                return Err(SdkError::sdk(format!(
                    "Option \"{name}\" of {LABEL} must be a non-empty string without spaces, quotes or slashes"
                )));
            }
        }
        let key = OciSigningKey::from_pem(&options.private_key, options.passphrase.as_ref())?;
        Ok(OciAuth {
            identity_id,
            key_id: OciKeyId {
                tenancy_ocid: options.tenancy_ocid,
                user_ocid: options.user_ocid,
                fingerprint: options.fingerprint,
            },
            key,
            region: options.region,
            organization_slug: options.organization_slug,
        })
    }
}

impl CredentialSource for OciAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, _context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let signed = sign_get_user(&self.key, &self.key_id, &self.region, SystemTime::now())?;
            let fields = json!({
                "identityId": self.identity_id,
                "userOcid": self.key_id.user_ocid,
                "headers": { "authorization": signed.authorization, "host": signed.host, "date": signed.date },
            });
            let fields: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
            Ok(LoginRequest { route: ROUTE, body: login_body(fields, self.organization_slug.as_deref()) })
        }
        .boxed()
    }
}

/// Headers of the signed GetUser request, lower-cased as the server expects them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OciSignedHeaders {
    pub authorization: String,
    pub host: String,
    pub date: String,
}

/// Who signs: the API key's `keyId` parts, checked to be usable in the signature.
#[derive(Debug, Clone)]
pub struct OciKeyId {
    pub tenancy_ocid: String,
    pub user_ocid: String,
    pub fingerprint: String,
}

/// An OCI API signing key (RSA). No `Debug`: it is a private key.
pub struct OciSigningKey(RsaKeyPair);

impl std::fmt::Debug for OciSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OciSigningKey { .. }")
    }
}

const ENCRYPTED_PKCS8: &str = "ENCRYPTED PRIVATE KEY";
const PKCS8: &str = "PRIVATE KEY";
const PKCS1: &str = "RSA PRIVATE KEY";

impl OciSigningKey {
    /// Reads a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`), PKCS#1 (`BEGIN RSA PRIVATE
    /// KEY`) or encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`, with `passphrase`). Text
    /// around the PEM block (the `OCI_API_KEY` line of console-made keys) is ignored.
    pub fn from_pem(pem: &SecretString, passphrase: Option<&SecretString>) -> SdkResult<Self> {
        let block = pem_block(pem.expose())?;
        if block.contains("Proc-Type:") {
            return Err(SdkError::sdk(format!(
                "{LABEL}: options.privateKey is a legacy encrypted PEM (Proc-Type: 4,ENCRYPTED), which is not supported; \
                 convert it to encrypted PKCS#8 with `openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem`",
            )));
        }
        let (label, der) = pkcs8::SecretDocument::from_pem(block)
            .map_err(|e| SdkError::sdk(format!("{LABEL}: options.privateKey is not a valid PEM private key ({e})")))?;
        let key_pair = match label {
            PKCS8 => RsaKeyPair::from_pkcs8(der.as_bytes()),
            PKCS1 => RsaKeyPair::from_der(der.as_bytes()),
            ENCRYPTED_PKCS8 => {
                let passphrase = passphrase.filter(|p| !p.expose().is_empty()).ok_or_else(|| {
                    SdkError::sdk(format!("{LABEL}: options.privateKey is encrypted; options.passphrase is required"))
                })?;
                let info = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_bytes()).map_err(|e| {
                    SdkError::sdk(format!("{LABEL}: options.privateKey is not a valid encrypted PKCS#8 key ({e})"))
                })?;
                let plain = info.decrypt(passphrase.expose().as_bytes()).map_err(|_| {
                    SdkError::sdk(format!("{LABEL}: could not decrypt options.privateKey: wrong options.passphrase or unsupported encryption"))
                })?;
                RsaKeyPair::from_pkcs8(plain.as_bytes())
            }
            other => {
                return Err(SdkError::sdk(format!(
                    "{LABEL}: options.privateKey is a PEM \"{other}\"; an RSA private key (PKCS#8 or PKCS#1) is required"
                )))
            }
        }
        .map_err(|e| SdkError::sdk(format!("{LABEL}: options.privateKey is not a usable RSA private key ({e})")))?;
        Ok(OciSigningKey(key_pair))
    }
}

/// The first `-----BEGIN ...-----` ... `-----END ...-----` block of `text`.
fn pem_block(text: &str) -> SdkResult<&str> {
    let start = text
        .find("-----BEGIN ")
        .ok_or_else(|| SdkError::sdk(format!("{LABEL}: options.privateKey is not a PEM private key (no -----BEGIN line)")))?;
    let end_marker = text[start..]
        .find("-----END ")
        .map(|i| start + i)
        .ok_or_else(|| SdkError::sdk(format!("{LABEL}: options.privateKey is not a PEM private key (no -----END line)")))?;
    let end = text[end_marker + 9..]
        .find("-----")
        .map(|i| end_marker + 9 + i + 5)
        .ok_or_else(|| SdkError::sdk(format!("{LABEL}: options.privateKey is not a PEM private key (unterminated -----END line)")))?;
    Ok(&text[start..end])
}

/// The host Infisical accepts for a region (the older `identity.{region}.oraclecloud.com` form).
pub fn identity_host(region: &str) -> String {
    format!("identity.{region}.oraclecloud.com")
}

/// Signs the GetUser request of `key_id.user_ocid` at `time`.
pub fn sign_get_user(key: &OciSigningKey, key_id: &OciKeyId, region: &str, time: SystemTime) -> SdkResult<OciSignedHeaders> {
    let host = identity_host(region);
    let date = UtcTime::from(time).rfc1123();
    let signing_string = format!(
        "date: {date}\n(request-target): get /20160918/users/{user}\nhost: {host}",
        user = key_id.user_ocid
    );
    let mut signature = vec![0u8; key.0.public().modulus_len()];
    key.0
        .sign(&RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), signing_string.as_bytes(), &mut signature)
        .map_err(|_| SdkError::sdk(format!("{LABEL}: could not sign the OCI request with options.privateKey")))?;
    let authorization = format!(
        "Signature version=\"1\",keyId=\"{}/{}/{}\",algorithm=\"rsa-sha256\",headers=\"date (request-target) host\",signature=\"{}\"",
        key_id.tenancy_ocid,
        key_id.user_ocid,
        key_id.fingerprint,
        base64::engine::general_purpose::STANDARD.encode(&signature)
    );
    Ok(OciSignedHeaders { authorization, host, date })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // A 2048-bit RSA test key (made for these tests only), as PKCS#8, PKCS#1 and encrypted
    // PKCS#8 (passphrase "test-passphrase", PBES2 with PBKDF2-SHA256 and AES-256-CBC), and the
    // signature node:crypto computes over the signing string below (see `signs_like_node`).
    const PKCS8_PEM: &str = include_str!("oci_test_vectors/key-pkcs8.pem");
    const PKCS1_PEM: &str = include_str!("oci_test_vectors/key-pkcs1.pem");
    const ENCRYPTED_PEM: &str = include_str!("oci_test_vectors/key-encrypted.pem");
    const NODE_SIGNATURE: &str = include_str!("oci_test_vectors/signature.b64");

    fn key_id() -> OciKeyId {
        OciKeyId {
            tenancy_ocid: "ocid1.tenancy.oc1..aaaa".into(),
            user_ocid: "ocid1.user.oc1..bbbb".into(),
            fingerprint: "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34".into(),
        }
    }

    // 2023-11-14T22:13:20Z
    fn time() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    #[test]
    fn signs_like_node() {
        let key = OciSigningKey::from_pem(&SecretString::new(PKCS8_PEM), None).unwrap();
        let signed = sign_get_user(&key, &key_id(), "us-ashburn-1", time()).unwrap();
        assert_eq!(signed.host, "identity.us-ashburn-1.oraclecloud.com");
        assert_eq!(signed.date, "Tue, 14 Nov 2023 22:13:20 GMT");
        // RSA PKCS#1 v1.5 is deterministic: the same key and text give node's signature.
        assert_eq!(
            signed.authorization,
            format!(
                "Signature version=\"1\",keyId=\"ocid1.tenancy.oc1..aaaa/ocid1.user.oc1..bbbb/20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34\",algorithm=\"rsa-sha256\",headers=\"date (request-target) host\",signature=\"{}\"",
                NODE_SIGNATURE.trim()
            )
        );
    }

    #[test]
    fn reads_pkcs1_and_encrypted_pkcs8_keys_with_text_around_them() {
        let reference = sign_get_user(
            &OciSigningKey::from_pem(&SecretString::new(PKCS8_PEM), None).unwrap(),
            &key_id(),
            "eu-frankfurt-1",
            time(),
        )
        .unwrap();
        let pkcs1 = OciSigningKey::from_pem(&SecretString::new(format!("{PKCS1_PEM}\nOCI_API_KEY\n")), None).unwrap();
        assert_eq!(sign_get_user(&pkcs1, &key_id(), "eu-frankfurt-1", time()).unwrap(), reference);
        let passphrase = SecretString::new("test-passphrase");
        let encrypted = OciSigningKey::from_pem(&SecretString::new(ENCRYPTED_PEM), Some(&passphrase)).unwrap();
        assert_eq!(sign_get_user(&encrypted, &key_id(), "eu-frankfurt-1", time()).unwrap(), reference);
    }

    #[test]
    fn bad_keys_and_passphrases_are_clear_errors() {
        let message = |pem: &str, pass: Option<&str>| {
            let pass = pass.map(SecretString::new);
            OciSigningKey::from_pem(&SecretString::new(pem), pass.as_ref()).unwrap_err().to_string()
        };
        assert!(message(ENCRYPTED_PEM, None).contains("options.passphrase is required"));
        assert!(message(ENCRYPTED_PEM, Some("wrong")).contains("wrong options.passphrase"));
        assert!(message("not a key", None).contains("no -----BEGIN line"));
        assert!(message("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", None).contains("options.privateKey"));
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----";
        assert!(message(legacy, Some("x")).contains("legacy encrypted PEM"));
        // The key never shows in messages or Debug.
        let key = OciSigningKey::from_pem(&SecretString::new(PKCS8_PEM), None).unwrap();
        assert_eq!(format!("{key:?}"), "OciSigningKey { .. }");
    }
}
