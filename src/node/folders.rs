//! Binding for `folders()`.

use super::args::{Args, FromArgs};
use super::sdk::{js_calls, NativeClient};
use crate::client::folders::{CreateFolder, ListFolders};
use crate::client::SdkResult;

js_calls! {
    create_folder(options) => CreateFolder, "folder";
    list_folders(options) => ListFolders, "folders";
}

impl FromArgs for CreateFolder {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(CreateFolder {
            name: o.req_str("name")?,
            path: o.opt_str("path")?,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            description: o.opt_str("description")?,
        })
    }
}

impl FromArgs for ListFolders {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(ListFolders {
            environment: o.req_str("environment")?,
            project_id: o.req_str("projectId")?,
            path: o.opt_str("path")?,
            recursive: o.opt_bool("recursive")?,
            last_secret_modified: o.opt_str("lastSecretModified")?,
        })
    }
}
