//! The HTTP proxy of Infisical requests, from `HTTPS_PROXY`, `HTTP_PROXY` and
//! `NO_PROXY` as the binding read them from `process.env` (a `ProcessEnv`
//! snapshot taken at construction).
//!
//! Which variable applies follows undici's `EnvHttpProxyAgent` (what Node's
//! own `fetch` uses with `NODE_USE_ENV_PROXY=1`):
//! - a lower-case variable wins over its upper-case form (`https_proxy` over
//!   `HTTPS_PROXY`), as with curl;
//! - an https URL goes through `https_proxy`, else through `http_proxy`; an
//!   http URL through `http_proxy` only.
//!
//! `NO_PROXY` (`no_proxy` wins) is read as curl reads it: a comma- or
//! space-separated list of `*` (no proxy at all), host names, which match
//! the name and its subdomains (a leading `.` or `*.` means the same), IP
//! addresses, and any of those with `:port`. Loopback is not exempt by
//! itself: list `127.0.0.1,localhost` to reach a local server directly.
//!
//! reqwest's own lookup of these variables is turned off (`no_proxy()` on the
//! builder): it would read the C environment, which the core never does.

use std::sync::Arc;

use reqwest::Url;

use super::error::{SdkError, SdkResult};
use super::process_env::ProcessEnv;

/// Where Infisical requests go: directly, or through a proxy.
#[derive(Clone, Default)]
pub struct ProxyConfig {
    /// For https URLs (`https_proxy`, else `http_proxy`).
    https: Option<Url>,
    /// For http URLs (`http_proxy`).
    http: Option<Url>,
    bypass: Arc<Vec<Bypass>>,
}

impl std::fmt::Debug for ProxyConfig {
    /// Hosts only: a proxy URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = |u: &Option<Url>| {
            u.as_ref().map(|u| {
                format!(
                    "{}:{}",
                    u.host_str().unwrap_or(""),
                    u.port_or_known_default().unwrap_or(0)
                )
            })
        };
        f.debug_struct("ProxyConfig")
            .field("https", &host(&self.https))
            .field("http", &host(&self.http))
            .field("bypass", &self.bypass.len())
            .finish()
    }
}

/// One `NO_PROXY` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Bypass {
    Everything,
    /// A host name (lower case, without a leading `.` or `*.`) or an IP
    /// address as the URL writes it (IPv6 in brackets), with an optional port.
    Host {
        host: String,
        port: Option<u16>,
    },
}

/// The first of `names` that is set and not empty, with its name.
fn first<'a>(env: &'a ProcessEnv, names: &[&'static str]) -> Option<(&'static str, &'a str)> {
    names
        .iter()
        .find_map(|&name| env.get(name).map(|value| (name, value.trim())))
}

impl ProxyConfig {
    /// Reads the proxy variables of `env`. A proxy URL that cannot be used is
    /// an error naming the variable (its value is not shown: it may hold a password).
    pub fn from_env(env: &ProcessEnv) -> SdkResult<ProxyConfig> {
        let http = first(env, &["http_proxy", "HTTP_PROXY"])
            .map(|(n, v)| proxy_url(n, v))
            .transpose()?;
        let https = match first(env, &["https_proxy", "HTTPS_PROXY"]) {
            Some((name, value)) => Some(proxy_url(name, value)?),
            None => http.clone(),
        };
        let no_proxy = env
            .get("no_proxy")
            .or_else(|| env.get("NO_PROXY"))
            .unwrap_or("");
        Ok(ProxyConfig {
            https,
            http,
            bypass: Arc::new(parse_no_proxy(no_proxy)),
        })
    }

    /// Whether any request may go through a proxy.
    pub fn is_active(&self) -> bool {
        self.https.is_some() || self.http.is_some()
    }

    /// The proxy for `url`, or `None` to connect directly.
    pub fn proxy_for(&self, url: &Url) -> Option<Url> {
        let proxy = match url.scheme() {
            "https" => self.https.as_ref(),
            "http" => self.http.as_ref(),
            _ => None,
        }?;
        let host = url.host_str()?.to_ascii_lowercase();
        let port = url.port_or_known_default();
        if self.bypass.iter().any(|entry| bypasses(entry, &host, port)) {
            return None;
        }
        Some(proxy.clone())
    }
}

/// A proxy URL as the variables hold it; `host:port` without a scheme means http.
fn proxy_url(name: &str, value: &str) -> SdkResult<Url> {
    let invalid = |why: &str| {
        SdkError::sdk(format!(
            "The proxy in the environment variable {name} cannot be used: {why} (expected e.g. http://proxy.example.com:3128)"
        ))
    };
    let text = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    let url = Url::parse(&text).map_err(|_| invalid("not a URL"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid("only http:// and https:// proxies are supported"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host"));
    }
    Ok(url)
}

fn parse_no_proxy(list: &str) -> Vec<Bypass> {
    list.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            if entry == "*" {
                return Bypass::Everything;
            }
            let entry = entry.to_ascii_lowercase();
            let (host, port) = split_port(&entry);
            let host = host
                .strip_prefix("*.")
                .or_else(|| host.strip_prefix('.'))
                .unwrap_or(host);
            Bypass::Host {
                host: host.to_string(),
                port,
            }
        })
        .collect()
}

