//! The request path of Infisical requests when no proxy is configured:
//! hyper's pooled client over rustls (HTTP/2 when the server offers it over
//! TLS, else HTTP/1.1), with fetch's redirect rules and gzip/deflate bodies
//! done here.
//!
//! Why not reqwest, which the proxied path keeps: per request, reqwest runs
//! its redirect and decompression layers, re-parses the final URL (`url` with
//! IDNA) for its `Response`, and clones its connector and client. Profiled
//! under Bun, whose own `fetch` is a Zig client, that work made our HTTP thread
//! cost 4x Bun's, and sequential `getSecret` 0.83x the official package's
//! rate; on this path it is at parity (bench/ANALYSIS.md). What the request
//! looks like on the wire is unchanged: `user-agent`, `accept: */*` and
//! `accept-encoding: gzip, deflate`, as reqwest sent them.

use std::io::Read;
use std::time::Duration;

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::response_body::{ResponseBody, ResponseBuffer};
use super::error::error_chain;

/// Redirects followed before giving up: reqwest's limit, kept (fetch's is
/// 20; an endless loop costs each of the 5 attempts this many requests).
pub const MAX_REDIRECTS: usize = 10;

/// Idle pooled connections are closed after this long (the proxied reqwest
/// client's too: tls.rs).
pub const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// Why an exchange failed before a response head arrived.
#[derive(Debug)]
pub enum Failure {
    /// Connecting or waiting timed out (the caller words it as the official SDK does).
    TimedOut,
    /// Anything else, as the causes to show after "fetch failed: ".
    Failed(String),
}

pub struct DirectClient {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    /// Bounds connecting, and each wait for a piece of the body.
    timeout: Duration,
    /// The headers of every request, made once: the ones reqwest set first
    /// (`user-agent`, `accept`, `accept-encoding`), then the `headers` option.
    headers: HeaderMap,
}

/// A response whose head has arrived; its body is read by `text`.
pub struct DirectResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Incoming,
    timeout: Duration,
}

impl DirectClient {
    pub fn new(tls: rustls::ClientConfig, timeout: Duration, user_agent: &str, extra: &HeaderMap) -> Result<Self, String> {
        let user_agent =
            HeaderValue::from_str(user_agent).map_err(|_| "Could not create the HTTP client: invalid userAgent".to_string())?;
        let mut headers = HeaderMap::with_capacity(extra.len() + 5);
        headers.insert(header::USER_AGENT, user_agent);
        headers.insert(header::ACCEPT, HeaderValue::from_static("*/*"));
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
        for (name, value) in extra {
            headers.insert(name.clone(), value.clone());
        }
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(timeout));
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            // HTTP/2 when the server offers it over TLS (ALPN), as reqwest did:
            // concurrent calls then share one connection instead of opening one
            // each; plain http is HTTP/1.1.
            .enable_all_versions()
            .wrap_connector(tcp);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .pool_timer(TokioTimer::new())
            .build(connector);
        Ok(DirectClient { client, timeout, headers })
    }

    /// Sends one request (`authorization` when given; a JSON `body` when
    /// given) and follows redirects as fetch does: 303 (and 301 or 302 after
    /// a POST) become a GET without body; 307 and 308 resend method and body;
    /// a redirect to another origin drops `Authorization`.
    pub async fn send(
        &self,
        method: Method,
        url: &url::Url,
        authorization: Option<HeaderValue>,
        body: Option<Bytes>,
    ) -> Result<DirectResponse, Failure> {
        let mut method = method;
        let mut url = std::borrow::Cow::Borrowed(url);
        let mut body = body;
        let mut headers = self.headers.clone();
        if let Some(authorization) = authorization {
            headers.insert(header::AUTHORIZATION, authorization);
        }
        if body.is_some() {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for redirects in 0..=MAX_REDIRECTS {
            let uri: http::Uri = url
                .as_str()
                .parse()
                .map_err(|_| Failure::Failed(format!("invalid URL {}", url.as_str())))?;
            let mut request = http::Request::new(Full::new(body.clone().unwrap_or_default()));
            *request.method_mut() = method.clone();
            *request.uri_mut() = uri;
            *request.headers_mut() = headers.clone();
            let response = self.client.request(request).await.map_err(|e| failure(&e))?;
            let status = response.status();
            let location = match status.as_u16() {
                301 | 302 | 303 | 307 | 308 => response.headers().get(header::LOCATION),
                _ => None,
            };
            let Some(location) = location else {
                let (parts, body) = response.into_parts();
                return Ok(DirectResponse { status, headers: parts.headers, body, timeout: self.timeout });
            };
            if redirects == MAX_REDIRECTS {
                return Err(Failure::Failed(format!("redirect count exceeded (more than {MAX_REDIRECTS} redirects)")));
            }
            let next = location
                .to_str()
                .ok()
                .and_then(|l| url.join(l).ok())
                .filter(|u| u.scheme() == "http" || u.scheme() == "https")
                .ok_or_else(|| Failure::Failed("redirect to an invalid or non-HTTP(S) location".to_string()))?;
            let code = status.as_u16();
            if (code == 303 && method != Method::GET && method != Method::HEAD)
                || ((code == 301 || code == 302) && method == Method::POST)
            {
                method = Method::GET;
                body = None;
                headers.remove(header::CONTENT_TYPE);
            }
            if next.origin() != url.origin() {
                headers.remove(header::AUTHORIZATION);
                headers.remove(header::COOKIE);
                headers.remove(header::PROXY_AUTHORIZATION);
            }
            url = std::borrow::Cow::Owned(next);
        }
        Err(Failure::Failed("redirect count exceeded".to_string()))
    }
}

