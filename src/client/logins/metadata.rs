//! The HTTP client for credential sources: cloud metadata services and cloud
//! token endpoints. Separate from the Infisical transport on purpose: it never
//! carries the Infisical access token or any header meant for Infisical, it
//! does not retry, and its timeout is short (a metadata service answers in
//! milliseconds or is not there: the AWS and Go SDKs give up after 1-5 s).
//! Every error names the source and the URL.

use std::sync::OnceLock;
use std::time::Duration;

use super::super::error::{error_chain, SdkError, SdkResult};
use super::super::secret_string::SecretString;
use super::super::headers::DEFAULT_USER_AGENT;
use super::super::tls;

/// Per-request timeout for metadata and credential endpoints.
pub const METADATA_TIMEOUT: Duration = Duration::from_secs(5);

/// How much of an error body an error message shows.
const SHOWN_BODY_CHARS: usize = 300;

pub struct MetadataClient {
    timeout: Duration,
    extra_roots: Vec<crate::client::tls::Root>,
    extra_ca_certs_file: Option<String>,
    http: OnceLock<Result<reqwest::Client, String>>,
}

/// One request to a credential source.
pub struct MetadataRequest<'a> {
    /// What the user should read the failure as coming from ("GCP metadata server").
    pub source: &'a str,
    pub method: reqwest::Method,
    pub url: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    /// A form body (`application/x-www-form-urlencoded`), for token endpoints.
    pub form: Option<&'a [(&'a str, &'a str)]>,
}

impl MetadataClient {
    /// `extra_roots` and `extra_ca_certs_file` are the SDK's own (`caCertificate`,
    /// `NODE_EXTRA_CA_CERTS`), for credential endpoints behind a private CA.
    pub fn new(extra_roots: Vec<crate::client::tls::Root>, extra_ca_certs_file: Option<String>) -> Self {
        MetadataClient {
            timeout: METADATA_TIMEOUT,
            extra_roots,
            extra_ca_certs_file,
            http: OnceLock::new(),
        }
    }

    /// The underlying client, for a credential source with its own request
    /// logic (the AWS region lookup through IMDSv2).
    pub fn http(&self) -> SdkResult<&reqwest::Client> {
        self.http
            // never through the proxy, and with the SDK's own User-Agent: the `proxy` and
            // `userAgent` choices are about requests to Infisical
            .get_or_init(|| {
                tls::build_http_client(
                    self.timeout,
                    &self.extra_roots,
                    self.extra_ca_certs_file.as_deref(),
                    DEFAULT_USER_AGENT,
                    None,
                )
            })
            .as_ref()
            .map_err(|e| SdkError::sdk(e.clone()))
    }

    /// Sends the request; the body of a 2xx answer, else an error naming the source.
    pub async fn send(&self, request: MetadataRequest<'_>) -> SdkResult<SecretString> {
        let MetadataRequest { source, method, url, headers, form } = request;
        let parsed = reqwest::Url::parse(url)
            .ok()
            .filter(|u| u.scheme() == "http" || u.scheme() == "https")
            .ok_or_else(|| SdkError::sdk(format!("{source}: invalid URL {url}")))?;
        let mut builder = self.http()?.request(method, parsed).timeout(self.timeout);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        if let Some(form) = form {
            let encoded = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form.iter()).finish();
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(SecretString::new(encoded).into_zeroizing_bytes());
        }
        let response = builder
            .send()
            .await
            .map_err(|e| SdkError::sdk(format!("{source} not reachable at {url}: {}", error_chain(&e))))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| SdkError::sdk(format!("{source} at {url}: could not read the answer: {}", error_chain(&e))))?;
        if !status.is_success() {
            let shown: String = body.chars().take(SHOWN_BODY_CHARS).collect();
            return Err(SdkError::sdk(format!(
                "{source} at {url} answered {}: {}",
                status.as_u16(),
                shown.trim()
            )));
        }
        Ok(SecretString::new(body))
    }

    /// A GET with headers, for metadata services.
    pub async fn get(&self, source: &str, url: &str, headers: &[(&str, &str)]) -> SdkResult<SecretString> {
        self.send(MetadataRequest { source, method: reqwest::Method::GET, url, headers, form: None }).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_unreachable_source_is_named_with_its_url() {
        // A port nothing listens on: bound, then released.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}/computeMetadata/v1/x");
        let client = MetadataClient::new(Vec::new(), None);
        let e = client.get("GCP metadata server", &url, &[]).await.unwrap_err().to_string();
        assert!(e.starts_with(&format!("GCP metadata server not reachable at {url}: ")), "{e}");
        let e = client.get("GCP metadata server", "ftp://x", &[]).await.unwrap_err().to_string();
        assert_eq!(e, "GCP metadata server: invalid URL ftp://x");
    }
}
