//! Binding for `folders()`.

use super::args::{Args, FromArgs};
use std::sync::Arc;

use napi::bindgen_prelude::{JavaScriptClassExt, JsValue};
use napi::{sys, Env};
use napi_derive::napi;

use super::call::api_methods;
use crate::client::InfisicalClient;
use crate::client::folders::{CreateFolder, DeleteFolder, GetFolder, ListFolders, UpdateFolder};
use crate::client::SdkResult;

/// `FoldersClient`: made by the SDK (it has no public constructor); its methods
/// are own properties, so they work detached.
#[napi]
pub struct FoldersClient {
    _core: Arc<InfisicalClient>,
}

/// `folders()`: its methods are own properties, so they work detached.
pub fn folders_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let client = FoldersClient { _core: core.clone() }.into_instance(env)?.raw();
    api_methods!(env, core, client, {
        "create"(1) => CreateFolder, "folder";
        "listFolders"(1) => ListFolders, "folders";
        "get"(1) => GetFolder, "folder";
        "update"(1) => UpdateFolder, "folder";
        "delete"(1) => DeleteFolder, "folder";
    })?;
    Ok(client)
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

impl FromArgs for GetFolder {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(GetFolder { folder_id: o.req_str("folderId")? })
    }
}

impl FromArgs for UpdateFolder {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(UpdateFolder {
            folder_id: o.req_str("folderId")?,
            name: o.req_str("name")?,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            path: o.opt_str("path")?,
            description: o.opt_str("description")?,
        })
    }
}

impl FromArgs for DeleteFolder {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(DeleteFolder {
            folder_id: o.opt_str("folderId")?,
            folder_name: o.opt_str("folderName")?,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            path: o.opt_str("path")?,
        })
    }
}
