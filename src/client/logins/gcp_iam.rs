//! `auth().gcpIamAuth.login(options)`: a JWT about a service account, signed
//! with that service account's key, for Infisical to verify against the
//! public keys Google publishes for it
//! (`https://www.googleapis.com/service_accounts/v1/metadata/x509/{email}`,
//! looked up by the header's `kid`).
//!
//! Signed here, locally (RS256 with the key file's PKCS#8 `private_key`,
//! `kid` = `private_key_id`), rather than by the IAM Credentials `signJwt`
//! API the Go SDK calls: the server checks exactly the same thing (RS256, a
//! `kid` Google publishes for `sub`, `aud` = the identity id, `exp`), and
//! local signing needs no network call, no OAuth token exchange, and no IAM
//! Credentials API enabled on the project. The key file is read again at
//! every login, so a rotated key is picked up.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use futures_util::future::{BoxFuture, FutureExt};
use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::gcp_id_token::{IDENTITY_ID_ENV, ROUTE};
use super::{identity_id, login_body, read_credential_file, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = "auth().gcpIamAuth.login(options)";
/// The Go SDK's variable for the key file.
pub const KEY_FILE_ENV: &str = "INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH";
/// How long the signed JWT is valid: it is used once, right away; the
/// margin covers clock skew between this host and Infisical.
const JWT_LIFETIME_SECONDS: u64 = 15 * 60;

pub fn reads_env(name: &str) -> bool {
    name == KEY_FILE_ENV
}

#[derive(Default)]
pub struct GcpIamAuthOptions {
    pub identity_id: Option<String>,
    pub service_account_key_file_path: Option<String>,
    /// The key file's JSON text.
    pub service_account_key: Option<SecretString>,
    pub organization_slug: Option<String>,
}

enum KeySource {
    File(String),
    Given(SecretString),
}

pub struct GcpIamAuth {
    identity_id: String,
    key: KeySource,
    organization_slug: Option<String>,
}

/// The fields of a service-account key file the login uses.
struct ServiceAccountKey {
    client_email: String,
    private_key_id: String,
    /// PKCS#8 DER of `private_key`.
    private_key_der: Zeroizing<Vec<u8>>,
}

impl GcpIamAuth {
    pub fn new(options: GcpIamAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, Some(IDENTITY_ID_ENV), "GCP IAM")?;
        let key = match (options.service_account_key, options.service_account_key_file_path.filter(|p| !p.is_empty())) {
            (Some(_), Some(_)) => {
                return Err(SdkError::sdk(format!(
                    "{LABEL}: give either \"serviceAccountKey\" or \"serviceAccountKeyFilePath\", not both"
                )))
            }
            (Some(key), None) => {
                // Checked now, so a malformed key is reported at the call, not at a re-login.
                parse_key(&key, "the \"serviceAccountKey\" option")?;
                KeySource::Given(key)
            }
            (None, Some(path)) => KeySource::File(path),
            (None, None) => match env.get(KEY_FILE_ENV) {
                Some(path) => KeySource::File(path.to_string()),
                None => {
                    return Err(SdkError::sdk(format!(
                        "{LABEL}: a service-account key is required: pass \"serviceAccountKeyFilePath\" or \"serviceAccountKey\", or set {KEY_FILE_ENV}"
                    )))
                }
            },
        };
        Ok(GcpIamAuth { identity_id, key, organization_slug: options.organization_slug })
    }

    fn current_key(&self) -> SdkResult<ServiceAccountKey> {
        match &self.key {
            KeySource::Given(key) => parse_key(key, "the \"serviceAccountKey\" option"),
            KeySource::File(path) => {
                let text = read_credential_file(path.as_ref()).map_err(|e| {
                    SdkError::sdk(format!("Could not read the GCP service-account key file {path}: {e}"))
                })?;
                parse_key(&text, &format!("the GCP service-account key file {path}"))
            }
        }
    }
}