/// `host:port` → (`host`, port); an IPv6 address keeps its brackets, and a
/// bare IPv6 address (several colons, no brackets) has no port.
fn split_port(entry: &str) -> (&str, Option<u16>) {
    if let Some(rest) = entry.strip_prefix('[') {
        if let Some((address, after)) = rest.split_once(']') {
            let port = after.strip_prefix(':').and_then(|p| p.parse().ok());
            return (&entry[..address.len() + 2], port);
        }
        return (entry, None);
    }
    match entry.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => match port.parse() {
            Ok(port) => (host, Some(port)),
            Err(_) => (entry, None),
        },
        _ => (entry, None),
    }
}

fn bypasses(entry: &Bypass, host: &str, port: Option<u16>) -> bool {
    match entry {
        Bypass::Everything => true,
        Bypass::Host {
            host: wanted,
            port: wanted_port,
        } => {
            if wanted_port.is_some() && *wanted_port != port {
                return false;
            }
            // A bare IPv6 entry matches the bracketed host of the URL.
            let unbracketed = host
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .unwrap_or(host);
            host == wanted
                || unbracketed == wanted
                || (host.len() > wanted.len()
                    && host.ends_with(wanted.as_str())
                    && host.as_bytes()[host.len() - wanted.len() - 1] == b'.')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> ProxyConfig {
        ProxyConfig::from_env(&ProcessEnv::new(vars.iter().copied())).unwrap()
    }

    fn via(config: &ProxyConfig, url: &str) -> Option<String> {
        config
            .proxy_for(&Url::parse(url).unwrap())
            .map(|u| u.to_string())
    }

    #[test]
    fn nothing_set_means_direct() {
        let c = config(&[]);
        assert!(!c.is_active());
        assert_eq!(via(&c, "https://app.infisical.com/"), None);
    }

    #[test]
    fn lower_case_wins_and_https_falls_back_to_http_proxy() {
        let c = config(&[
            ("HTTPS_PROXY", "http://upper:1"),
            ("https_proxy", "http://lower:2"),
            ("HTTP_PROXY", "http://plain:3"),
        ]);
        assert_eq!(via(&c, "https://h/").as_deref(), Some("http://lower:2/"));
        assert_eq!(via(&c, "http://h/").as_deref(), Some("http://plain:3/"));
        let c = config(&[("http_proxy", "proxy.local:3128")]);
        assert_eq!(
            via(&c, "https://h/").as_deref(),
            Some("http://proxy.local:3128/")
        );
        let c = config(&[("HTTPS_PROXY", "http://p:1")]);
        assert_eq!(
            via(&c, "http://h/"),
            None,
            "HTTPS_PROXY is for https URLs only"
        );
    }

    #[test]
    fn no_proxy_entries() {
        let c = config(&[
            ("HTTPS_PROXY", "http://p:1"),
            ("HTTP_PROXY", "http://p:1"),
            (
                "NO_PROXY",
                "localhost, .internal.example,*.corp.example 10.0.0.1,127.0.0.1:8080,[::1]",
            ),
        ]);
        assert_eq!(via(&c, "https://localhost/"), None);
        assert_eq!(via(&c, "https://a.internal.example/"), None);
        assert_eq!(via(&c, "https://internal.example/"), None);
        assert_eq!(via(&c, "https://x.corp.example/"), None);
        assert_eq!(via(&c, "https://10.0.0.1/"), None);
        assert_eq!(via(&c, "http://127.0.0.1:8080/"), None);
        assert!(
            via(&c, "http://127.0.0.1:8081/").is_some(),
            "the port must match"
        );
        assert_eq!(via(&c, "http://[::1]:9/"), None);
        assert!(
            via(&c, "https://notinternal.example/").is_some(),
            "a suffix must start at a dot"
        );
        assert!(via(&c, "https://app.infisical.com/").is_some());
        let c = config(&[
            ("HTTPS_PROXY", "http://p:1"),
            ("no_proxy", "*"),
            ("NO_PROXY", ""),
        ]);
        assert_eq!(via(&c, "https://anything/"), None);
        let c = config(&[
            ("HTTPS_PROXY", "http://p:1"),
            ("no_proxy", "a"),
            ("NO_PROXY", "*"),
        ]);
        assert!(
            via(&c, "https://b/").is_some(),
            "no_proxy wins over NO_PROXY"
        );
    }

    #[test]
    fn bad_proxy_urls_name_the_variable_not_the_value() {
        for bad in [
            "socks5://secret-host:1",
            "http://user:hunter2@",
            "http://us er:pa ss@[bad",
        ] {
            let e = ProxyConfig::from_env(&ProcessEnv::new([("HTTPS_PROXY", bad)]))
                .unwrap_err()
                .to_string();
            assert!(e.contains("HTTPS_PROXY"), "{e}");
            assert!(!e.contains(bad), "{e}");
        }
        let shown = format!(
            "{:?}",
            config(&[("HTTPS_PROXY", "http://user:hunter2@p:1")])
        );
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
