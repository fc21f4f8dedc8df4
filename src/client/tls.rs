//! Building the HTTP client: rustls with ring, Mozilla's roots (the set Node
//! bundles) plus `NODE_EXTRA_CA_CERTS`, as Node's own fetch trusts.
//!
//! We do not read the system store: slim images often have none, and Node
//! does not use it by default either.

use super::error::{SdkError, SdkResult};
use super::proxy::ProxyConfig;

/// The `caCertificate` option: one or more PEM certificates.
pub fn parse_ca_certificate(pem: &str) -> SdkResult<Vec<reqwest::Certificate>> {
    let invalid = || {
        SdkError::sdk("Invalid caCertificate: expected one or more PEM certificates (-----BEGIN CERTIFICATE-----)")
    };
    if !pem.contains("-----BEGIN CERTIFICATE-----") {
        return Err(invalid());
    }
    let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes()).map_err(|_| invalid())?;
    if certs.is_empty() {
        return Err(invalid());
    }
    Ok(certs)
}

/// Installs ring as rustls' process-wide provider (idempotent).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Certificates from the file `NODE_EXTRA_CA_CERTS` names (the binding reads
/// the variable), loaded as Node loads them: a file that cannot be loaded is ignored.
fn node_extra_ca_certs(path: Option<&str>) -> Vec<reqwest::Certificate> {
    let Some(path) = path.filter(|p| !p.is_empty()) else {
        return Vec::new();
    };
    std::fs::read(path)
        .ok()
        .and_then(|pem| reqwest::Certificate::from_pem_bundle(&pem).ok())
        .unwrap_or_default()
}

fn bundled_roots() -> impl Iterator<Item = reqwest::Certificate> {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .filter_map(|der| reqwest::Certificate::from_der(der.as_ref()).ok())
}

/// The HTTP client: `timeout` bounds connecting and each read; the trusted
/// roots are the bundled ones, the certificates in `extra_ca_certs_file`
/// (`NODE_EXTRA_CA_CERTS`) and `extra_roots` (the `caCertificate` option).
/// Requests go through `proxy` (see `proxy`) when given, else directly: the
/// HTTP client's own reading of proxy variables is always off.
pub fn build_http_client(
    timeout: std::time::Duration,
    extra_roots: &[reqwest::Certificate],
    extra_ca_certs_file: Option<&str>,
    user_agent: &str,
    proxy: Option<&ProxyConfig>,
) -> Result<reqwest::Client, String> {
    install_crypto_provider();
    let roots: Vec<reqwest::Certificate> = bundled_roots()
        .chain(node_extra_ca_certs(extra_ca_certs_file))
        .chain(extra_roots.iter().cloned())
        .collect();
    let mut builder = reqwest::Client::builder().no_proxy();
    if let Some(proxy) = proxy.filter(|p| p.is_active()).cloned() {
        builder = builder.proxy(reqwest::Proxy::custom(move |url| proxy.proxy_for(url)));
    }
    builder
        .tls_certs_only(roots)
        .connect_timeout(timeout)
        .read_timeout(timeout)
        .pool_idle_timeout(std::time::Duration::from_secs(60))
        .user_agent(user_agent)
        .build()
        .map_err(|e| format!("Could not create the HTTP client: {e}"))
}
