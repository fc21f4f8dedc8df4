//! `auth().gcpIdTokenAuth.login(options)`: an ID token for the instance's
//! service account from the GCP metadata server (GCE, GKE, Cloud Run, Cloud
//! Functions), with the Infisical identity id as its audience; asked for
//! again at every login (ID tokens live an hour).

use futures_util::future::{BoxFuture, FutureExt};
use serde_json::{json, Map, Value};

use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::{identity_id, login_body, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = "auth().gcpIdTokenAuth.login(options)";
pub const ROUTE: &str = "/api/v1/auth/gcp-auth/login";
/// The Go SDK's variable (shared by both GCP logins).
pub const IDENTITY_ID_ENV: &str = "INFISICAL_GCP_AUTH_IDENTITY_ID";
/// The metadata server's host (`host` or `host:port`), as Google's own
/// libraries read it (google-auth-library, gcp-metadata, cloud.google.com/go).
pub const METADATA_HOST_ENV: &str = "GCE_METADATA_HOST";
pub const DEFAULT_METADATA_URL: &str = "http://metadata.google.internal";
const SOURCE: &str = "GCP metadata server";

pub fn reads_env(name: &str) -> bool {
    name == IDENTITY_ID_ENV || name == METADATA_HOST_ENV
}

#[derive(Default)]
pub struct GcpIdTokenAuthOptions {
    pub identity_id: Option<String>,
    /// The metadata server's base URL (`http://host:port`).
    pub metadata_url: Option<String>,
    pub organization_slug: Option<String>,
}

pub struct GcpIdTokenAuth {
    identity_id: String,
    /// The identity-token URL, query included.
    token_url: String,
    organization_slug: Option<String>,
}

impl GcpIdTokenAuth {
    pub fn new(options: GcpIdTokenAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, Some(IDENTITY_ID_ENV), "GCP ID token")?;
        let base = match (options.metadata_url.filter(|u| !u.is_empty()), env.get(METADATA_HOST_ENV)) {
            (Some(url), _) => url,
            (None, Some(host)) => format!("http://{host}"),
            (None, None) => DEFAULT_METADATA_URL.to_string(),
        };
        let mut url = reqwest::Url::parse(&base)
            .ok()
            .filter(|u| u.scheme() == "http" || u.scheme() == "https")
            .ok_or_else(|| SdkError::sdk(format!("{LABEL}: the metadata server URL {base} is not an http(s) URL")))?;
        let path = format!(
            "{}/computeMetadata/v1/instance/service-accounts/default/identity",
            url.path().trim_end_matches('/')
        );
        url.set_path(&path);
        url.query_pairs_mut().append_pair("audience", &identity_id).append_pair("format", "full");
        Ok(GcpIdTokenAuth { identity_id, token_url: url.to_string(), organization_slug: options.organization_slug })
    }
}

impl CredentialSource for GcpIdTokenAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let token = context.metadata.get(SOURCE, &self.token_url, &[("Metadata-Flavor", "Google")]).await?;
            let jwt = token.expose().trim();
            if jwt.is_empty() {
                return Err(SdkError::sdk(format!("{SOURCE} at {} answered with an empty ID token", self.token_url)));
            }
            let fields = json!({ "identityId": self.identity_id, "jwt": jwt });
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
    fn the_metadata_url_comes_from_the_option_then_gce_metadata_host() {
        let env = ProcessEnv::new([(METADATA_HOST_ENV, "127.0.0.1:8080")]);
        let given = GcpIdTokenAuthOptions { identity_id: Some("a b".into()), metadata_url: Some("http://10.0.0.1/base/".into()), ..Default::default() };
        assert_eq!(
            GcpIdTokenAuth::new(given, &env).unwrap().token_url,
            "http://10.0.0.1/base/computeMetadata/v1/instance/service-accounts/default/identity?audience=a+b&format=full"
        );
        let from_env = GcpIdTokenAuthOptions { identity_id: Some("id".into()), ..Default::default() };
        assert!(GcpIdTokenAuth::new(from_env, &env).unwrap().token_url.starts_with("http://127.0.0.1:8080/computeMetadata/"));
        let default = GcpIdTokenAuthOptions { identity_id: Some("id".into()), ..Default::default() };
        assert!(GcpIdTokenAuth::new(default, &ProcessEnv::default()).unwrap().token_url.starts_with("http://metadata.google.internal/computeMetadata/"));
        let bad = GcpIdTokenAuthOptions { identity_id: Some("id".into()), metadata_url: Some("file:///x".into()), ..Default::default() };
        assert!(GcpIdTokenAuth::new(bad, &env).is_err());
    }
}
