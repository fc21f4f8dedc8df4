//! AWS IAM auth: find the region, load credentials from the default chain,
//! and SigV4-sign the `sts:GetCallerIdentity` request that Infisical replays.
//!
//! The request is signed, never sent: Infisical forwards it to STS itself.

use std::time::{Duration, SystemTime};

use aws_config::BehaviorVersion;
use aws_credential_types::provider::ProvideCredentials;
use aws_sigv4::http_request::{sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use base64::Engine;
use serde_json::{Map, Value};

use super::error::{error_chain, SdkError, SdkResult};
use super::process_env::ProcessEnv;

const GET_CALLER_IDENTITY_BODY: &str = "Action=GetCallerIdentity&Version=2011-06-15";
const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";
const DEFAULT_IMDS_ENDPOINT: &str = "http://169.254.169.254";
const IMDS_TIMEOUT: Duration = Duration::from_secs(5);

/// The signed request, in the form the official SDK sends to Infisical.
#[derive(Debug)]
pub struct SignedStsRequest {
    pub method: &'static str,
    pub body: &'static str,
    /// Header names as the official SDK writes them (`Authorization` capitalised).
    pub headers: Vec<(String, String)>,
}

impl SignedStsRequest {
    pub fn body_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.body)
    }

    pub fn headers_base64(&self) -> String {
        let map: Map<String, Value> = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let json = serde_json::to_string(&Value::Object(map)).unwrap_or_default();
        base64::engine::general_purpose::STANDARD.encode(json)
    }
}

/// Environment variables an AWS IAM login reads: the ones the AWS default
/// credential and region chain reads (all `AWS_*`, and the home directory for
/// `~/.aws`), and the official SDK's identity id fallback.
pub const ENV_PREFIXES: &[&str] = &["AWS_"];
pub const ENV_NAMES: &[&str] = &["HOME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "INFISICAL_MACHINE_IDENTITY_ID"];

/// Whether an AWS IAM login reads the variable `name`.
pub fn reads_env(name: &str) -> bool {
    ENV_PREFIXES.iter().any(|p| name.starts_with(p)) || ENV_NAMES.contains(&name)
}

/// Credentials are fetched again this long before they expire.
const CREDENTIALS_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// The AWS side of AWS IAM logins, built once per client and AWS environment:
/// the region, the default-chain configuration and its credentials, reused by
/// every automatic re-login instead of loading the chain each time.
pub struct AwsIdentity {
    env: ProcessEnv,
    region: tokio::sync::OnceCell<String>,
    config: tokio::sync::OnceCell<aws_config::SdkConfig>,
    credentials: tokio::sync::Mutex<Option<aws_credential_types::Credentials>>,
}

impl std::fmt::Debug for AwsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsIdentity").field("env", &self.env).finish_non_exhaustive()
    }
}

impl AwsIdentity {
    pub fn new(env: ProcessEnv) -> Self {
        AwsIdentity {
            env,
            region: tokio::sync::OnceCell::new(),
            config: tokio::sync::OnceCell::new(),
            credentials: tokio::sync::Mutex::new(None),
        }
    }

    /// The environment this identity was built from.
    pub fn env(&self) -> &ProcessEnv {
        &self.env
    }

    /// `AWS_REGION`, else the EC2 instance-metadata service; found once.
    pub async fn region(&self, http: &reqwest::Client) -> SdkResult<String> {
        self.region.get_or_try_init(|| region(&self.env, http)).await.cloned()
    }

    /// Signs `sts:GetCallerIdentity` with this identity's credentials.
    pub async fn sign_get_caller_identity(&self, region: &str) -> SdkResult<SignedStsRequest> {
        let credentials = self.credentials(region).await?;
        sign_with(region, credentials, SystemTime::now())
    }

    /// The cached credentials while they are valid, else fresh ones from the chain.
    async fn credentials(&self, region: &str) -> SdkResult<aws_credential_types::Credentials> {
        let mut cached = self.credentials.lock().await;
        if let Some(credentials) = cached.as_ref() {
            let valid = credentials
                .expiry()
                .is_none_or(|expiry| expiry > SystemTime::now() + CREDENTIALS_REFRESH_MARGIN);
            if valid {
                return Ok(credentials.clone());
            }
        }
        let config = self.config.get_or_init(|| load_config(&self.env, region)).await;
        let provider = config
            .credentials_provider()
            .ok_or_else(|| SdkError::sdk("Credentials not found"))?;
        let credentials = provider
            .provide_credentials()
            .await
            .map_err(|e| SdkError::sdk(format!("Could not load AWS credentials: {}", error_chain(&e))))?;
        *cached = Some(credentials.clone());
        Ok(credentials)
    }
}

