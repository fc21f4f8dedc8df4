//! Binding for `environments()`.

use super::args::{Args, FromArgs};
use super::sdk::{js_calls, NativeClient};
use crate::client::environments::CreateEnvironment;
use crate::client::SdkResult;

js_calls! {
    create_environment(options) => CreateEnvironment, "environment";
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