impl DirectResponse {
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The whole body as text, decoded from gzip or deflate when the server
    /// says so; each wait for the next piece is bounded by the timeout. With a
    /// `content-length`, the pieces are copied into one buffer of that size as
    /// they come (in its own mapping when large: see response_body.rs); without one,
    /// they are joined once at the end.
    pub async fn text(self) -> Result<ResponseBody, String> {
        let DirectResponse { headers, mut body, timeout, .. } = self;
        let mut sized: Option<ResponseBuffer> =
            content_length(&headers).map(|n| ResponseBuffer::with_capacity(n.min(MAX_PREALLOCATED)));
        let mut pieces: Vec<Bytes> = Vec::new();
        loop {
            let frame = match tokio::time::timeout(timeout, body.frame()).await {
                Err(_) => return Err("operation timed out while reading the body".to_string()),
                Ok(None) => break,
                Ok(Some(Err(error))) => return Err(error_chain(&error)),
                Ok(Some(Ok(frame))) => frame,
            };
            let Ok(data) = frame.into_data() else { continue };
            match &mut sized {
                Some(buffer) => buffer.extend_from_slice(&data),
                None => pieces.push(data),
            }
        }
        let raw = match sized {
            Some(buffer) => buffer,
            None => {
                let mut joined = Vec::with_capacity(pieces.iter().map(Bytes::len).sum());
                for piece in pieces {
                    joined.extend_from_slice(&piece);
                }
                ResponseBuffer::Heap(joined)
            }
        };
        decode(&headers, raw)
    }
}

/// The most a `content-length` makes us reserve up front (a larger body
/// still arrives whole, growing the buffer past this).
const MAX_PREALLOCATED: usize = 64 << 20;

fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// The text of the body as the server's `content-encoding` says (gzip,
/// deflate, none); invalid UTF-8 is replaced, as `Response.text()` does.
fn decode(headers: &HeaderMap, raw: ResponseBuffer) -> Result<ResponseBody, String> {
    let encoding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase());
    let mut decoded = Vec::new();
    let result = match encoding.as_deref() {
        Some("gzip") | Some("x-gzip") => flate2::read::MultiGzDecoder::new(raw.bytes()).read_to_end(&mut decoded),
        Some("deflate") => flate2::read::ZlibDecoder::new(raw.bytes()).read_to_end(&mut decoded),
        _ => return Ok(raw.into_body()),
    };
    result.map_err(|e| format!("error decoding response body: {e}"))?;
    // The text is kept until JavaScript has parsed it: no spare capacity.
    decoded.shrink_to_fit();
    Ok(ResponseBody::from_utf8_lossy(decoded))
}

/// A failed exchange: a timeout, or its causes.
fn failure(error: &hyper_util::client::legacy::Error) -> Failure {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return Failure::TimedOut;
            }
        }
        source = e.source();
    }
    Failure::Failed(error_chain(error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A loopback server answering each connection's first request with `response`.
    async fn serve_once(response: Vec<u8>) -> url::Url {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await.unwrap();
            socket.write_all(&response).await.unwrap();
            socket.flush().await.unwrap();
        });
        url::Url::parse(&format!("http://127.0.0.1:{port}/api")).unwrap()
    }

    fn client() -> DirectClient {
        let tls = crate::client::tls::rustls_config(&[], None).unwrap();
        DirectClient::new(tls, Duration::from_secs(5), "test-agent", &HeaderMap::new()).unwrap()
    }

    #[tokio::test]
    async fn chunked_and_sized_bodies_arrive_whole() {
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1,\r\n6\r\n\"b\":2}\r\n0\r\n\r\n".to_vec();
        let url = serve_once(chunked).await;
        let response = client().send(Method::GET, &url, None, None).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), "{\"a\":1,\"b\":2}");

        // large enough for its own mapping (response_body.rs)
        let body = "x".repeat(2 << 20);
        let mut sized = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
        sized.extend_from_slice(body.as_bytes());
        let url = serve_once(sized).await;
        let response = client().send(Method::GET, &url, None, None).await.unwrap();
        assert_eq!(response.text().await.unwrap().len(), 2 << 20);
    }

    #[tokio::test]
    async fn a_refused_connection_names_its_cause() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let url = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
        match client().send(Method::GET, &url, None, None).await {
            Err(Failure::Failed(causes)) => assert!(causes.contains("Connection refused"), "{causes}"),
            Err(Failure::TimedOut) => panic!("timed out"),
            Ok(_) => panic!("answered"),
        }
    }

    fn with_encoding(encoding: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_str(encoding).unwrap());
        headers
    }

    #[test]
    fn gzip_and_deflate_bodies_are_decoded_and_others_pass_through() {
        use std::io::Write;
        let text = b"{\"secret\":{\"secretValue\":\"v\"}}";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(text).unwrap();
        let gz = gz.finish().unwrap();
        let heap = |bytes: Vec<u8>| ResponseBuffer::Heap(bytes);
        assert_eq!(decode(&with_encoding("gzip"), heap(gz)).unwrap().as_bytes(), text);
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(text).unwrap();
        let zlib = zlib.finish().unwrap();
        assert_eq!(decode(&with_encoding("deflate"), heap(zlib)).unwrap().as_bytes(), text);
        assert_eq!(decode(&HeaderMap::new(), heap(text.to_vec())).unwrap().as_bytes(), text);
        assert!(decode(&with_encoding("gzip"), heap(b"not gzip".to_vec())).is_err());
    }
}
