//! Machine-identity logins whose credential is computed anew at every login
//! (Kubernetes, JWT, OIDC, LDAP, GCP, and the cloud logins built on them).
//!
//! Each method lives in its own file and implements `CredentialSource`: given
//! a `LoginContext`, it produces the login route and JSON body. The token
//! lifecycle (`auth.rs`, `session.rs`) keeps the source behind an `Arc` and
//! asks it again on every re-login, so a rotated token file is read again
//! and a JavaScript callback is called again; `auth.rs` needs no change per
//! method.
//!
//! Adding a login:
//! 1. `logins/<method>.rs`: its options, `new(options, &ProcessEnv)` (checks
//!    and the identity-id fallback, see `identity_id`), and `CredentialSource`
//!    (cloud calls through `context.metadata`, never the Infisical transport;
//!    the body through `login_body`, which adds `organizationSlug`);
//! 2. here: `pub mod <method>;` and its variables in `reads_env`;
//! 3. `src/node/logins.rs`: a reader of its JavaScript options, and one row in
//!    `COMPUTED_LOGINS` (`src/node/auth.rs`);
//! 4. the test server's route (`testing/server/routes/logins.js`) and identity
//!    (`state.addLoginIdentity`), `index.d.ts`, and the method's name in
//!    `ExtraAuthMembers` of `__test__/types/parity.ts`.

pub mod alicloud;
pub mod azure;
pub mod gcp_iam;
pub mod gcp_id_token;
pub mod jwt;
pub mod kubernetes;
pub mod ldap;
pub mod metadata;
pub mod oci;

use futures_util::future::BoxFuture;
use serde_json::{Map, Value};

use super::error::{SdkError, SdkResult};
use super::process_env::ProcessEnv;
use super::secret_string::SecretString;
use metadata::MetadataClient;

/// What a login sends to Infisical: a `POST` of `body` (JSON text) to `route`.
pub struct LoginRequest {
    pub route: &'static str,
    pub body: SecretString,
}

/// What a credential source may use while computing its credential.
pub struct LoginContext<'a> {
    /// The HTTP client for metadata services and cloud credential endpoints:
    /// never the Infisical transport, so the Infisical token and the user's
    /// headers never reach them.
    pub metadata: &'a MetadataClient,
}

/// A login method that recomputes its credential at every login.
pub trait CredentialSource: Send + Sync {
    /// How the user writes the login (`auth().kubernetesAuth.login(options)`), for messages.
    fn label(&self) -> &'static str;

    /// The route and body of one login, with a freshly obtained credential.
    /// An error here means nothing is sent to Infisical.
    fn login_request<'a>(&'a self, context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>>;
}

/// `organizationSlug`, under both names the server generations read: the
/// newest servers read `organizationSlug`, an intermediate series read
/// `subOrganizationName`, and each strips the other (zod `z.object`), so
/// sending both reaches either. Sent only when given.
pub fn add_organization_slug(body: &mut Map<String, Value>, organization_slug: Option<&str>) {
    if let Some(slug) = organization_slug.filter(|s| !s.is_empty()) {
        body.entry("organizationSlug").or_insert_with(|| Value::String(slug.to_string()));
        body.entry("subOrganizationName").or_insert_with(|| Value::String(slug.to_string()));
    }
}

/// A login body: `fields` plus the organization slug, as JSON text kept secret.
pub fn login_body(mut fields: Map<String, Value>, organization_slug: Option<&str>) -> SecretString {
    add_organization_slug(&mut fields, organization_slug);
    SecretString::new(Value::Object(fields).to_string())
}

/// Where the official Node SDK looks for an identity id when none is given.
pub const MACHINE_IDENTITY_ID_ENV: &str = "INFISICAL_MACHINE_IDENTITY_ID";

