//! Azure auth: obtain an Entra access token for the identity's configured resource from
//! wherever this process runs, for Infisical to verify. Three sources, chosen from the
//! environment when the user logs in:
//!
//! 1. AKS workload identity (`AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and an existing
//!    `AZURE_FEDERATED_TOKEN_FILE`): the projected service-account token is exchanged at
//!    Entra's token endpoint (client-credentials grant with a JWT client assertion). The file
//!    is read again on every login: Kubernetes rotates it.
//! 2. App Service / Functions managed identity (`IDENTITY_ENDPOINT` and `IDENTITY_HEADER`).
//! 3. The VM instance metadata service (IMDS), at `http://169.254.169.254` unless the
//!    `imdsEndpoint` option or `INFISICAL_AZURE_IMDS_ENDPOINT` says otherwise.

use std::path::PathBuf;

use futures_util::future::{BoxFuture, FutureExt};
use serde_json::{json, Map, Value};

use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::metadata::{MetadataClient, MetadataRequest};
use super::{identity_id, login_body, read_credential_file, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = super::super::calls::label::AZURE_AUTH_LOGIN;
const ROUTE: &str = "/api/v1/auth/azure-auth/login";
/// The official SDKs' default resource (the Azure Resource Manager audience).
pub const DEFAULT_RESOURCE: &str = "https://management.azure.com/";
pub const DEFAULT_IMDS_ENDPOINT: &str = "http://169.254.169.254";
/// Where IMDS is, for tests and unusual networks (also the `imdsEndpoint` option).
pub const IMDS_ENDPOINT_ENV: &str = "INFISICAL_AZURE_IMDS_ENDPOINT";
pub const DEFAULT_AUTHORITY_HOST: &str = "https://login.microsoftonline.com/";
/// The Go SDK's identity id fallback for Azure logins.
pub const IDENTITY_ID_ENV: &str = "INFISICAL_AZURE_AUTH_IDENTITY_ID";

const IMDS_API_VERSION: &str = "2018-02-01";
const APP_SERVICE_API_VERSION: &str = "2019-08-01";
const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

const IMDS_SOURCE: &str = "Azure instance metadata service (IMDS)";
const APP_SERVICE_SOURCE: &str = "Azure App Service managed identity endpoint (IDENTITY_ENDPOINT)";
const WORKLOAD_SOURCE: &str = "Azure workload identity token endpoint (Entra ID)";

/// Environment variables an Azure login reads.
pub const ENV_NAMES: &[&str] = &[
    "AZURE_CLIENT_ID",
    "AZURE_TENANT_ID",
    "AZURE_FEDERATED_TOKEN_FILE",
    "AZURE_AUTHORITY_HOST",
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    IMDS_ENDPOINT_ENV,
    IDENTITY_ID_ENV,
];

/// Whether an Azure login reads the variable `name`.
pub fn reads_env(name: &str) -> bool {
    ENV_NAMES.contains(&name)
}

/// Where the Entra token comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum AzureTokenSource {
    WorkloadIdentity {
        authority_host: String,
        tenant_id: String,
        client_id: String,
        token_file: PathBuf,
    },
    AppService {
        endpoint: String,
        header: SecretString,
    },
    Imds {
        endpoint: String,
    },
}

impl std::fmt::Debug for AzureTokenSource {
    /// Without the App Service header: it is a credential.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AzureTokenSource::WorkloadIdentity { authority_host, tenant_id, client_id, token_file } => f
                .debug_struct("WorkloadIdentity")
                .field("authority_host", authority_host)
                .field("tenant_id", tenant_id)
                .field("client_id", client_id)
                .field("token_file", token_file)
                .finish(),
            AzureTokenSource::AppService { endpoint, .. } => {
                f.debug_struct("AppService").field("endpoint", endpoint).finish_non_exhaustive()
            }
            AzureTokenSource::Imds { endpoint } => f.debug_struct("Imds").field("endpoint", endpoint).finish(),
        }
    }
}

/// What an Azure login asks for: a token for `resource` (optionally of the user-assigned
/// identity `client_id`) from `source`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AzureTokenRequest {
    pub resource: String,
    pub client_id: Option<String>,
    pub source: AzureTokenSource,
}

