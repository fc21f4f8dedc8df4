//! `auth().kubernetesAuth.login(options)`: the pod's service-account token,
//! sent as `jwt` for Infisical to check with a Kubernetes TokenReview.

use futures_util::future::{BoxFuture, FutureExt};
use serde_json::{json, Map, Value};

use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::{identity_id, login_body, read_credential_file, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = "auth().kubernetesAuth.login(options)";
const ROUTE: &str = "/api/v1/auth/kubernetes-auth/login";
/// Where Kubernetes mounts the service-account token in a pod.
pub const DEFAULT_TOKEN_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount/token";
/// The Go SDK's variables.
pub const IDENTITY_ID_ENV: &str = "INFISICAL_KUBERNETES_IDENTITY_ID";
pub const TOKEN_PATH_ENV: &str = "INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH";

pub fn reads_env(name: &str) -> bool {
    name == IDENTITY_ID_ENV || name == TOKEN_PATH_ENV
}

/// The options as the caller gave them.
#[derive(Default)]
pub struct KubernetesAuthOptions {
    pub identity_id: Option<String>,
    pub service_account_token_path: Option<String>,
    pub service_account_token: Option<SecretString>,
    pub organization_slug: Option<String>,
}

/// Where the token comes from.
enum ServiceAccountToken {
    /// Read at every login: projected tokens are rotated by the kubelet
    /// (hourly by default), so a re-login must not resend the old one.
    File(String),
    Given(SecretString),
}

pub struct KubernetesAuth {
    identity_id: String,
    token: ServiceAccountToken,
    organization_slug: Option<String>,
}

impl KubernetesAuth {
    pub fn new(options: KubernetesAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, Some(IDENTITY_ID_ENV), "Kubernetes")?;
        let token = match (options.service_account_token, options.service_account_token_path) {
            (Some(_), Some(_)) => {
                return Err(SdkError::sdk(format!(
                    "{LABEL}: give either \"serviceAccountToken\" or \"serviceAccountTokenPath\", not both"
                )))
            }
            (Some(token), None) if token.expose().trim().is_empty() => {
                return Err(SdkError::sdk(format!("Option \"serviceAccountToken\" of {LABEL} must be a non-empty string")))
            }
            (Some(token), None) => ServiceAccountToken::Given(token),
            (None, Some(path)) if !path.is_empty() => ServiceAccountToken::File(path),
            (None, _) => ServiceAccountToken::File(env.get(TOKEN_PATH_ENV).unwrap_or(DEFAULT_TOKEN_PATH).to_string()),
        };
        Ok(KubernetesAuth { identity_id, token, organization_slug: options.organization_slug })
    }

    /// The token to send now.
    fn current_token(&self) -> SdkResult<SecretString> {
        match &self.token {
            ServiceAccountToken::Given(token) => Ok(SecretString::new(token.expose().trim())),
            ServiceAccountToken::File(path) => {
                let text = read_credential_file(path.as_ref()).map_err(|e| {
                    SdkError::sdk(format!("Could not read the Kubernetes service account token at {path}: {e}"))
                })?;
                let token = text.expose().trim();
                if token.is_empty() {
                    return Err(SdkError::sdk(format!("The Kubernetes service account token file {path} is empty")));
                }
                Ok(SecretString::new(token))
            }
        }
    }
}

impl CredentialSource for KubernetesAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, _context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let jwt = self.current_token()?;
            let fields = json!({ "identityId": self.identity_id, "jwt": jwt.expose() });
            let fields: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
            Ok(LoginRequest { route: ROUTE, body: login_body(fields, self.organization_slug.as_deref()) })
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::super::metadata::MetadataClient;
    use super::*;

    async fn body_of(auth: &KubernetesAuth) -> SdkResult<Value> {
        let metadata = MetadataClient::new(Vec::new(), None);
        let request = auth.login_request(&LoginContext { metadata: &metadata }).await?;
        assert_eq!(request.route, ROUTE);
        Ok(serde_json::from_str(request.body.expose()).unwrap())
    }

    #[tokio::test]
    async fn the_token_file_is_read_again_at_every_login() {
        // Under target/ (the core never reads the environment, so no temp_dir()).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(format!("k8s-token-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("token");
        std::fs::write(&path, "first\n").unwrap();
        let options = KubernetesAuthOptions {
            identity_id: Some("id-1".into()),
            service_account_token_path: Some(path.to_string_lossy().into_owned()),
            organization_slug: Some("acme".into()),
            ..Default::default()
        };
        let auth = KubernetesAuth::new(options, &ProcessEnv::default()).unwrap();
        let body = body_of(&auth).await.unwrap();
        assert_eq!(body, json!({"identityId": "id-1", "jwt": "first", "organizationSlug": "acme", "subOrganizationName": "acme"}));
        std::fs::write(&path, "second").unwrap();
        assert_eq!(body_of(&auth).await.unwrap()["jwt"], "second");
        std::fs::remove_file(&path).unwrap();
        let e = body_of(&auth).await.unwrap_err().to_string();
        assert!(e.starts_with("Could not read the Kubernetes service account token at "), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn path_from_the_environment_and_conflicting_options() {
        let env = ProcessEnv::new([(IDENTITY_ID_ENV, "from-env"), (TOKEN_PATH_ENV, "service-account/token")]);
        let auth = KubernetesAuth::new(KubernetesAuthOptions::default(), &env).unwrap();
        assert_eq!(auth.identity_id, "from-env");
        assert!(matches!(&auth.token, ServiceAccountToken::File(p) if p == "service-account/token"));
        let both = KubernetesAuthOptions {
            service_account_token: Some(SecretString::new("t")),
            service_account_token_path: Some("/p".into()),
            ..Default::default()
        };
        assert!(KubernetesAuth::new(both, &env).is_err());
    }
}