/// `identityId` as given, else the method's own variable (the Go SDK's
/// name), else `INFISICAL_MACHINE_IDENTITY_ID` (the Node SDK's); empty counts as absent.
pub fn identity_id(given: Option<String>, env: &ProcessEnv, method_env: Option<&str>, method: &str) -> SdkResult<String> {
    if let Some(id) = given.filter(|s| !s.is_empty()) {
        return Ok(id);
    }
    let vars: Vec<&str> = method_env.into_iter().chain([MACHINE_IDENTITY_ID_ENV]).collect();
    vars.iter()
        .find_map(|name| env.get(name).map(str::to_owned))
        .ok_or_else(|| {
            SdkError::sdk(format!(
                "Identity ID is required for {method} authentication: pass the \"identityId\" option or set {}",
                vars.join(" or ")
            ))
        })
}

/// The environment variables every login of this module may read.
/// The most a credential file may hold: tokens and key files are a few KiB;
/// a larger file (or `/dev/zero`) is a wrong path, not a credential.
const MAX_CREDENTIAL_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a credential file (a service-account token, a key file) for a
/// login, read again at every login because these files rotate. Bounded, so
/// a wrong path cannot exhaust memory; read in place (a small local file)
/// rather than on a blocking pool. The error is the I/O error's text.
pub fn read_credential_file(path: &std::path::Path) -> Result<SecretString, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    file.take(MAX_CREDENTIAL_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CREDENTIAL_FILE_BYTES {
        return Err(format!("larger than {MAX_CREDENTIAL_FILE_BYTES} bytes, not a credential file"));
    }
    std::str::from_utf8(&bytes).map(SecretString::new).map_err(|_| "not UTF-8 text".to_string())
}

pub fn reads_env(name: &str) -> bool {
    name == MACHINE_IDENTITY_ID_ENV
        || kubernetes::reads_env(name)
        || jwt::reads_env(name)
        || ldap::reads_env(name)
        || gcp_id_token::reads_env(name)
        || gcp_iam::reads_env(name)
        || name == gcp_id_token::IDENTITY_ID_ENV
        || azure::reads_env(name)
        || oci::reads_env(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_slug_goes_under_both_names_only_when_given() {
        let mut body = Map::new();
        add_organization_slug(&mut body, None);
        assert!(body.is_empty());
        add_organization_slug(&mut body, Some(""));
        assert!(body.is_empty());
        add_organization_slug(&mut body, Some("acme"));
        assert_eq!(body.get("organizationSlug"), Some(&Value::from("acme")));
        assert_eq!(body.get("subOrganizationName"), Some(&Value::from("acme")));
    }

    #[test]
    fn identity_id_falls_back_to_the_method_variable_then_the_node_one() {
        let env = ProcessEnv::new([("INFISICAL_KUBERNETES_IDENTITY_ID", "k8s"), (MACHINE_IDENTITY_ID_ENV, "any")]);
        let k8s = Some("INFISICAL_KUBERNETES_IDENTITY_ID");
        assert_eq!(identity_id(Some("given".into()), &env, k8s, "Kubernetes").unwrap(), "given");
        assert_eq!(identity_id(Some(String::new()), &env, k8s, "Kubernetes").unwrap(), "k8s");
        assert_eq!(identity_id(None, &env, None, "JWT").unwrap(), "any");
        let e = identity_id(None, &ProcessEnv::default(), k8s, "Kubernetes").unwrap_err().to_string();
        assert!(e.contains("INFISICAL_KUBERNETES_IDENTITY_ID or INFISICAL_MACHINE_IDENTITY_ID"), "{e}");
    }
}

#[cfg(all(test, unix))]
mod credential_file_tests {
    use super::read_credential_file;

    #[test]
    fn an_endless_file_is_refused_after_the_bound_and_a_missing_one_names_the_error() {
        let error = read_credential_file(std::path::Path::new("/dev/zero")).unwrap_err();
        assert!(error.contains("not a credential file"), "{error}");
        let missing = read_credential_file(std::path::Path::new("no/such/credential")).unwrap_err();
        assert!(missing.contains("No such file"), "{missing}");
    }
}
