//! Binding for `environments()`.

use super::args::{Args, FromArgs};
use std::sync::Arc;

use napi::bindgen_prelude::{JavaScriptClassExt, JsValue};
use napi::{sys, Env};
use napi_derive::napi;

use super::call::api_methods;
use crate::client::InfisicalClient;
use crate::client::environments::CreateEnvironment;
use crate::client::SdkResult;

/// `EnvironmentsClient`: made by the SDK (it has no public constructor); its methods
/// are own properties, so they work detached.
#[napi]
pub struct EnvironmentsClient {
    _core: Arc<InfisicalClient>,
}

/// `environments()`: its methods are own properties, so they work detached.
pub fn environments_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let client = EnvironmentsClient { _core: core.clone() }.into_instance(env)?.raw();
    api_methods!(env, core, client, {
        "create"(1) => CreateEnvironment, "environment";
    })?;
    Ok(client)
}

impl FromArgs for CreateEnvironment {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        o.req_str("name")?;
        o.req_str("slug")?;
        o.opt_number("position")?;
        Ok(CreateEnvironment {
            project_id: o.req_str("projectId")?,
            body: o.raw(),
        })
    }
}
