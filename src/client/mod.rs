//! The pure Rust core of the SDK: HTTP, retries, auth state and one module per
//! API area. Nothing here knows about napi or JavaScript argument conventions;
//! `src/node` is the binding.
//!
//! Each call is a typed request (`secrets::ListSecrets`, `kms::Encrypt`, ...)
//! issued by the `InfisicalClient` method of the same name (`list_secrets`,
//! `kms_encrypt`, ...; the table is in `calls`). Usable from Rust alone:
//!
//! ```no_run
//! # async fn demo() -> Result<(), infisical_sdk_native::client::SdkError> {
//! use std::sync::Arc;
//! use infisical_sdk_native::client::{secrets::ListSecrets, ClientOptions, InfisicalClient};
//!
//! let client = Arc::new(InfisicalClient::new(ClientOptions::default())?);
//! client.set_access_token("token");
//! let call = ListSecrets { project_id: "p".into(), environment: "dev".into(), ..Default::default() };
//! let response = client.list_secrets(call).response().await?;
//! println!("{}", response.body);
//! # Ok(())
//! # }
//! ```

pub mod auth;
pub mod aws_iam;
pub mod response_body;
pub mod cache;
pub mod calls;
pub mod clock;
pub mod coalesce;
pub mod direct;
pub mod dynamic_secrets;
pub mod environments;
pub mod error;
pub mod folders;
pub mod headers;
pub mod kms;
pub mod logins;
pub mod path;
pub mod process_env;
pub mod projects;
pub mod proxy;
pub mod request;
pub mod retry;
pub mod secret_string;
pub mod secrets;
pub mod session;
pub mod timer_anchor;
pub mod tls;
pub mod transport;

#[cfg(test)]
mod loopback_tests;

use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use futures_util::future::{BoxFuture, FutureExt};

use aws_iam::AwsIdentity;
use cache::{CacheConfig, SecretCache};
use clock::Clock;
use coalesce::{Coalescer, JoinWindow, SharedResponse};
pub use error::{SdkError, SdkResult};
use process_env::ProcessEnv;
use secret_string::SecretString;
use session::AuthState;
pub use calls::Call;
pub use request::{ApiRequest, ApiResponse, CacheRole, HttpMethod};
use transport::{Transport, TransportConfig};

/// Options of `new InfisicalSDK(options)`, and what the binding read from
/// `process.env` at that moment (the core never reads the environment).
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
    /// First retry wait (the official 1 s when `None`; `retry.baseDelayMs`,
    /// else `INFISICAL_SDK_RETRY_BASE_DELAY_MS`).
    pub retry_base_delay: Option<Duration>,
    /// Retries after a failed first attempt (the official 4 when `None`;
    /// `retry.maxRetries`).
    pub max_retries: Option<u32>,
    /// Per-attempt timeout (the official 10 s when `None` or zero;
    /// `timeoutMs`, else `INFISICAL_SDK_REQUEST_TIMEOUT_MS`).
    pub request_timeout: Option<Duration>,
    /// A PEM file of extra roots, as Node's `NODE_EXTRA_CA_CERTS` names it.
    pub extra_ca_certs_file: Option<String>,
    /// The `headers` option: sent with every Infisical request; checked by
    /// `InfisicalClient::new` (see `headers`). Values may be credentials.
    pub headers: Vec<(String, SecretString)>,
    /// Replaces the default `User-Agent` (`infisical-sdk-native/<version>`).
    pub user_agent: Option<String>,
    /// The proxy variables (`HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY`,
    /// `http_proxy`, `NO_PROXY`, `no_proxy`) as `process.env` held them;
    /// empty: no proxy.
    pub proxy_env: ProcessEnv,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            site_url: None,
            ca_certificate: None,
            cache: None,
            auto_token_refresh: true,
            retry_base_delay: None,
            max_retries: None,
            request_timeout: None,
            extra_ca_certs_file: None,
            headers: Vec::new(),
            user_agent: None,
            proxy_env: ProcessEnv::default(),
        }
    }
}

