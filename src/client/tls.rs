//! Building the HTTP client: rustls with ring, Mozilla's roots (the set Node
//! bundles) plus `NODE_EXTRA_CA_CERTS`, as Node's own fetch trusts.
//!
//! We do not read the system store: slim images often have none, and Node
//! does not use it by default either.

use super::error::{SdkError, SdkResult};
use super::proxy::ProxyConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

/// A trusted root, as DER.
pub type Root = CertificateDer<'static>;

/// The certificates of a PEM text (`None` when it holds none, or a
/// certificate section that does not decode or parse as a certificate).
fn pem_certificates(pem: &[u8]) -> Option<Vec<Root>> {
    let certs: Vec<Root> = CertificateDer::pem_slice_iter(pem).collect::<Result<_, _>>().ok()?;
    let mut check = rustls::RootCertStore::empty();
    if certs.is_empty() || certs.iter().any(|c| check.add(c.clone()).is_err()) {
        return None;
    }
    Some(certs)
}

/// The `caCertificate` option: one or more PEM certificates.
pub fn parse_ca_certificate(pem: &str) -> SdkResult<Vec<Root>> {
    if !pem.contains("-----BEGIN CERTIFICATE-----") {
        return Err(invalid_ca_certificate());
    }
    pem_certificates(pem.as_bytes()).ok_or_else(invalid_ca_certificate)
}

fn invalid_ca_certificate() -> SdkError {
    SdkError::sdk("Invalid caCertificate: expected one or more PEM certificates (-----BEGIN CERTIFICATE-----)")
}

/// Installs ring as rustls' process-wide provider (idempotent).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Certificates from the file `NODE_EXTRA_CA_CERTS` names (the binding reads
/// the variable), loaded as Node loads them: a file that cannot be loaded is ignored.
fn node_extra_ca_certs(path: Option<&str>) -> Vec<Root> {
    let Some(path) = path.filter(|p| !p.is_empty()) else {
        return Vec::new();
    };
    std::fs::read(path).ok().and_then(|pem| pem_certificates(&pem)).unwrap_or_default()
}

/// Every trusted root: the bundled ones (Mozilla's, as Node bundles), the
/// certificates in `extra_ca_certs_file` (`NODE_EXTRA_CA_CERTS`) and
/// `extra_roots` (the `caCertificate` option).
fn trusted_roots(extra_roots: &[Root], extra_ca_certs_file: Option<&str>) -> Vec<Root> {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .cloned()
        .chain(node_extra_ca_certs(extra_ca_certs_file))
        .chain(extra_roots.iter().cloned())
        .collect()
}

/// The TLS settings of the direct client: ring, TLS 1.2 and 1.3, the
/// trusted roots above.
pub fn rustls_config(extra_roots: &[Root], extra_ca_certs_file: Option<&str>) -> Result<rustls::ClientConfig, String> {
    let mut store = rustls::RootCertStore::empty();
    store.add_parsable_certificates(trusted_roots(extra_roots, extra_ca_certs_file));
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("Could not set up TLS: {e}"))?
        .with_root_certificates(store)
        .with_no_client_auth();
    // ALPN (h2, http/1.1) is set by the connector: see direct.rs.
    Ok(config)
}

/// The HTTP client: `timeout` bounds connecting and each read; the trusted
/// roots are the bundled ones, the certificates in `extra_ca_certs_file`
/// (`NODE_EXTRA_CA_CERTS`) and `extra_roots` (the `caCertificate` option).
/// Requests go through `proxy` (see `proxy`) when given, else directly: the
/// HTTP client's own reading of proxy variables is always off.
pub fn build_http_client(
    timeout: std::time::Duration,
    extra_roots: &[Root],
    extra_ca_certs_file: Option<&str>,
    user_agent: &str,
    proxy: Option<&ProxyConfig>,
) -> Result<reqwest::Client, String> {
    install_crypto_provider();
    let roots: Vec<reqwest::Certificate> = trusted_roots(extra_roots, extra_ca_certs_file)
        .iter()
        .filter_map(|der| reqwest::Certificate::from_der(der.as_ref()).ok())
        .collect();
    let mut builder = reqwest::Client::builder().no_proxy();
    if let Some(proxy) = proxy.filter(|p| p.is_active()).cloned() {
        builder = builder.proxy(reqwest::Proxy::custom(move |url| proxy.proxy_for(url)));
    }
    builder
        .tls_certs_only(roots)
        .connect_timeout(timeout)
        .read_timeout(timeout)
        // The direct client's pool and redirect limits (see direct.rs).
        .pool_idle_timeout(super::direct::POOL_IDLE_TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(super::direct::MAX_REDIRECTS))
        .user_agent(user_agent)
        .build()
        .map_err(|e| format!("Could not create the HTTP client: {e}"))
}
