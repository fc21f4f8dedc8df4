//! The pure Rust core of the SDK: HTTP, retries, auth state and one module per
//! API area. Nothing here knows about napi; `src/node` is the binding.

pub mod args;
pub mod auth;
pub mod aws_iam;
pub mod dynamic_secrets;
pub mod environments;
pub mod error;
pub mod folders;
pub mod kms;
pub mod projects;
pub mod path;
pub mod retry;
pub mod secret_string;
pub mod secrets;
pub mod tls;
pub mod transport;

use std::sync::RwLock;
use std::time::Duration;

pub use error::{SdkError, SdkResult};
use secret_string::SecretString;
use transport::{ApiRequest, ApiResponse, Transport, TransportConfig};

/// Environment variables that shorten the retry wait and per-attempt timeout.
/// They exist so test suites need not wait 15 s for a refused connection; the
/// defaults are the official SDK's.
pub const RETRY_DELAY_ENV: &str = "INFISICAL_SDK_RETRY_BASE_DELAY_MS";
pub const TIMEOUT_ENV: &str = "INFISICAL_SDK_REQUEST_TIMEOUT_MS";

fn env_millis(name: &str) -> Option<Duration> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis)
}

/// Options of `new InfisicalSDK(options)`.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// Absent or empty means https://app.infisical.com.
    pub site_url: Option<String>,
    /// PEM certificate(s) to trust in addition to the bundled roots, for
    /// self-hosted instances behind a private CA.
    pub ca_certificate: Option<String>,
}

/// One SDK instance: a pooled transport and the current access token.
pub struct InfisicalClient {
    transport: Transport,
    token: RwLock<Option<SecretString>>,
}

impl std::fmt::Debug for InfisicalClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InfisicalClient")
            .field("site_url", &self.transport.site_url())
            .field("authenticated", &self.current_token().is_some())
            .finish()
    }
}

impl InfisicalClient {
    /// Checks the options (a bad `siteUrl` or CA certificate is reported here,
    /// not at the first request) and makes the client; no I/O happens yet.
    pub fn new(options: ClientOptions) -> SdkResult<Self> {
        let mut config = TransportConfig::new(options.site_url.as_deref());
        transport::check_site_url(&config.site_url)?;
        if let Some(pem) = options.ca_certificate.as_deref() {
            config.extra_roots = tls::parse_ca_certificate(pem)?;
        }
        if let Some(delay) = env_millis(RETRY_DELAY_ENV) {
            config.retry.initial_delay = delay;
        }
        if let Some(timeout) = env_millis(TIMEOUT_ENV).filter(|t| !t.is_zero()) {
            config.timeout = timeout;
        }
        Ok(InfisicalClient {
            transport: Transport::new(config),
            token: RwLock::new(None),
        })
    }

    pub fn site_url(&self) -> &str {
        self.transport.site_url()
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Sets the bearer token sent with every later request (as `accessToken(token)` does).
    pub fn set_access_token(&self, token: &str) {
        let mut slot = self.token.write().unwrap_or_else(|p| p.into_inner());
        *slot = Some(SecretString::new(token));
    }

    pub fn current_token(&self) -> Option<SecretString> {
        self.token.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Builds the request for one call from its JSON arguments and sends it;
    /// resolves to the response body text.
    pub async fn call(
        &self,
        build: fn(&str) -> SdkResult<ApiRequest>,
        args_json: &str,
    ) -> SdkResult<String> {
        let request = build(args_json)?;
        Ok(self.send(&request).await?.body)
    }

    /// Sends a request with the current token, if any.
    pub async fn send(&self, request: &ApiRequest) -> SdkResult<ApiResponse> {
        let token = self.current_token();
        self.transport.send(request, token.as_ref()).await
    }
}
