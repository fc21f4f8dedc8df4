//! Binding for `projects()`.

use super::args::{Args, FromArgs};
use std::sync::Arc;

use napi::bindgen_prelude::{JavaScriptClassExt, JsValue};
use napi::{sys, Env};
use napi_derive::napi;

use super::call::api_methods;
use crate::client::InfisicalClient;
use crate::client::projects::{CreateProject, InviteMembers};
use crate::client::SdkResult;

/// `ProjectsClient`: made by the SDK (it has no public constructor); its methods
/// are own properties, so they work detached.
#[napi]
pub struct ProjectsClient {
    _core: Arc<InfisicalClient>,
}

/// `projects()`: its methods are own properties, so they work detached.
pub fn projects_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let client = ProjectsClient { _core: core.clone() }.into_instance(env)?.raw();
    api_methods!(env, core, client, {
        "create"(1) => CreateProject, "project";
        "inviteMembers"(1) => InviteMembers, "memberships";
    })?;
    Ok(client)
}

impl FromArgs for CreateProject {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        o.req_str("projectName")?;
        // `type` is typed as required by the official SDK, but the server
        // defaults it to "secret-manager" and the official SDK sends the call without it.
        for key in ["type", "projectDescription", "slug", "template", "kmsKeyId"] {
            o.opt_str(key)?;
        }
        Ok(CreateProject { body: o.raw() })
    }
}

impl FromArgs for InviteMembers {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let project_id = o.req_str("projectId")?;
        let emails = o.opt_str_array("emails")?;
        let usernames = o.opt_str_array("usernames")?;
        o.opt_str_array("roleSlugs")?;
        Ok(InviteMembers { project_id, emails, usernames, body: o.raw() })
    }
}
