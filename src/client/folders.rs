//! `folders()`.

use super::calls::Call;
use super::error::SdkResult;
use super::request::{ApiRequest, Body, HttpMethod};

const FOLDERS: &str = "/api/v1/folders";

/// `folders().create(options)`.
#[derive(Clone, Debug, Default)]
pub struct CreateFolder {
    pub name: String,
    /// Typed as required by the official SDK, but the server defaults it to
    /// "/" and the official SDK sends the call without it, so we do too.
    pub path: Option<String>,
    pub project_id: String,
    pub environment: String,
    pub description: Option<String>,
}

impl Call for CreateFolder {
    fn request(&self) -> SdkResult<ApiRequest> {
        let mut body = Body::default();
        body.put("name", self.name.clone())
            .put_opt("path", self.path.clone())
            .put("workspaceId", self.project_id.clone())
            .put("environment", self.environment.clone())
            .put_opt("description", self.description.clone());
        Ok(ApiRequest::with_body(HttpMethod::Post, FOLDERS, &body.into_value()))
    }
}

/// `folders().listFolders(options)`.
#[derive(Clone, Debug, Default)]
pub struct ListFolders {
    pub environment: String,
    pub project_id: String,
    pub path: Option<String>,
    pub recursive: Option<bool>,
    pub last_secret_modified: Option<String>,
}

impl Call for ListFolders {
    fn request(&self) -> SdkResult<ApiRequest> {
        let mut query = vec![
            ("environment", self.environment.clone()),
            ("workspaceId", self.project_id.clone()),
        ];
        if let Some(path) = &self.path {
            query.push(("path", path.clone()));
        }
        if let Some(recursive) = self.recursive {
            query.push(("recursive", recursive.to_string()));
        }
        if let Some(since) = &self.last_secret_modified {
            query.push(("lastSecretModified", since.clone()));
        }
        Ok(ApiRequest::get(FOLDERS, query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_sends_only_given_options_in_order() {
        let req = ListFolders {
            project_id: "p".into(),
            environment: "dev".into(),
            recursive: Some(true),
            ..Default::default()
        }
        .request()
        .unwrap();
        let q: Vec<_> = req.query.unwrap().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(q, ["environment=dev", "workspaceId=p", "recursive=true"]);
    }

    #[test]
    fn create_renames_project_id() {
        let req = CreateFolder {
            name: "f".into(),
            path: Some("/".into()),
            project_id: "p".into(),
            environment: "dev".into(),
            description: None,
        }
        .request()
        .unwrap();
        assert_eq!(req.body.unwrap().expose(), r#"{"name":"f","path":"/","workspaceId":"p","environment":"dev"}"#);
    }
}
