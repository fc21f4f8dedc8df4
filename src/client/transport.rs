//! HTTP transport: one pooled reqwest client per SDK instance, the official
//! SDK's URL building, retry schedule, timeout and error mapping.

use std::sync::OnceLock;
use std::time::Duration;

use super::error::{error_chain, SdkError, SdkResult};
use serde_json::Value;

use super::headers::DEFAULT_USER_AGENT;
use super::proxy::ProxyConfig;
use super::request::{ApiRequest, ApiResponse, HttpMethod};
use super::retry::RetryPolicy;
use super::secret_string::SecretString;
use super::response_body::ResponseBody;
use super::direct::{DirectClient, DirectResponse, Failure};
use super::timer_anchor::TimerAnchor;
use super::tls;

/// Default site, used when `siteUrl` is absent or empty (as the official SDK does).
pub const DEFAULT_SITE_URL: &str = "https://app.infisical.com";
/// Per-attempt timeout of the official SDK.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Knobs of the transport. Defaults equal the official SDK's.
#[derive(Clone, Debug)]
pub struct TransportConfig {
    pub site_url: String,
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// Extra trusted roots (the `caCertificate` option), on top of the bundled ones.
    pub extra_roots: Vec<super::tls::Root>,
    /// A PEM file of extra roots (`NODE_EXTRA_CA_CERTS`, read by the binding).
    pub extra_ca_certs_file: Option<String>,
    /// The `headers` option, added to every Infisical request (see `headers`).
    pub extra_headers: reqwest::header::HeaderMap,
    /// The `User-Agent` of every request.
    pub user_agent: String,
    /// The proxy of Infisical requests (`HTTPS_PROXY`...); metadata and
    /// credential endpoints are always reached directly.
    pub proxy: ProxyConfig,
}

impl TransportConfig {
    /// `site_url` as the user gave it: absent or empty falls back to the default.
    pub fn new(site_url: Option<&str>) -> Self {
        let site_url = match site_url {
            Some(s) if !s.is_empty() => s.to_string(),
            _ => DEFAULT_SITE_URL.to_string(),
        };
        TransportConfig {
            site_url,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            extra_roots: Vec::new(),
            extra_ca_certs_file: None,
            extra_headers: reqwest::header::HeaderMap::new(),
            user_agent: DEFAULT_USER_AGENT.to_string(),
            proxy: ProxyConfig::default(),
        }
    }
}

pub struct Transport {
    /// Site URL with exactly one trailing slash, as the official ApiClient keeps it.
    base: String,
    /// `base` parsed, when it is a plain http(s) URL without query or fragment.
    base_url: Option<reqwest::Url>,
    config: TransportConfig,
    /// Built on first use so that `new InfisicalSDK()` stays free of I/O.
    http: OnceLock<Result<reqwest::Client, String>>,
    /// The client of Infisical requests when a proxy is configured.
    proxied_http: OnceLock<Result<reqwest::Client, String>>,
    /// The client of Infisical requests without a proxy.
    direct: OnceLock<Result<DirectClient, String>>,
    /// Keeps arming the timeouts below from waking the runtime.
    timer_anchor: TimerAnchor,
}

impl Transport {
    pub fn new(config: TransportConfig) -> Self {
        let base = if config.site_url.ends_with('/') {
            config.site_url.clone()
        } else {
            format!("{}/", config.site_url)
        };
        let base_url = reqwest::Url::parse(&base)
            .ok()
            .filter(|u| u.query().is_none() && u.fragment().is_none() && !u.cannot_be_a_base());
        Transport {
            base,
            base_url,
            timer_anchor: TimerAnchor::new(config.timeout),
            config,
            http: OnceLock::new(),
            proxied_http: OnceLock::new(),
            direct: OnceLock::new(),
        }
    }

    pub fn site_url(&self) -> &str {
        &self.config.site_url
    }

    pub fn config(&self) -> &TransportConfig {
        &self.config
    }

    /// The pooled client for anything but Infisical itself (cloud metadata
    /// and credential endpoints): no proxy, no `headers` option. Built once.
    pub fn http(&self) -> SdkResult<&reqwest::Client> {
        self.client(&self.http, None)
    }