/// Reads the key JSON; `what` names where it came from in errors (never its content).
fn parse_key(text: &SecretString, what: &str) -> SdkResult<ServiceAccountKey> {
    let invalid = |why: &str| SdkError::sdk(format!("Invalid service-account key in {what}: {why}"));
    let json: Value = serde_json::from_str(text.expose()).map_err(|_| invalid("not JSON"))?;
    let field = |name: &str| -> SdkResult<String> {
        json.get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| invalid(&format!("no \"{name}\" string")))
    };
    let client_email = field("client_email")?;
    let private_key_id = field("private_key_id")?;
    let pem = SecretString::new(field("private_key")?);
    let private_key_der = pkcs8_der(pem.expose()).ok_or_else(|| invalid("\"private_key\" is not a PEM PKCS#8 private key"))?;
    Ok(ServiceAccountKey { client_email, private_key_id, private_key_der })
}

/// The DER inside `-----BEGIN PRIVATE KEY-----` (PKCS#8, as Google issues keys).
fn pkcs8_der(pem: &str) -> Option<Zeroizing<Vec<u8>>> {
    let body = pem.trim().strip_prefix("-----BEGIN PRIVATE KEY-----")?;
    let end = body.find("-----END PRIVATE KEY-----")?;
    let base64: Zeroizing<String> = Zeroizing::new(body[..end].chars().filter(|c| !c.is_whitespace()).collect());
    STANDARD.decode(base64.as_bytes()).ok().map(Zeroizing::new)
}

/// The RS256 JWT for `audience`, issued at `now` (seconds since the epoch).
fn signed_jwt(key: &ServiceAccountKey, audience: &str, now: u64) -> SdkResult<SecretString> {
    let header = json!({ "alg": "RS256", "typ": "JWT", "kid": key.private_key_id });
    let claims = json!({
        "iss": key.client_email,
        "sub": key.client_email,
        "aud": audience,
        "iat": now,
        "exp": now + JWT_LIFETIME_SECONDS,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let pair = ring::signature::RsaKeyPair::from_pkcs8(&key.private_key_der)
        .map_err(|e| SdkError::sdk(format!("The GCP service-account private key cannot sign RS256: {e}")))?;
    let mut signature = vec![0; pair.public().modulus_len()];
    pair.sign(&ring::signature::RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), signing_input.as_bytes(), &mut signature)
        .map_err(|_| SdkError::sdk("Could not sign the GCP IAM login JWT"))?;
    Ok(SecretString::new(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))))
}

impl CredentialSource for GcpIamAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, _context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let key = self.current_key()?;
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let jwt = signed_jwt(&key, &self.identity_id, now)?;
            let fields = json!({ "identityId": self.identity_id, "jwt": jwt.expose() });
            let fields: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
            Ok(LoginRequest { route: ROUTE, body: login_body(fields, self.organization_slug.as_deref()) })
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_keys_are_named_without_their_content() {
        let options = |key: &str| GcpIamAuthOptions {
            identity_id: Some("id".into()),
            service_account_key: Some(SecretString::new(key)),
            ..Default::default()
        };
        let env = ProcessEnv::default();
        let e = GcpIamAuth::new(options("{not json secret-bits"), &env).err().unwrap().to_string();
        assert_eq!(e, "Invalid service-account key in the \"serviceAccountKey\" option: not JSON");
        let e = GcpIamAuth::new(options(r#"{"client_email":"a@b.iam.gserviceaccount.com","private_key_id":"k"}"#), &env)
            .err()
            .unwrap()
            .to_string();
        assert!(e.ends_with("no \"private_key\" string"), "{e}");
        let key = r#"{"client_email":"a@b","private_key_id":"k","private_key":"-----BEGIN RSA PRIVATE KEY-----\nsecret-bits\n-----END RSA PRIVATE KEY-----"}"#;
        let e = GcpIamAuth::new(options(key), &env).err().unwrap().to_string();
        assert!(e.ends_with("\"private_key\" is not a PEM PKCS#8 private key") && !e.contains("secret-bits"), "{e}");
        let e = GcpIamAuth::new(GcpIamAuthOptions { identity_id: Some("id".into()), ..Default::default() }, &env)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains(KEY_FILE_ENV), "{e}");
    }
}
