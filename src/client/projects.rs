//! `projects()`.

use serde_json::Value;

use super::args::Args;
use super::error::{SdkError, SdkResult};
use super::path;
use super::transport::{ApiRequest, HttpMethod};

pub fn create_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("projects().create(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    o.req_str("projectName")?;
    // Typed as required by the official SDK, but the server defaults it to
    // "secret-manager" and the official SDK sends the call without it.
    for key in ["type", "projectDescription", "slug", "template", "kmsKeyId"] {
        o.opt_str(key)?;
    }
    Ok(ApiRequest::with_body(HttpMethod::Post, "/api/v2/workspace", &Value::Object(o.raw())))
}

/// `projects().inviteMembers(options)`: refuses locally, with the official
/// message, when neither emails nor usernames are given.
pub fn invite_members_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("projects().inviteMembers(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let project = path::segment(args.call(), "projectId", &o.req_str("projectId")?)?;
    let emails = o.opt_str_array("emails")?.unwrap_or_default();
    let usernames = o.opt_str_array("usernames")?.unwrap_or_default();
    o.opt_str_array("roleSlugs")?;
    if emails.is_empty() && usernames.is_empty() {
        return Err(SdkError::sdk("Either usernames or emails must be provided"));
    }
    Ok(ApiRequest::with_body(
        HttpMethod::Post,
        format!("/api/v2/workspace/{project}/memberships"),
        &Value::Object(o.raw()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_needs_someone_to_invite() {
        let e = invite_members_request(r#"[{"projectId":"p","emails":[]}]"#).unwrap_err();
        assert_eq!(e.to_string(), "Either usernames or emails must be provided");
        let req = invite_members_request(r#"[{"projectId":"p","emails":["a@b.c"]}]"#).unwrap();
        assert_eq!(req.path, "/api/v2/workspace/p/memberships");
    }
}