/// One SDK instance: a pooled transport, the auth state, the cache.
pub struct InfisicalClient {
    transport: Arc<Transport>,
    clock: Arc<Clock>,
    auth: RwLock<AuthState>,
    /// Held while a token is renewed or re-obtained, so a burst of calls at
    /// expiry causes one renewal, not one per call.
    upkeep: tokio::sync::Mutex<()>,
    coalescer: Arc<Coalescer>,
    cache: Option<SecretCache>,
    auto_token_refresh: bool,
    /// The AWS configuration of the last AWS IAM login (and its credential
    /// cache), reused while the AWS environment stays the same.
    aws: Mutex<Option<Arc<AwsIdentity>>>,
    /// The client for metadata services and cloud credential endpoints
    /// (never the Infisical transport: no Infisical token reaches them).
    metadata: logins::metadata::MetadataClient,
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

/// A call issued but not yet answered: see `InfisicalClient::begin`.
pub struct PendingCall {
    state: Pending,
}

enum Pending {
    Ready(SdkResult<Arc<ApiResponse>>),
    Direct(BoxFuture<'static, SdkResult<Arc<ApiResponse>>>),
    Shared(SharedResponse, JoinWindow),
}

/// The outcome of a call, with the join window of a shared request: identical
/// reads keep joining that request until this is dropped, so drop it once the
/// result has reached its caller (the binding does so on the JS thread).
pub struct Settled {
    pub result: SdkResult<Arc<ApiResponse>>,
    pub window: Option<JoinWindow>,
}

impl PendingCall {
    pub fn failed(error: SdkError) -> Self {
        PendingCall { state: Pending::Ready(Err(error)) }
    }

    /// The answer if it is already known (a fresh cached answer, or a call
    /// refused before sending): the binding settles such a call at once,
    /// without a thread hop. Otherwise the call itself, to await.
    pub fn into_ready(self) -> Result<SdkResult<Arc<ApiResponse>>, PendingCall> {
        match self.state {
            Pending::Ready(result) => Ok(result),
            state => Err(PendingCall { state }),
        }
    }

    /// The answer, once it is there (the join window closes at once; the
    /// binding uses `finish` to keep it open until JavaScript has the answer).
    pub async fn response(self) -> SdkResult<Arc<ApiResponse>> {
        self.finish().await.result
    }

    pub async fn finish(self) -> Settled {
        match self.state {
            Pending::Ready(result) => Settled { result, window: None },
            Pending::Direct(future) => Settled { result: future.await, window: None },
            Pending::Shared(response, window) => Settled {
                result: response.await,
                window: Some(window),
            },
        }
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
        config.extra_ca_certs_file = options.extra_ca_certs_file.filter(|f| !f.is_empty());
        if let Some(delay) = options.retry_base_delay {
            config.retry.initial_delay = delay;
        }
        if let Some(retries) = options.max_retries {
            config.retry.max_retries = retries;
        }
        if let Some(timeout) = options.request_timeout.filter(|t| !t.is_zero()) {
            config.timeout = timeout;
        }
        config.extra_headers = headers::extra_headers(&options.headers)?;
        if let Some(agent) = options.user_agent.as_deref() {
            config.user_agent = headers::user_agent(agent)?;
        }
        config.proxy = proxy::ProxyConfig::from_env(&options.proxy_env)?;
        let clock = Arc::new(Clock::default());
        let metadata = logins::metadata::MetadataClient::new(config.extra_roots.clone(), config.extra_ca_certs_file.clone());
        Ok(InfisicalClient {
            metadata,
            transport: Arc::new(Transport::new(config)),
            auth: RwLock::new(AuthState::default()),
            upkeep: tokio::sync::Mutex::new(()),
            coalescer: Arc::new(Coalescer::default()),
            cache: options.cache.map(|c| SecretCache::new(c, clock.clone())),
            clock,
            auto_token_refresh: options.auto_token_refresh,
            aws: Mutex::new(None),
        })
    }

