//! Binding for `environments()`.

use super::args::{Args, FromArgs};
use std::sync::Arc;

use napi::{sys, Env};

use super::js;
use super::sdk::api_methods;
use crate::client::InfisicalClient;
use crate::client::environments::CreateEnvironment;
use crate::client::SdkResult;

/// `environments()`: its methods are own properties, so they work detached.
pub fn environments_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let client = js::object(env)?;
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