    /// The pooled client of Infisical requests: the direct one, or through
    /// the proxy when one is configured.
    fn infisical_http(&self) -> SdkResult<InfisicalHttp<'_>> {
        if self.config.proxy.is_active() {
            return self.client(&self.proxied_http, Some(&self.config.proxy)).map(InfisicalHttp::Proxied);
        }
        self.direct
            .get_or_init(|| {
                let tls = tls::rustls_config(&self.config.extra_roots, self.config.extra_ca_certs_file.as_deref())?;
                DirectClient::new(tls, self.config.timeout, &self.config.user_agent, &self.config.extra_headers)
            })
            .as_ref()
            .map(InfisicalHttp::Direct)
            .map_err(|e| SdkError::sdk(e.clone()))
    }

    fn client<'a>(
        &self,
        slot: &'a OnceLock<Result<reqwest::Client, String>>,
        proxy: Option<&ProxyConfig>,
    ) -> SdkResult<&'a reqwest::Client> {
        slot.get_or_init(|| {
            tls::build_http_client(
                self.config.timeout,
                &self.config.extra_roots,
                self.config.extra_ca_certs_file.as_deref(),
                &self.config.user_agent,
                proxy,
            )
        })
        .as_ref()
        .map_err(|e| SdkError::sdk(e.clone()))
    }

    /// Builds the URL the official SDK would request, and the string it shows in errors.
    fn url_for(&self, request: &ApiRequest) -> SdkResult<(reqwest::Url, String)> {
        let relative = request.path.strip_prefix('/').unwrap_or(&request.path);
        let joined = format!("{}{}", self.base, relative);
        let mut url = match &self.base_url {
            // The site URL is parsed once; only the path is set per request
            // (parsing the whole URL again costs host and IDNA processing).
            Some(base) => {
                let mut url = base.clone();
                url.set_path(&format!("{}{}", base.path(), relative));
                url
            }
            None => reqwest::Url::parse(&joined).map_err(|_| invalid_url(&joined))?,
        };
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(invalid_url(&joined));
        }
        match &request.query {
            Some(pairs) if !pairs.is_empty() => {
                {
                    let mut q = url.query_pairs_mut();
                    for (k, v) in pairs {
                        q.append_pair(k, v);
                    }
                }
                let shown = url.to_string();
                Ok((url, shown))
            }
            // Without params the official SDK shows the concatenated string unparsed;
            // with an empty params object it shows the parsed URL.
            Some(_) => {
                let shown = url.to_string();
                Ok((url, shown))
            }
            None => Ok((url, joined)),
        }
    }

    /// Sends `request`, retrying 429s and network failures like the official SDK.
    pub async fn send(
        &self,
        request: &ApiRequest,
        bearer: Option<&SecretString>,
    ) -> SdkResult<ApiResponse> {
        let (url, shown_url) = self.url_for(request)?;
        let http = self.infisical_http()?;
        let method = request.method;

        let authorization = match bearer {
            Some(token) => {
                let bearer = SecretString::new(format!("Bearer {}", token.expose()));
                let mut value = reqwest::header::HeaderValue::from_str(bearer.expose()).map_err(|_| {
                    SdkError::sdk("The access token contains characters that are not allowed in an HTTP header")
                })?;
                // Kept out of Debug output and of HTTP/2 header compression tables.
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };

        // One wiped-on-drop buffer, shared by every attempt.
        let body = request.body.clone().map(SecretString::into_zeroizing_bytes);
        let retry = &self.config.retry;
        let mut retries_done = 0u32;
        loop {
            self.timer_anchor.hold();
            // The official SDK's timer covers the wait for the response head;
            // the body is guarded by the client's read (idle) timeout.
            let attempt = match http {
                InfisicalHttp::Direct(direct) => {
                    let sent = direct.send(to_http(method), &url, authorization.clone(), body.clone());
                    match tokio::time::timeout(self.config.timeout, sent).await {
                        Ok(Ok(response)) => Ok(Answer::Direct(response)),
                        Ok(Err(Failure::TimedOut)) | Err(_) => Err(timeout_message(self.config.timeout)),
                        Ok(Err(Failure::Failed(causes))) => Err(format!("fetch failed: {causes}")),
                    }
                }
                InfisicalHttp::Proxied(client) => {
                    // The `headers` option first: the SDK's own headers are refused there anyway.
                    let mut builder = client.request(to_http(method), url.clone()).headers(self.config.extra_headers.clone());
                    if let Some(authorization) = &authorization {
                        builder = builder.header(reqwest::header::AUTHORIZATION, authorization.clone());
                    }
                    if let Some(body) = &body {
                        builder = builder
                            .header(reqwest::header::CONTENT_TYPE, reqwest::header::HeaderValue::from_static("application/json"))
                            .body(body.clone());
                    }
                    match tokio::time::timeout(self.config.timeout, builder.send()).await {
                        Ok(Ok(response)) => Ok(Answer::Proxied(response)),
                        Ok(Err(error)) => Err(network_failure_message(&error, self.config.timeout)),
                        Err(_elapsed) => Err(timeout_message(self.config.timeout)),
                    }
                }
            };
            let failure = match attempt {
                Ok(answer) => {
                    if answer.status() == 429 && retries_done < retry.max_retries {
                        let asked = retry_after(answer.headers());
                        drop(answer);
                        retries_done += 1;
                        let scheduled = retry.jittered_delay(retries_done);
                        tokio::time::sleep(honoured_wait(scheduled, asked)).await;
                        continue;
                    }
                    return read_response(answer, method, &shown_url).await;
                }
                Err(failure) => failure,
            };
            if retries_done >= retry.max_retries {
                return Err(SdkError::network(failure));
            }
            retries_done += 1;
            tokio::time::sleep(retry.jittered_delay(retries_done)).await;
        }
    }
}