    pub fn site_url(&self) -> &str {
        self.transport.site_url()
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The clock token lifetimes and cache ages are measured with.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub(crate) fn auth_state(&self) -> RwLockReadGuard<'_, AuthState> {
        self.auth.read().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn auth_state_mut(&self) -> RwLockWriteGuard<'_, AuthState> {
        self.auth.write().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn metadata_client(&self) -> &logins::metadata::MetadataClient {
        &self.metadata
    }

    pub(crate) fn aws_identity(&self) -> std::sync::MutexGuard<'_, Option<Arc<AwsIdentity>>> {
        self.aws.lock().unwrap_or_else(|p| p.into_inner())
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

    /// Sends one call and waits for its answer.
    pub async fn call(self: &Arc<Self>, request: ApiRequest) -> SdkResult<Arc<ApiResponse>> {
        self.begin(request).finish().await.result
    }

    /// Issues a call: fixes, synchronously, its place among the other calls
    /// of this client, then returns what to await.
    ///
    /// - A write ends every coalescing window and invalidates what it may
    ///   change in the cache at once, so a read issued after it never shares
    ///   a request, or takes a cached answer, from before it (and again when
    ///   it completes, successful or not).
    /// - A read is served from the cache when it holds a fresh answer, joins
    ///   an identical read whose window is open, or starts a request; a
    ///   cacheable answer is stored only if no write was issued since.
    pub fn begin(self: &Arc<Self>, request: ApiRequest) -> PendingCall {
        if request.method != HttpMethod::Get {
            self.coalescer.close_all();
            let written = match (&self.cache, &request.cache) {
                (Some(cache), CacheRole::Write(target)) => {
                    cache.invalidate(target);
                    Some(target.clone())
                }
                _ => None,
            };
            let core = self.clone();
            return PendingCall {
                state: Pending::Direct(
                    async move {
                        let result = core.send(&request).await;
                        if let (Some(cache), Some(target)) = (&core.cache, written) {
                            // Also after a failure: the write may have happened anyway.
                            cache.invalidate(&target);
                        }
                        result
                    }
                    .boxed(),
                ),
            };
        }
        let request_key = request.key();
        let read_scope = match (&self.cache, &request.cache) {
            (Some(cache), CacheRole::Read(scope)) => {
                if let Some(hit) = cache.fresh(&request_key) {
                    return PendingCall { state: Pending::Ready(Ok(hit)) };
                }
                Some((scope.clone(), cache.generation()))
            }
            _ => None,
        };
        // The auth generation, not the token, keeps callers of different
        // identities apart without a token in memory twice.
        let join_key = format!("{}\n{}", self.auth_generation(), request_key);
        let core = self.clone();
        let (response, window) = self.coalescer.join_or_start(&join_key, move || {
            async move {
                let result = core.send(&request).await;
                let (Some(cache), Some((scope, started))) = (&core.cache, read_scope) else {
                    return result;
                };
                match result {
                    Ok(response) => {
                        cache.store(&request_key, response.clone(), scope, started);
                        Ok(response)
                    }
                    Err(error) if error.is_transient() => cache.stale(&request_key).ok_or(error),
                    Err(error) => Err(error),
                }
            }
            .boxed()
        });
        PendingCall { state: Pending::Shared(response, window) }
    }

    /// Sends a request with the current token, keeping an SDK-login token
    /// alive: renewed or re-obtained before it expires, and obtained again
    /// once if the server refuses it as expired.
    pub async fn send(&self, request: &ApiRequest) -> SdkResult<Arc<ApiResponse>> {
        // The logins behind these two are large futures (tens of KB with
        // every method's); boxed, they are allocated only when needed
        // instead of inside every call's future, which is allocated and
        // copied on the JavaScript thread at every call.
        if self.upkeep_due() != session::Upkeep::None {
            Box::pin(self.keep_token_fresh()).await;
        }
        let token = self.current_token();
        match self.transport.send(request, token.as_ref()).await {
            Err(error) if error.is_token_rejection() && self.lifecycle_active() => {
                if Box::pin(self.login_again_after_rejection(token.as_ref())).await.is_err() {
                    return Err(error);
                }
                self.transport.send(request, self.current_token().as_ref()).await
            }
            other => other,
        }
        .map(Arc::new)
    }
}