impl AzureTokenRequest {
    /// Picks the source from `env` (see the module comment). `imds_endpoint` is the option,
    /// which wins over `INFISICAL_AZURE_IMDS_ENDPOINT`.
    pub fn new(env: &ProcessEnv, resource: Option<&str>, client_id: Option<&str>, imds_endpoint: Option<&str>) -> Self {
        let resource = resource.filter(|r| !r.is_empty()).unwrap_or(DEFAULT_RESOURCE).to_string();
        let client_id = client_id.filter(|c| !c.is_empty()).map(str::to_owned);
        let source = match (env.get("AZURE_CLIENT_ID"), env.get("AZURE_TENANT_ID"), env.get("AZURE_FEDERATED_TOKEN_FILE")) {
            (Some(env_client_id), Some(tenant_id), Some(file)) if std::path::Path::new(file).is_file() => {
                AzureTokenSource::WorkloadIdentity {
                    authority_host: env.get("AZURE_AUTHORITY_HOST").unwrap_or(DEFAULT_AUTHORITY_HOST).to_string(),
                    tenant_id: tenant_id.to_string(),
                    client_id: client_id.clone().unwrap_or_else(|| env_client_id.to_string()),
                    token_file: PathBuf::from(file),
                }
            }
            _ => match (env.get("IDENTITY_ENDPOINT"), env.get("IDENTITY_HEADER")) {
                (Some(endpoint), Some(header)) => AzureTokenSource::AppService {
                    endpoint: endpoint.to_string(),
                    header: SecretString::new(header),
                },
                _ => AzureTokenSource::Imds {
                    endpoint: imds_endpoint
                        .filter(|e| !e.is_empty())
                        .or_else(|| env.get(IMDS_ENDPOINT_ENV))
                        .unwrap_or(DEFAULT_IMDS_ENDPOINT)
                        .to_string(),
                },
            },
        };
        AzureTokenRequest { resource, client_id, source }
    }

    /// Fetches a fresh Entra access token (a JWT) from the source.
    pub async fn fetch(&self, metadata: &MetadataClient) -> SdkResult<SecretString> {
        let (source, answer) = match &self.source {
            AzureTokenSource::Imds { endpoint } => {
                let url = with_query(
                    &format!("{}/metadata/identity/oauth2/token", endpoint.trim_end_matches('/')),
                    &[("api-version", IMDS_API_VERSION), ("resource", &self.resource)],
                    self.client_id.as_deref(),
                    IMDS_SOURCE,
                )?;
                let headers = [("Metadata", "true"), ("Accept", "application/json")];
                (IMDS_SOURCE, metadata.get(IMDS_SOURCE, &url, &headers).await?)
            }
            AzureTokenSource::AppService { endpoint, header } => {
                let url = with_query(
                    endpoint,
                    &[("resource", &self.resource), ("api-version", APP_SERVICE_API_VERSION)],
                    self.client_id.as_deref(),
                    APP_SERVICE_SOURCE,
                )?;
                let headers = [("X-IDENTITY-HEADER", header.expose()), ("Accept", "application/json")];
                (APP_SERVICE_SOURCE, metadata.get(APP_SERVICE_SOURCE, &url, &headers).await?)
            }
            AzureTokenSource::WorkloadIdentity { authority_host, tenant_id, client_id, token_file } => {
                // Read at every login: Kubernetes rotates the projected token.
                let assertion = read_credential_file(token_file).map_err(|e| {
                    SdkError::sdk(format!(
                        "Azure workload identity: could not read AZURE_FEDERATED_TOKEN_FILE ({}): {e}",
                        token_file.display()
                    ))
                })?;
                let url = format!("{}/{tenant_id}/oauth2/v2.0/token", authority_host.trim_end_matches('/'));
                let scope = scope_of(&self.resource);
                let form = [
                    ("client_id", client_id.as_str()),
                    ("grant_type", "client_credentials"),
                    ("scope", scope.as_str()),
                    ("client_assertion_type", CLIENT_ASSERTION_TYPE),
                    ("client_assertion", assertion.expose().trim()),
                ];
                let request = MetadataRequest {
                    source: WORKLOAD_SOURCE,
                    method: reqwest::Method::POST,
                    url: &url,
                    headers: &[("Accept", "application/json")],
                    form: Some(&form),
                };
                (WORKLOAD_SOURCE, metadata.send(request).await?)
            }
        };
        let body: Value = serde_json::from_str(answer.expose()).unwrap_or(Value::Null);
        body.get("access_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(SecretString::new)
            .ok_or_else(|| SdkError::sdk(format!("{source} answered without an access_token")))
    }
}

/// `url` with `pairs` (and `client_id` when given) added to its query.
fn with_query(url: &str, pairs: &[(&str, &str)], client_id: Option<&str>, source: &str) -> SdkResult<String> {
    let mut url = url::Url::parse(url).map_err(|_| SdkError::sdk(format!("{source}: invalid URL {url}")))?;
    {
        let mut query = url.query_pairs_mut();
        query.extend_pairs(pairs);
        if let Some(client_id) = client_id {
            query.append_pair("client_id", client_id);
        }
    }
    Ok(url.into())
}

/// `{resource}/.default`, the v2 endpoint's way of naming a v1 resource.
pub fn scope_of(resource: &str) -> String {
    format!("{}/.default", resource.trim_end_matches('/'))
}

/// The options as the caller gave them.
#[derive(Default)]
pub struct AzureAuthOptions {
    pub identity_id: Option<String>,
    pub resource: Option<String>,
    pub client_id: Option<String>,
    pub imds_endpoint: Option<String>,
    pub organization_slug: Option<String>,
}

/// `auth().azureAuth.login(options)`: the source is chosen once, when the user logs in;
/// every login (re-logins too) fetches a fresh token from it.
pub struct AzureAuth {
    identity_id: String,
    token: AzureTokenRequest,
    organization_slug: Option<String>,
}

impl AzureAuth {
    pub fn new(options: AzureAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, Some(IDENTITY_ID_ENV), "Azure")?;
        let token = AzureTokenRequest::new(
            env,
            options.resource.as_deref(),
            options.client_id.as_deref(),
            options.imds_endpoint.as_deref(),
        );
        Ok(AzureAuth { identity_id, token, organization_slug: options.organization_slug })
    }
}