/// The client an Infisical request goes through.
#[derive(Clone, Copy)]
enum InfisicalHttp<'a> {
    Direct(&'a DirectClient),
    Proxied(&'a reqwest::Client),
}

/// A response whose head has arrived, from either client.
enum Answer {
    Direct(DirectResponse),
    Proxied(reqwest::Response),
}

impl Answer {
    fn status(&self) -> u16 {
        match self {
            Answer::Direct(r) => r.status(),
            Answer::Proxied(r) => r.status().as_u16(),
        }
    }

    fn headers(&self) -> &reqwest::header::HeaderMap {
        match self {
            Answer::Direct(r) => r.headers(),
            Answer::Proxied(r) => r.headers(),
        }
    }

    /// The whole body as text (invalid UTF-8 replaced, as `Response.text()`
    /// does), or the causes of the failure to read it.
    async fn text(self) -> Result<ResponseBody, String> {
        match self {
            Answer::Direct(r) => r.text().await,
            // (`Vec::from` takes over the buffer without copying when it can.)
            Answer::Proxied(r) => r.bytes().await.map(|b| ResponseBody::from_utf8_lossy(Vec::from(b))).map_err(|e| causes(&e)),
        }
    }
}

fn to_http(method: HttpMethod) -> http::Method {
    match method {
        HttpMethod::Get => http::Method::GET,
        HttpMethod::Post => http::Method::POST,
        HttpMethod::Patch => http::Method::PATCH,
        HttpMethod::Put => http::Method::PUT,
        HttpMethod::Delete => http::Method::DELETE,
    }
}

/// Refuses a `siteUrl` that is not an absolute http(s) URL.
pub fn check_site_url(site_url: &str) -> SdkResult<()> {
    match reqwest::Url::parse(site_url) {
        Ok(url) if (url.scheme() == "http" || url.scheme() == "https") && url.has_host() => Ok(()),
        _ => Err(SdkError::sdk(format!(
            "Invalid siteUrl \"{site_url}\": expected an absolute http(s) URL such as https://app.infisical.com"
        ))),
    }
}

fn invalid_url(url: &str) -> SdkError {
    SdkError::sdk(format!(
        "Invalid URL: \"{url}\" is not an absolute http(s) URL; check the siteUrl option"
    ))
}

/// The longest `Retry-After` we honour. Infisical's rate limiter answers with
/// the time left in its window (up to 60 s); waiting that long four times
/// would hold a call for minutes, so longer requests fall back to the schedule.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);

/// `Retry-After` in seconds, if the server sent one (the HTTP-date form is ignored).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The wait before a 429 retry: the schedule, lengthened to the server's
/// `Retry-After` when that is longer and at most `MAX_RETRY_AFTER`.
pub fn honoured_wait(scheduled: Duration, asked: Option<Duration>) -> Duration {
    match asked {
        Some(asked) if asked > scheduled && asked <= MAX_RETRY_AFTER => asked,
        _ => scheduled,
    }
}

/// Reads the body and turns non-2xx answers into the official error classes.
async fn read_response(response: Answer, method: HttpMethod, shown_url: &str) -> SdkResult<ApiResponse> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|causes| SdkError::network(format!("Failed to read the response body (status {status}): {causes}")))?;
    if (200..300).contains(&status) {
        let body = if status == 204 { ResponseBody::from(String::new()) } else { text };
        return Ok(ApiResponse::new(status, body));
    }
    Err(http_error(status, &text, method, shown_url))
}

/// The official `newInfisicalError` mapping of an HTTP error response.
pub fn http_error(status: u16, text: &str, method: HttpMethod, shown_url: &str) -> SdkError {
    let data: Option<Value> = if status == 204 || text.is_empty() {
        None
    } else {
        serde_json::from_str(text).ok()
    };
    if let Some(data @ Value::Object(_)) = &data {
        if let Some(Value::String(message)) = data.get("message") {
            let message = if status == 422 {
                serde_json::to_string(data).unwrap_or_else(|_| message.clone())
            } else {
                message.clone()
            };
            return SdkError::Request {
                url: shown_url.to_string(),
                method: method.as_str(),
                status,
                message,
            };
        }
    }
    SdkError::http_status(status, format!("Request failed with status {status}"))
}

