//! The native half of `InfisicalSDK`: one core client per SDK instance.

use std::sync::Arc;

use napi_derive::napi;

use crate::client::{ClientOptions, InfisicalClient};

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