impl CredentialSource for AzureAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let jwt = self.token.fetch(context.metadata).await?;
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
    fn imds_by_default_with_overridable_endpoint() {
        let empty = ProcessEnv::default();
        let request = AzureTokenRequest::new(&empty, None, None, None);
        assert_eq!(request.resource, DEFAULT_RESOURCE);
        assert_eq!(request.source, AzureTokenSource::Imds { endpoint: DEFAULT_IMDS_ENDPOINT.into() });
        let env = ProcessEnv::new([(IMDS_ENDPOINT_ENV, "http://127.0.0.1:9")]);
        let from_env = AzureTokenRequest::new(&env, Some("api://x"), Some("cid"), None);
        assert_eq!(from_env.source, AzureTokenSource::Imds { endpoint: "http://127.0.0.1:9".into() });
        assert_eq!((from_env.resource.as_str(), from_env.client_id.as_deref()), ("api://x", Some("cid")));
        let option_wins = AzureTokenRequest::new(&env, None, None, Some("http://127.0.0.1:8"));
        assert_eq!(option_wins.source, AzureTokenSource::Imds { endpoint: "http://127.0.0.1:8".into() });
    }

    #[test]
    fn app_service_when_its_variables_are_set_and_the_header_stays_hidden() {
        let env = ProcessEnv::new([("IDENTITY_ENDPOINT", "http://127.0.0.1:7/msi/token"), ("IDENTITY_HEADER", "hush")]);
        let request = AzureTokenRequest::new(&env, None, None, None);
        assert!(matches!(&request.source, AzureTokenSource::AppService { endpoint, .. } if endpoint == "http://127.0.0.1:7/msi/token"));
        assert!(!format!("{request:?}").contains("hush"));
    }

    #[test]
    fn workload_identity_only_when_the_token_file_exists() {
        // Under target/ (the build's own scratch space), not the process's temporary directory.
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/azure-source-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("token");
        let vars = |path: &std::path::Path| {
            ProcessEnv::new([
                ("AZURE_CLIENT_ID", "client"),
                ("AZURE_TENANT_ID", "tenant"),
                ("AZURE_FEDERATED_TOKEN_FILE", path.to_str().unwrap()),
                ("IDENTITY_ENDPOINT", "http://127.0.0.1:7"),
                ("IDENTITY_HEADER", "h"),
            ])
        };
        // no file yet: the next source
        assert!(matches!(AzureTokenRequest::new(&vars(&file), None, None, None).source, AzureTokenSource::AppService { .. }));
        std::fs::write(&file, "jwt").unwrap();
        let request = AzureTokenRequest::new(&vars(&file), None, Some("other-client"), None);
        assert_eq!(
            request.source,
            AzureTokenSource::WorkloadIdentity {
                authority_host: DEFAULT_AUTHORITY_HOST.into(),
                tenant_id: "tenant".into(),
                client_id: "other-client".into(),
                token_file: file.clone(),
            }
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn scopes_name_the_resource_once() {
        assert_eq!(scope_of("https://management.azure.com/"), "https://management.azure.com/.default");
        assert_eq!(scope_of("api://infisical"), "api://infisical/.default");
    }
}
