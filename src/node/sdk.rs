//! The native half of `InfisicalSDK`: one core client per SDK instance.

use std::sync::Arc;

use napi_derive::napi;

use super::error::settle;
use super::text::ResponseText;
use crate::client::transport::ApiRequest;
use crate::client::{ClientOptions, InfisicalClient, SdkResult};

#[napi]
pub struct NativeClient {
    pub(crate) core: Arc<InfisicalClient>,
}

#[napi]
impl NativeClient {
    /// `siteUrl` as given to `new InfisicalSDK({ siteUrl })`; empty means the default.
    #[napi(constructor, catch_unwind)]
    pub fn new(site_url: Option<String>) -> Self {
        NativeClient {
            core: Arc::new(InfisicalClient::new(ClientOptions { site_url })),
        }
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
