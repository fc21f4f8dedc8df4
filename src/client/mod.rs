//! The pure Rust core of the SDK: HTTP, retries, auth state and one module per
//! API area. Nothing here knows about napi; `src/node` is the binding.

pub mod args;
pub mod auth;
pub mod aws_iam;
pub mod cache;
pub mod coalesce;
pub mod dynamic_secrets;
pub mod environments;
pub mod error;
pub mod folders;
pub mod kms;
pub mod path;
pub mod projects;
pub mod retry;
pub mod secret_string;
pub mod secrets;
pub mod session;
pub mod tls;
pub mod transport;

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use cache::{CacheConfig, SecretCache};
use coalesce::Coalescer;
pub use error::{SdkError, SdkResult};
use secret_string::SecretString;
use session::AuthState;
use transport::{ApiRequest, ApiResponse, CacheRole, HttpMethod, Transport, TransportConfig};

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
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Absent or empty means https://app.infisical.com.
    pub site_url: Option<String>,
    /// PEM certificate(s) to trust in addition to the bundled roots, for
    /// self-hosted instances behind a private CA.
    pub ca_certificate: Option<String>,
    /// The opt-in secret cache; `None` (the default) caches nothing.
    pub cache: Option<CacheConfig>,
    /// Renew tokens from SDK logins before they expire and log in again when
    /// renewal cannot help (default true).
    pub auto_token_refresh: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            site_url: None,
            ca_certificate: None,
            cache: None,
            auto_token_refresh: true,
        }
    }
}

/// One SDK instance: a pooled transport, the auth state, the cache.
pub struct InfisicalClient {
    transport: Arc<Transport>,
    auth: RwLock<AuthState>,
    /// Held while a token is renewed or re-obtained, so a burst of calls at
    /// expiry causes one renewal, not one per call.
    upkeep: tokio::sync::Mutex<()>,
    coalescer: Coalescer,
    cache: Option<SecretCache>,
    auto_token_refresh: bool,
}

impl std::fmt::Debug for InfisicalClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InfisicalClient")
            .field("site_url", &self.transport.site_url())
            .field("authenticated", &self.current_token().is_some())
            .field("cache", &self.cache.is_some())
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
            transport: Arc::new(Transport::new(config)),
            auth: RwLock::new(AuthState::default()),
            upkeep: tokio::sync::Mutex::new(()),
            coalescer: Coalescer::default(),
            cache: options.cache.map(SecretCache::new),
            auto_token_refresh: options.auto_token_refresh,
        })
    }

    pub fn site_url(&self) -> &str {
        self.transport.site_url()
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    pub(crate) fn auth_state(&self) -> RwLockReadGuard<'_, AuthState> {
        self.auth.read().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn auth_state_mut(&self) -> RwLockWriteGuard<'_, AuthState> {
        self.auth.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn current_token(&self) -> Option<SecretString> {
        self.auth_state().token.clone()
    }

    /// The token an `auth()` object of `generation` should show: the live one
    /// (renewed automatically or not) while that object is current.
    pub fn token_for_generation(&self, generation: u64) -> Option<String> {
        let state = self.auth_state();
        (state.generation == generation)
            .then(|| state.token.as_ref().map(|t| t.expose().to_string()))
            .flatten()
    }

    pub fn auth_generation(&self) -> u64 {
        self.auth_state().generation
    }

    /// Drops every cached answer (`sdk.clearCache()`); a no-op without a cache.
    pub fn clear_cache(&self) {
        if let Some(cache) = &self.cache {
            cache.clear();
        }
    }

    /// Builds the request for one call from its JSON arguments and sends it,
    /// through the cache when the call is cacheable and a cache is configured.
    pub async fn call(
        &self,
        build: fn(&str) -> SdkResult<ApiRequest>,
        args_json: &str,
    ) -> SdkResult<Arc<ApiResponse>> {
        let request = build(args_json)?;
        let Some(cache) = &self.cache else {
            return self.send(&request).await;
        };
        match &request.cache {
            CacheRole::None => self.send(&request).await,
            CacheRole::Write(target) => {
                let result = self.send(&request).await;
                // Also after a failure: the write may have happened anyway.
                cache.invalidate(target);
                result
            }
            CacheRole::Read(scope) => {
                let key = request.key();
                if let Some(hit) = cache.fresh(&key) {
                    return Ok(hit);
                }
                let started = cache.generation();
                match self.send(&request).await {
                    Ok(response) => {
                        cache.store(key, response.clone(), scope.clone(), started);
                        Ok(response)
                    }
                    Err(error) if error.is_transient() => cache.stale(&key).ok_or(error),
                    Err(error) => Err(error),
                }
            }
        }
    }

    /// The fresh cached answer of a call, without any I/O (`None` on a miss,
    /// without a cache, or when the arguments are bad: the async path reports that).
    pub fn cached(&self, build: fn(&str) -> SdkResult<ApiRequest>, args_json: &str) -> Option<Arc<ApiResponse>> {
        let cache = self.cache.as_ref()?;
        let request = build(args_json).ok()?;
        match request.cache {
            CacheRole::Read(_) => cache.fresh(&request.key()),
            _ => None,
        }
    }

    /// Sends a request with the current token, keeping an SDK-login token
    /// alive: renewed or re-obtained before it expires, and obtained again
    /// once if the server refuses it as expired.
    pub async fn send(&self, request: &ApiRequest) -> SdkResult<Arc<ApiResponse>> {
        self.keep_token_fresh().await;
        let token = self.current_token();
        match self.dispatch(request, token.clone()).await {
            Err(error) if error.is_token_rejection() && self.lifecycle_active() => {
                if self.login_again_after_rejection(token.as_ref()).await.is_err() {
                    return Err(error);
                }
                self.dispatch(request, self.current_token()).await
            }
            other => other,
        }
    }

    /// One request; identical concurrent GETs share a single HTTP request.
    async fn dispatch(&self, request: &ApiRequest, token: Option<SecretString>) -> SdkResult<Arc<ApiResponse>> {
        if request.method != HttpMethod::Get {
            return self.transport.send(request, token.as_ref()).await.map(Arc::new);
        }
        let key = format!(
            "{}\n{}",
            token.as_ref().map(SecretString::expose).unwrap_or_default(),
            request.key()
        );
        let transport = self.transport.clone();
        let request = request.clone();
        self.coalescer
            .run(key, move || async move {
                transport.send(&request, token.as_ref()).await.map(Arc::new)
            })
            .await
    }
}
