//! `environments()`.

use serde_json::Value;

use super::args::Args;
use super::error::SdkResult;
use super::path;
use super::transport::{ApiRequest, HttpMethod};

/// `environments().create(options)`: the options object is the body, as in the
/// official SDK; the project id is also put (encoded) in the path.
pub fn create_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("environments().create(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    o.req_str("name")?;
    o.req_str("slug")?;
    o.opt_number("position")?;
    let project = path::segment(args.call(), "projectId", &o.req_str("projectId")?)?;
    Ok(ApiRequest::with_body(
        HttpMethod::Post,
        format!("/api/v1/workspace/{project}/environments"),
        &Value::Object(o.raw()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_puts_the_project_in_the_path() {
        let req = create_request(r#"[{"name":"Dev 2","projectId":"p1","slug":"dev-2","position":3}]"#).unwrap();
        assert_eq!(req.path, "/api/v1/workspace/p1/environments");
        assert_eq!(req.body.unwrap().expose(), r#"{"name":"Dev 2","projectId":"p1","slug":"dev-2","position":3}"#);
    }
}