/// "fetch failed" as the official SDK says, followed by the actual cause,
/// which reqwest hides in its source chain.
fn network_failure_message(error: &reqwest::Error, timeout: Duration) -> String {
    // The client's read timeout can fire before our own timer while waiting
    // for the response head; it is the same event.
    if error.is_timeout() {
        return timeout_message(timeout);
    }
    format!("fetch failed: {}", causes(error))
}

/// The causes of a reqwest error, without its own line (which repeats the URL).
fn causes(error: &reqwest::Error) -> String {
    match std::error::Error::source(error) {
        Some(cause) => error_chain(cause),
        None => error.to_string(),
    }
}

/// The official SDK's abort message, with the limit that was hit.
fn timeout_message(timeout: Duration) -> String {
    format!("This operation was aborted: no response within {} ms", timeout.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transport(site: &str) -> Transport {
        // url_for is tested with unchecked URLs too: the check lives in InfisicalClient::new.
        Transport::new(TransportConfig::new(Some(site)))
    }

    #[test]
    fn empty_site_url_falls_back_to_the_cloud() {
        assert_eq!(TransportConfig::new(Some("")).site_url, DEFAULT_SITE_URL);
        assert_eq!(TransportConfig::new(None).site_url, DEFAULT_SITE_URL);
    }

    #[test]
    fn urls_keep_the_path_prefix_and_encode_the_query_like_urlsearchparams() {
        let t = transport("http://127.0.0.1:9/prefix");
        let req = ApiRequest::get(
            "/api/v3/secrets/raw",
            vec![("workspaceId", "p 1".into()), ("secretPath", "/a&b".into())],
        );
        let (url, shown) = t.url_for(&req).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/prefix/api/v3/secrets/raw?workspaceId=p+1&secretPath=%2Fa%26b"
        );
        assert_eq!(shown, url.as_str());
    }

    #[test]
    fn bodies_without_params_show_the_raw_url() {
        let t = transport("http://127.0.0.1:9/");
        let req = ApiRequest::with_body(HttpMethod::Post, "/api/v1/x", &serde_json::json!({}));
        let (_, shown) = t.url_for(&req).unwrap();
        assert_eq!(shown, "http://127.0.0.1:9/api/v1/x");
    }

    #[test]
    fn retry_after_is_honoured_within_bounds() {
        let s = Duration::from_secs(1);
        assert_eq!(honoured_wait(s, None), s);
        assert_eq!(honoured_wait(s, Some(Duration::from_secs(3))), Duration::from_secs(3));
        assert_eq!(honoured_wait(s, Some(Duration::from_millis(10))), s);
        assert_eq!(honoured_wait(s, Some(Duration::from_secs(60))), s);
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("retry-after", "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn site_urls_are_checked_up_front() {
        assert!(check_site_url("https://app.infisical.com").is_ok());
        assert!(check_site_url("http://127.0.0.1:8080/prefix").is_ok());
        for bad in ["your-infisical-instance.com", "ftp://x", "http://", "not a url"] {
            let e = check_site_url(bad).unwrap_err().to_string();
            assert!(e.starts_with("Invalid siteUrl"), "{e}");
        }
    }

    #[test]
    fn bad_site_urls_are_reported() {
        let t = transport("not a url");
        let err = t.url_for(&ApiRequest::get("/x", vec![])).unwrap_err();
        assert!(err.to_string().starts_with("Invalid URL"), "{err}");
        let t = transport("ftp://example.com");
        assert!(t.url_for(&ApiRequest::get("/x", vec![])).is_err());
    }

    #[test]
    fn error_bodies_map_like_the_official_sdk() {
        let e = http_error(404, r#"{"statusCode":404,"message":"Secret not found"}"#, HttpMethod::Get, "http://h/x");
        assert_eq!(e.to_string(), "[URL=http://h/x] [Method=GET] [StatusCode=404] Secret not found");
        let e = http_error(422, r#"{"message":"bad","statusCode":422}"#, HttpMethod::Post, "http://h/x");
        assert_eq!(
            e.to_string(),
            r#"[URL=http://h/x] [Method=POST] [StatusCode=422] {"message":"bad","statusCode":422}"#
        );
        let e = http_error(422, r#"{"message":[{"path":"a"}]}"#, HttpMethod::Post, "http://h/x");
        assert_eq!(e.to_string(), "Request failed with status 422");
        let e = http_error(500, "<html>oops</html>", HttpMethod::Get, "http://h/x");
        assert_eq!(e.to_string(), "Request failed with status 500");
        assert_eq!(e.class_name(), "InfisicalSDKError");
        let e = http_error(502, "", HttpMethod::Get, "http://h/x");
        assert_eq!(e.to_string(), "Request failed with status 502");
    }
}
