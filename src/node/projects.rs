//! Binding for `projects()`.

use super::args::{Args, FromArgs};
use super::sdk::{js_calls, NativeClient};
use crate::client::projects::{CreateProject, InviteMembers};
use crate::client::SdkResult;

js_calls! {
    create_project(options) => CreateProject, "project";
    invite_members(options) => InviteMembers, "memberships";
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
