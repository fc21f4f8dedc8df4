//! The native half of `InfisicalSDK`: one core client per SDK instance.

use std::sync::Arc;

use napi_derive::napi;

use super::error::{settle, to_napi};
use super::text::ResponseText;
use crate::client::transport::ApiRequest;
use crate::client::{ClientOptions, InfisicalClient, SdkResult};

/// What `new InfisicalSDK(options)` passes down (already type-checked in JS).
#[napi(object)]
pub struct NativeClientOptions {
    pub site_url: Option<String>,
    pub ca_certificate: Option<String>,
}

#[napi]
pub struct NativeClient {
    pub(crate) core: Arc<InfisicalClient>,
}

#[napi]
impl NativeClient {
    /// Throws (with the SDK error prefix) on a bad `siteUrl` or `caCertificate`.
    #[napi(constructor, catch_unwind)]
    pub fn new(options: NativeClientOptions) -> napi::Result<Self> {
        let core = InfisicalClient::new(ClientOptions {
            site_url: options.site_url,
            ca_certificate: options.ca_certificate,
        })
        .map_err(to_napi)?;
        Ok(NativeClient { core: Arc::new(core) })
    }

    /// The site URL in use (after the empty-string fallback).
    #[napi(getter, catch_unwind)]
    pub fn site_url(&self) -> String {
        self.core.site_url().to_string()
    }
}

/// Builds a call's request from its JSON arguments.
pub(crate) type RequestBuilder = fn(&str) -> SdkResult<ApiRequest>;

impl NativeClient {
    /// Sends the call `build` describes; resolves to the response body text.
    pub(crate) async fn run(&self, build: RequestBuilder, args: String) -> napi::Result<ResponseText> {
        let core = self.core.clone();
        settle(async move { core.call(build, &args).await.map(ResponseText) }).await
    }
}
