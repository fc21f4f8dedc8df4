//! `folders()`: the v1 routes, which both server generations serve.

use super::calls::{Call, Labelled};
use super::error::{SdkError, SdkResult};
use super::path;
use super::request::{ApiRequest, Body, CacheRole, HttpMethod, WriteTarget};

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

/// The cache role of a folder write. Renaming or deleting a folder changes
/// the secrets listed at every path below it, and a folder id does not say
/// which path that is: drop every cached answer of the project.
fn folder_write(project_id: &str, environment: &str) -> CacheRole {
    CacheRole::Write(WriteTarget {
        project: project_id.to_string(),
        environment: environment.to_string(),
        path: "/".to_string(),
        project_wide: true,
    })
}

/// `folders().get(options)`: `GET /api/v1/folders/:id`.
#[derive(Clone, Debug, Default)]
pub struct GetFolder {
    pub folder_id: String,
}

impl Call for GetFolder {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "folderId", &self.folder_id)?;
        Ok(ApiRequest::get_plain(format!("{FOLDERS}/{segment}")))
    }
}

/// `folders().update(options)`: `PATCH /api/v1/folders/:folderId`.
#[derive(Clone, Debug, Default)]
pub struct UpdateFolder {
    pub folder_id: String,
    /// The folder's (new) name: the server requires it.
    pub name: String,
    pub project_id: String,
    pub environment: String,
    /// The parent folder's path (server default "/").
    pub path: Option<String>,
    pub description: Option<String>,
}

impl Call for UpdateFolder {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "folderId", &self.folder_id)?;
        let mut body = Body::default();
        body.put("name", self.name.clone())
            .put_opt("path", self.path.clone())
            .put("workspaceId", self.project_id.clone())
            .put("environment", self.environment.clone())
            .put_opt("description", self.description.clone());
        Ok(ApiRequest::with_body(HttpMethod::Patch, format!("{FOLDERS}/{segment}"), &body.into_value())
            .with_cache(folder_write(&self.project_id, &self.environment)))
    }
}

/// `folders().delete(options)`: `DELETE /api/v1/folders/:folderIdOrName`,
/// naming the folder by id or by name (within `path`).
#[derive(Clone, Debug, Default)]
pub struct DeleteFolder {
    pub folder_id: Option<String>,
    pub folder_name: Option<String>,
    pub project_id: String,
    pub environment: String,
    /// The parent folder's path (server default "/").
    pub path: Option<String>,
}

impl Call for DeleteFolder {
    fn request(&self) -> SdkResult<ApiRequest> {
        let (option, value) = match (&self.folder_id, &self.folder_name) {
            (Some(id), None) => ("folderId", id),
            (None, Some(name)) => ("folderName", name),
            _ => {
                return Err(SdkError::sdk(format!(
                    "{}: give exactly one of \"folderId\" and \"folderName\"",
                    Self::LABEL
                )))
            }
        };
        let segment = path::segment(Self::LABEL, option, value)?;
        let mut body = Body::default();
        body.put("workspaceId", self.project_id.clone())
            .put("environment", self.environment.clone())
            .put_opt("path", self.path.clone());
        Ok(ApiRequest::with_body(HttpMethod::Delete, format!("{FOLDERS}/{segment}"), &body.into_value())
            .with_cache(folder_write(&self.project_id, &self.environment)))
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

    #[test]
    fn writes_by_id_encode_it_and_drop_the_project_cache() {
        let req = UpdateFolder {
            folder_id: "a/b".into(),
            name: "n".into(),
            project_id: "p".into(),
            environment: "dev".into(),
            ..Default::default()
        }
        .request()
        .unwrap();
        assert_eq!((req.method, req.path.as_str()), (HttpMethod::Patch, "/api/v1/folders/a%2Fb"));
        assert_eq!(req.body.unwrap().expose(), r#"{"name":"n","workspaceId":"p","environment":"dev"}"#);
        assert!(matches!(&req.cache, CacheRole::Write(t) if t.project_wide && t.project == "p"));

        let by_name = DeleteFolder {
            folder_name: Some("old".into()),
            project_id: "p".into(),
            environment: "dev".into(),
            path: Some("/x".into()),
            ..Default::default()
        };
        let req = by_name.request().unwrap();
        assert_eq!(req.path, "/api/v1/folders/old");
        assert_eq!(req.body.unwrap().expose(), r#"{"workspaceId":"p","environment":"dev","path":"/x"}"#);
        let both = DeleteFolder { folder_id: Some("i".into()), ..by_name.clone() }.request().unwrap_err();
        assert!(both.to_string().contains("exactly one"), "{both}");
        let neither = DeleteFolder { folder_name: None, ..by_name }.request().unwrap_err();
        assert!(neither.to_string().contains("exactly one"), "{neither}");

        let req = GetFolder { folder_id: "f".into() }.request().unwrap();
        assert_eq!((req.method, req.path.as_str(), req.query.is_none()), (HttpMethod::Get, "/api/v1/folders/f", true));
        assert!(GetFolder { folder_id: "..".into() }.request().is_err());
    }
}
