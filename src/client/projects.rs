//! `projects()`.

use serde_json::{Map, Value};

use super::calls::{Call, Labelled};
use super::error::{SdkError, SdkResult};
use super::path;
use super::request::{ApiRequest, HttpMethod};

/// `projects().create(options)`: the options object is the body.
#[derive(Clone, Debug, Default)]
pub struct CreateProject {
    /// The options object (`projectName`, `type`, ...) as given.
    pub body: Map<String, Value>,
}

impl Call for CreateProject {
    fn request(&self) -> SdkResult<ApiRequest> {
        Ok(ApiRequest::with_body(
            HttpMethod::Post,
            "/api/v2/workspace",
            &Value::Object(self.body.clone()),
        ))
    }
}

/// `projects().inviteMembers(options)`: the options object is the body.
#[derive(Clone, Debug, Default)]
pub struct InviteMembers {
    pub project_id: String,
    /// With `usernames`: the call is refused locally, with the official
    /// message, when neither names anyone.
    pub emails: Option<Vec<String>>,
    pub usernames: Option<Vec<String>>,
    /// The options object (`projectId`, `emails`, `usernames`, `roleSlugs`) as given.
    pub body: Map<String, Value>,
}

impl Call for InviteMembers {
    fn request(&self) -> SdkResult<ApiRequest> {
        let project = path::segment(Self::LABEL, "projectId", &self.project_id)?;
        let none = |list: &Option<Vec<String>>| list.as_ref().is_none_or(Vec::is_empty);
        if none(&self.emails) && none(&self.usernames) {
            return Err(SdkError::sdk("Either usernames or emails must be provided"));
        }
        Ok(ApiRequest::with_body(
            HttpMethod::Post,
            format!("/api/v2/workspace/{project}/memberships"),
            &Value::Object(self.body.clone()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_needs_someone_to_invite() {
        let mut call = InviteMembers {
            project_id: "p".into(),
            emails: Some(vec![]),
            ..Default::default()
        };
        let e = call.request().unwrap_err();
        assert_eq!(e.to_string(), "Either usernames or emails must be provided");
        call.usernames = Some(vec!["u".into()]);
        assert_eq!(call.request().unwrap().path, "/api/v2/workspace/p/memberships");
    }
}