/// `AWS_REGION`, else the EC2 instance-metadata service (IMDSv2), reached at
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` when set, as the AWS SDKs allow.
async fn region(env: &ProcessEnv, http: &reqwest::Client) -> SdkResult<String> {
    if let Some(region) = env.get("AWS_REGION") {
        return Ok(region.to_string());
    }
    if env.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return Err(SdkError::sdk(
            "AWS region not found: set AWS_REGION (the EC2 instance metadata service is disabled by AWS_EC2_METADATA_DISABLED)",
        ));
    }
    let endpoint = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").unwrap_or(DEFAULT_IMDS_ENDPOINT);
    let endpoint = endpoint.trim_end_matches('/');
    let imds_error = |what: &str, e: &dyn std::fmt::Display| {
        SdkError::sdk(format!(
            "AWS region not found: AWS_REGION is not set and the EC2 instance metadata service at {endpoint} failed ({what}: {e})"
        ))
    };

    let token = http
        .put(format!("{endpoint}/latest/api/token"))
        .header("X-aws-ec2-metadata-token-ttl-seconds", "21600")
        .timeout(IMDS_TIMEOUT)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| imds_error("token", &e))?
        .text()
        .await
        .map_err(|e| imds_error("token", &e))?;
    let document_text = http
        .get(format!("{endpoint}/latest/dynamic/instance-identity/document"))
        .header("X-aws-ec2-metadata-token", token.trim())
        .header("Accept", "application/json")
        .timeout(IMDS_TIMEOUT)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| imds_error("identity document", &e))?
        .text()
        .await
        .map_err(|e| imds_error("identity document", &e))?;
    let document: Value = serde_json::from_str(&document_text)
        .map_err(|e| imds_error("identity document", &e))?;
    document
        .get("region")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| imds_error("identity document", &"no region field"))
}

/// The default provider chain (environment, profile files, web identity, ECS,
/// IMDS) over the environment the binding read from `process.env`, using ring
/// for any HTTPS it needs.
async fn load_config(env: &ProcessEnv, region: &str) -> aws_config::SdkConfig {
    use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
    super::tls::install_crypto_provider();
    let http_client = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    aws_config::defaults(BehaviorVersion::latest())
        .env(aws_types::os_shim_internal::Env::from(env.to_map()))
        .region(aws_config::Region::new(region.to_string()))
        .http_client(http_client)
        .load()
        .await
}

/// The signing step alone, deterministic for a given time (unit-tested).
pub fn sign_with(
    region: &str,
    credentials: aws_credential_types::Credentials,
    time: SystemTime,
) -> SdkResult<SignedStsRequest> {
    let host = format!("sts.{region}.amazonaws.com");
    let url = format!("https://{host}/");
    let content_length = GET_CALLER_IDENTITY_BODY.len().to_string();
    let base_headers: [(&str, &str); 3] = [
        ("Content-Type", FORM_CONTENT_TYPE),
        ("Host", host.as_str()),
        ("Content-Length", content_length.as_str()),
    ];

    let identity: Identity = credentials.into();
    let mut settings = SigningSettings::default();
    // The official signer (smithy's SignatureV4) adds x-amz-content-sha256.
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("sts")
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| SdkError::sdk(format!("Could not sign the AWS request: {e}")))?
        .into();
    let signable = SignableRequest::new(
        "POST",
        url.as_str(),
        base_headers.iter().copied(),
        SignableBody::Bytes(GET_CALLER_IDENTITY_BODY.as_bytes()),
    )
    .map_err(|e| SdkError::sdk(format!("Could not sign the AWS request: {e}")))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| SdkError::sdk(format!("Could not sign the AWS request: {e}")))?
        .into_parts();
    let (added, _) = instructions.into_parts();

    let mut headers: Vec<(String, String)> = base_headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    // Same order as smithy: date, security token, content hash, authorization.
    let order = ["x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "authorization"];
    let mut added: Vec<(String, String)> = added
        .iter()
        .map(|h| (h.name().to_string(), h.value().to_string()))
        .collect();
    added.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(order.len()));
    for (name, value) in added {
        let name = if name == "authorization" { "Authorization".to_string() } else { name };
        headers.push((name, value));
    }
    Ok(SignedStsRequest {
        method: "POST",
        body: GET_CALLER_IDENTITY_BODY,
        headers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(token: Option<&str>) -> aws_credential_types::Credentials {
        aws_credential_types::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(str::to_owned),
            None,
            "test",
        )
    }

    #[test]
    fn signs_with_the_official_header_set() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let signed = sign_with("us-east-1", creds(None), time).unwrap();
        let names: Vec<&str> = signed.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["Content-Type", "Host", "Content-Length", "x-amz-date", "x-amz-content-sha256", "Authorization"]
        );
        let auth = &signed.headers.last().unwrap().1;
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/sts/aws4_request"));
        assert!(auth.contains("SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date"));
        assert_eq!(signed.body_base64(), "QWN0aW9uPUdldENhbGxlcklkZW50aXR5JlZlcnNpb249MjAxMS0wNi0xNQ==");
    }

    #[test]
    fn session_tokens_are_signed_and_sent() {
        let signed = sign_with("eu-west-2", creds(Some("SESSION")), SystemTime::now()).unwrap();
        assert!(signed.headers.iter().any(|(k, v)| k == "x-amz-security-token" && v == "SESSION"));
        assert!(signed.headers.iter().any(|(k, v)| k == "Host" && v == "sts.eu-west-2.amazonaws.com"));
        let auth = &signed.headers.last().unwrap().1;
        assert!(auth.contains("x-amz-security-token"));
    }
}
