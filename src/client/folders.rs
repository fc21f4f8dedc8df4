//! `folders()`.

use super::args::{Args, Body};
use super::error::SdkResult;
use super::transport::{ApiRequest, HttpMethod};

const FOLDERS: &str = "/api/v1/folders";

pub fn create_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("folders().create(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let mut body = Body::default();
    // `path` is typed as required, but the server defaults it to "/" and the
    // official SDK sends the call without it, so we do too.
    body.put("name", o.req_str("name")?)
        .put_opt("path", o.opt_str("path")?)
        .put("workspaceId", o.req_str("projectId")?)
        .put("environment", o.req_str("environment")?)
        .put_opt("description", o.opt_str("description")?);
    Ok(ApiRequest::with_body(HttpMethod::Post, FOLDERS, &body.into_value()))
}

pub fn list_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("folders().listFolders(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let mut query = vec![
        ("environment", o.req_str("environment")?),
        ("workspaceId", o.req_str("projectId")?),
    ];
    if let Some(path) = o.opt_str("path")? {
        query.push(("path", path));
    }
    if let Some(recursive) = o.opt_bool("recursive")? {
        query.push(("recursive", recursive.to_string()));
    }
    if let Some(since) = o.opt_str("lastSecretModified")? {
        query.push(("lastSecretModified", since));
    }
    Ok(ApiRequest::get(FOLDERS, query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_sends_only_given_options_in_order() {
        let req = list_request(r#"[{"projectId":"p","environment":"dev","recursive":true}]"#).unwrap();
        let q: Vec<_> = req.query.unwrap().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(q, ["environment=dev", "workspaceId=p", "recursive=true"]);
    }

    #[test]
    fn create_renames_project_id() {
        let req = create_request(r#"[{"name":"f","path":"/","projectId":"p","environment":"dev"}]"#).unwrap();
        assert_eq!(req.body.unwrap().expose(), r#"{"name":"f","path":"/","workspaceId":"p","environment":"dev"}"#);
    }
}
