//! `auth().aliCloudAuth.login(options)`: the parameters of an Alibaba Cloud STS
//! `GetCallerIdentity` RPC call, signed with the RPC scheme (SignatureVersion 1.0, HMAC-SHA1)
//! as Infisical's documentation describes, sent as the login body.
//!
//! The request is signed, never sent: Infisical replays it to Alibaba STS itself. Each login
//! signs anew, with a fresh Timestamp and SignatureNonce (STS refuses a nonce it has seen).
//! The login route has no SecurityToken field, so only a RAM user's long-term AccessKey pair
//! works, not STS temporary credentials.

use std::time::SystemTime;

use base64::Engine;
use futures_util::future::{BoxFuture, FutureExt};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use ring::hmac;
use serde_json::{Map, Value};

use super::super::clock::UtcTime;
use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::{identity_id, login_body, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = super::super::calls::label::ALICLOUD_AUTH_LOGIN;
const ROUTE: &str = "/api/v1/auth/alicloud-auth/login";

/// The options as the caller gave them.
pub struct AliCloudAuthOptions {
    pub identity_id: Option<String>,
    pub access_key_id: String,
    pub access_key_secret: SecretString,
    pub organization_slug: Option<String>,
}

pub struct AliCloudAuth {
    identity_id: String,
    access_key_id: String,
    access_key_secret: SecretString,
    organization_slug: Option<String>,
}

impl AliCloudAuth {
    /// No Go SDK variable exists for this method: the identity id falls back to
    /// `INFISICAL_MACHINE_IDENTITY_ID` only.
    pub fn new(options: AliCloudAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, None, "Alibaba Cloud")?;
        if options.access_key_id.is_empty() {
            return Err(SdkError::sdk(format!("Option \"accessKeyId\" of {LABEL} must be a non-empty string")));
        }
        if options.access_key_secret.expose().is_empty() {
            return Err(SdkError::sdk(format!("Option \"accessKeySecret\" of {LABEL} must be a non-empty string")));
        }
        Ok(AliCloudAuth {
            identity_id,
            access_key_id: options.access_key_id,
            access_key_secret: options.access_key_secret,
            organization_slug: options.organization_slug,
        })
    }
}

impl CredentialSource for AliCloudAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, _context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let params = signed_get_caller_identity(&self.access_key_id, &self.access_key_secret, SystemTime::now(), &new_nonce());
            let mut fields = Map::new();
            fields.insert("identityId".into(), Value::String(self.identity_id.clone()));
            for (name, value) in params {
                fields.insert(name.into(), Value::String(value));
            }
            Ok(LoginRequest { route: ROUTE, body: login_body(fields, self.organization_slug.as_deref()) })
        }
        .boxed()
    }
}

/// RFC 3986 unreserved characters stay as they are; everything else is %XX (upper case),
/// which is what Alibaba's canonicalization wants (`encodeURIComponent` would leave `!'()*`).
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// The STS API version the server expects (`YYYY-MM-DD`).
pub const STS_VERSION: &str = "2015-04-01";

/// `base64(HMAC-SHA1(secret + "&", "GET&%2F&" + enc(canonicalQuery)))`, where the canonical
/// query is every parameter sorted by name, each name and value RFC 3986-encoded.
pub fn rpc_signature(params: &[(&str, String)], access_key_secret: &SecretString) -> String {
    let mut sorted: Vec<&(&str, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let canonical = sorted
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let string_to_sign = format!("GET&{}&{}", encode("/"), encode(&canonical));
    let key = hmac::Key::new(
        hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        format!("{}&", access_key_secret.expose()).as_bytes(),
    );
    base64::engine::general_purpose::STANDARD.encode(hmac::sign(&key, string_to_sign.as_bytes()).as_ref())
}

/// The signed `GetCallerIdentity` parameters, `Signature` last, ready to be the login body.
pub fn signed_get_caller_identity(
    access_key_id: &str,
    access_key_secret: &SecretString,
    time: SystemTime,
    nonce: &str,
) -> Vec<(&'static str, String)> {
    let mut params: Vec<(&'static str, String)> = vec![
        ("Action", "GetCallerIdentity".into()),
        ("Format", "JSON".into()),
        ("Version", STS_VERSION.into()),
        ("AccessKeyId", access_key_id.into()),
        ("SignatureMethod", "HMAC-SHA1".into()),
        ("Timestamp", UtcTime::from(time).iso8601()),
        ("SignatureVersion", "1.0".into()),
        ("SignatureNonce", nonce.into()),
    ];
    let signature = rpc_signature(&params, access_key_secret);
    params.push(("Signature", signature));
    params
}

/// A fresh nonce (`[0-9a-f-]`, UUID-shaped): STS refuses one it has seen before.
pub fn new_nonce() -> String {
    let bytes: [u8; 16] = rand::random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn matches_alibabas_documented_example() {
        // The DescribeRegions example of Alibaba Cloud's RPC signature documentation
        // (AccessKeySecret "testsecret"): signature OLeaidS1JvxuMvnyHOwuJ+uX5qY=.
        let params = [
            ("AccessKeyId", "testid".to_string()),
            ("Action", "DescribeRegions".into()),
            ("Format", "XML".into()),
            ("SignatureMethod", "HMAC-SHA1".into()),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf".into()),
            ("SignatureVersion", "1.0".into()),
            ("Timestamp", "2016-02-23T12:46:24Z".into()),
            ("Version", "2014-05-26".into()),
        ];
        assert_eq!(rpc_signature(&params, &SecretString::new("testsecret")), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    #[test]
    fn signs_get_caller_identity_like_node() {
        // The same parameters signed with node:crypto (createHmac('sha1', secret + '&')) over
        // the canonical string built with an RFC 3986 encoder.
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let params = signed_get_caller_identity(
            "LTAI5tTestAccessKeyId",
            &SecretString::new("Test/Secret+with=odd*chars!"),
            time,
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        );
        let names: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names,
            ["Action", "Format", "Version", "AccessKeyId", "SignatureMethod", "Timestamp", "SignatureVersion", "SignatureNonce", "Signature"]
        );
        assert_eq!(params[5].1, "2023-11-14T22:13:20Z");
        assert_eq!(params[8].1, NODE_SIGNATURE);
    }

    const NODE_SIGNATURE: &str = "fVkvcm8xKbK9htlS4bmJ+FQ0akw=";

    #[test]
    fn nonces_are_url_safe_and_fresh() {
        let (a, b) = (new_nonce(), new_nonce());
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() || c == '-') && a.len() == 36, "{a}");
    }

    #[test]
    fn encoding_is_rfc3986() {
        assert_eq!(encode("a b*c~d!'()/:"), "a%20b%2Ac~d%21%27%28%29%2F%3A");
    }
}
