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
use std::time::Duration;

use serde_json::Value;

use super::error::{error_chain, SdkError, SdkResult};
use super::process_env::ProcessEnv;
use super::secret_string::SecretString;

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
/// Metadata services answer at once or not at all; Entra is a remote service.
const METADATA_TIMEOUT: Duration = Duration::from_secs(5);
const AUTHORITY_TIMEOUT: Duration = Duration::from_secs(10);

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
    pub async fn fetch(&self, http: &reqwest::Client) -> SdkResult<SecretString> {
        match &self.source {
            AzureTokenSource::Imds { endpoint } => {
                let what = format!("Azure managed identity: the instance metadata service (IMDS) at {endpoint}");
                let mut url = parse_url(&format!("{}/metadata/identity/oauth2/token", endpoint.trim_end_matches('/')), &what)?;
                url.query_pairs_mut()
                    .append_pair("api-version", IMDS_API_VERSION)
                    .append_pair("resource", &self.resource);
                if let Some(client_id) = &self.client_id {
                    url.query_pairs_mut().append_pair("client_id", client_id);
                }
                let request = http
                    .get(url)
                    .header("Metadata", "true")
                    .header("Accept", "application/json")
                    .timeout(METADATA_TIMEOUT);
                access_token(request, &what).await
            }
            AzureTokenSource::AppService { endpoint, header } => {
                let what = format!("Azure App Service managed identity at IDENTITY_ENDPOINT ({endpoint})");
                let mut url = parse_url(endpoint, &what)?;
                url.query_pairs_mut()
                    .append_pair("resource", &self.resource)
                    .append_pair("api-version", APP_SERVICE_API_VERSION);
                if let Some(client_id) = &self.client_id {
                    url.query_pairs_mut().append_pair("client_id", client_id);
                }
                let request = http
                    .get(url)
                    .header("X-IDENTITY-HEADER", header.expose())
                    .header("Accept", "application/json")
                    .timeout(METADATA_TIMEOUT);
                access_token(request, &what).await
            }
            AzureTokenSource::WorkloadIdentity { authority_host, tenant_id, client_id, token_file } => {
                let assertion = std::fs::read_to_string(token_file).map_err(|e| {
                    SdkError::sdk(format!(
                        "Azure workload identity: could not read AZURE_FEDERATED_TOKEN_FILE ({}): {e}",
                        token_file.display()
                    ))
                })?;
                let token_url = format!("{}/{tenant_id}/oauth2/v2.0/token", authority_host.trim_end_matches('/'));
                let what = format!("Azure workload identity: the Entra token endpoint {token_url}");
                let url = parse_url(&token_url, &what)?;
                let body = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("client_id", client_id)
                    .append_pair("grant_type", "client_credentials")
                    .append_pair("scope", &scope_of(&self.resource))
                    .append_pair("client_assertion_type", CLIENT_ASSERTION_TYPE)
                    .append_pair("client_assertion", assertion.trim())
                    .finish();
                let request = http
                    .post(url)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .body(body)
                    .timeout(AUTHORITY_TIMEOUT);
                access_token(request, &what).await
            }
        }
    }
}

/// `{resource}/.default`, the v2 endpoint's way of naming a v1 resource.
pub fn scope_of(resource: &str) -> String {
    format!("{}/.default", resource.trim_end_matches('/'))
}

fn parse_url(url: &str, what: &str) -> SdkResult<url::Url> {
    url::Url::parse(url).map_err(|e| SdkError::sdk(format!("{what}: not a valid URL ({e})")))
}

/// Sends `request` and reads `access_token` from its JSON answer; every failure names `what`.
async fn access_token(request: reqwest::RequestBuilder, what: &str) -> SdkResult<SecretString> {
    let response = request
        .send()
        .await
        .map_err(|e| SdkError::sdk(format!("{what} could not be reached: {}", error_chain(&e))))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| SdkError::sdk(format!("{what} failed while answering: {}", error_chain(&e))))?;
    let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if !status.is_success() {
        // Entra and the identity endpoints explain refusals in these fields (never secrets).
        let detail = ["error_description", "message", "error"]
            .iter()
            .find_map(|k| body.get(k).and_then(Value::as_str))
            .map(|d| format!(": {}", d.chars().take(300).collect::<String>()))
            .unwrap_or_default();
        return Err(SdkError::sdk(format!("{what} answered {status}{detail}")));
    }
    body.get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(SecretString::new)
        .ok_or_else(|| SdkError::sdk(format!("{what} answered without an access_token")))
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
