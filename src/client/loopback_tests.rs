//! The core used from Rust alone, without napi: typed calls against a tiny
//! HTTP fake on 127.0.0.1 (never any other host).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;

use super::secrets::{GetSecret, ListSecrets};
use super::{ClientOptions, InfisicalClient, SdkError};

/// What the fake saw of one request.
struct Seen {
    request_line: String,
    authorization: Option<String>,
}

/// Serves `responses` (status, body), one connection each, in order, and
/// reports every request it read.
fn fake_server(responses: Vec<(u16, &'static str)>) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for (status, body) in responses {
            let (mut stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut authorization = None;
            let mut content_length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (name, value) = line.split_once(':').unwrap();
                match name.to_ascii_lowercase().as_str() {
                    "authorization" => authorization = Some(value.trim().to_string()),
                    "content-length" => content_length = value.trim().parse().unwrap(),
                    _ => {}
                }
            }
            let mut body_in = vec![0; content_length];
            reader.read_exact(&mut body_in).unwrap();
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(reply.as_bytes()).unwrap();
            tx.send(Seen { request_line: request_line.trim_end().to_string(), authorization }).unwrap();
        }
    });
    (site, rx)
}

fn client(site: String) -> Arc<InfisicalClient> {
    let options = ClientOptions { site_url: Some(site), ..ClientOptions::default() };
    Arc::new(InfisicalClient::new(options).unwrap())
}

#[tokio::test]
async fn lists_secrets_from_rust_alone() {
    let (site, seen) = fake_server(vec![(200, r#"{"secrets":[{"secretKey":"A","secretValue":"1"}],"imports":[]}"#)]);
    let client = client(site);
    client.set_access_token("t0ken");
    let call = ListSecrets {
        project_id: "proj".into(),
        environment: "dev".into(),
        secret_path: Some("/app".into()),
        ..Default::default()
    };
    let response = client.list_secrets(call).response().await.unwrap();
    let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(body["secrets"][0]["secretKey"], "A");
    let seen = seen.recv().unwrap();
    assert_eq!(
        seen.request_line,
        "GET /api/v3/secrets/raw?workspaceId=proj&environment=dev&expandSecretReferences=true\
         &include_imports=false&recursive=false&secretPath=%2Fapp&viewSecretValue=true HTTP/1.1"
    );
    assert_eq!(seen.authorization.as_deref(), Some("Bearer t0ken"));
}

#[tokio::test]
async fn server_errors_come_back_typed() {
    let (site, _seen) = fake_server(vec![(404, r#"{"message":"Secret not found"}"#)]);
    let client = client(site.clone());
    let call = GetSecret {
        secret_name: "MISSING".into(),
        project_id: "p".into(),
        environment: "dev".into(),
        ..Default::default()
    };
    match client.get_secret(call).response().await {
        Err(SdkError::Request { status, message, method, .. }) => {
            assert_eq!((status, method, message.as_str()), (404, "GET", "Secret not found"));
        }
        other => panic!("expected a request error, got {other:?}"),
    }
}

/// Every call's future is allocated, and moved, on the JavaScript thread; the
/// logins behind token upkeep are boxed so that it does not carry their
/// (tens of KB of) state. It was 12 KB before, a third of the JS thread's
/// memcpy and malloc time in a sequential getSecret loop.
#[test]
fn a_calls_future_stays_small() {
    let core = std::sync::Arc::new(super::InfisicalClient::new(super::ClientOptions::default()).unwrap());
    let request = super::request::ApiRequest::get("/api/v3/secrets/raw", vec![]);
    let send = core.send(&request);
    assert!(std::mem::size_of_val(&send) < 4096, "send's future is {} bytes", std::mem::size_of_val(&send));
}
