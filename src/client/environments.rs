//! `environments()`.

use serde_json::{Map, Value};

use super::calls::{Call, Labelled};
use super::error::SdkResult;
use super::path;
use super::request::{ApiRequest, HttpMethod};

/// `environments().create(options)`: the options object is the body, as in
/// the official SDK; the project id is also put (encoded) in the path.
#[derive(Clone, Debug, Default)]
pub struct CreateEnvironment {
    pub project_id: String,
    /// The options object (`name`, `slug`, `projectId`, `position`, ...) as given.
    pub body: Map<String, Value>,
}

impl Call for CreateEnvironment {
    fn request(&self) -> SdkResult<ApiRequest> {
        let project = path::segment(Self::LABEL, "projectId", &self.project_id)?;
        Ok(ApiRequest::with_body(
            HttpMethod::Post,
            format!("/api/v1/workspace/{project}/environments"),
            &Value::Object(self.body.clone()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_puts_the_project_in_the_path() {
        let body: Value =
            serde_json::from_str(r#"{"name":"Dev 2","projectId":"p1","slug":"dev-2","position":3}"#).unwrap();
        let req = CreateEnvironment {
            project_id: "p1".into(),
            body: body.as_object().unwrap().clone(),
        }
        .request()
        .unwrap();
        assert_eq!(req.path, "/api/v1/workspace/p1/environments");
        assert_eq!(req.body.unwrap().expose(), r#"{"name":"Dev 2","projectId":"p1","slug":"dev-2","position":3}"#);
    }
}
