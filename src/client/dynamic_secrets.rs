//! `dynamicSecrets()` and its `leases`. The official SDK sends the options
//! object as the body, unchanged; the typed requests carry it as given, with
//! the fields the path needs.

use serde_json::{Map, Value};

use super::calls::{Call, Labelled};
use super::error::SdkResult;
use super::path;
use super::request::{ApiRequest, HttpMethod};

const DYNAMIC_SECRETS: &str = "/api/v1/dynamic-secrets";
const LEASES: &str = "/api/v1/dynamic-secrets/leases";

fn body(options: &Map<String, Value>) -> Value {
    Value::Object(options.clone())
}

/// `dynamicSecrets().create(options)`.
#[derive(Clone, Debug, Default)]
pub struct CreateDynamicSecret {
    /// The options object (`provider`, `name`, `defaultTTL`, `projectSlug`, ...) as given.
    pub body: Map<String, Value>,
}

impl Call for CreateDynamicSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        Ok(ApiRequest::with_body(HttpMethod::Post, DYNAMIC_SECRETS, &body(&self.body)))
    }
}

/// `dynamicSecrets().delete(dynamicSecretName, options)`.
#[derive(Clone, Debug, Default)]
pub struct DeleteDynamicSecret {
    pub dynamic_secret_name: String,
    /// The options object (`projectSlug`, `environmentSlug`, `path`, `isForced`) as given.
    pub body: Map<String, Value>,
}

impl Call for DeleteDynamicSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "dynamicSecretName", &self.dynamic_secret_name)?;
        Ok(ApiRequest::with_body(
            HttpMethod::Delete,
            format!("{DYNAMIC_SECRETS}/{segment}"),
            &body(&self.body),
        ))
    }
}

/// `dynamicSecrets().leases.create(options)`.
#[derive(Clone, Debug, Default)]
pub struct CreateLease {
    /// The options object (`dynamicSecretName`, `projectSlug`, `ttl`, ...) as given.
    pub body: Map<String, Value>,
}

impl Call for CreateLease {
    fn request(&self) -> SdkResult<ApiRequest> {
        Ok(ApiRequest::with_body(HttpMethod::Post, LEASES, &body(&self.body)))
    }
}

/// `dynamicSecrets().leases.delete(leaseId, options)`. Lease ids are
/// percent-encoded into one path segment; the official SDK puts them in raw,
/// so an id like `../x` reaches another route there.
#[derive(Clone, Debug, Default)]
pub struct DeleteLease {
    pub lease_id: String,
    /// The options object (`projectSlug`, `environmentSlug`, `path`, `isForced`) as given.
    pub body: Map<String, Value>,
}

impl Call for DeleteLease {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "leaseId", &self.lease_id)?;
        Ok(ApiRequest::with_body(HttpMethod::Delete, format!("{LEASES}/{segment}"), &body(&self.body)))
    }
}

/// `dynamicSecrets().leases.renew(leaseId, options)`.
#[derive(Clone, Debug, Default)]
pub struct RenewLease {
    pub lease_id: String,
    /// The options object (`projectSlug`, `environmentSlug`, `path`, `ttl`) as given.
    pub body: Map<String, Value>,
}

impl Call for RenewLease {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "leaseId", &self.lease_id)?;
        Ok(ApiRequest::with_body(
            HttpMethod::Post,
            format!("{LEASES}/{segment}/renew"),
            &body(&self.body),
        ))
    }
}

// ------------------------------------------------------------------ beyond the official SDK
// Reads take their location as query parameters; `update` sends its options
// as given (the updatable fields are nested under `data`, as on the wire).

/// Where a dynamic secret lives: the query of every dynamic-secret read.
#[derive(Clone, Debug, Default)]
pub struct Location {
    pub project_slug: String,
    pub environment_slug: String,
    /// The folder path (server default "/").
    pub path: Option<String>,
}

impl Location {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![
            ("projectSlug", self.project_slug.clone()),
            ("environmentSlug", self.environment_slug.clone()),
        ];
        if let Some(path) = &self.path {
            query.push(("path", path.clone()));
        }
        query
    }
}

/// `dynamicSecrets().list(options)`.
#[derive(Clone, Debug, Default)]
pub struct ListDynamicSecrets {
    pub location: Location,
}

impl Call for ListDynamicSecrets {
    fn request(&self) -> SdkResult<ApiRequest> {
        Ok(ApiRequest::get(DYNAMIC_SECRETS, self.location.query()))
    }
}

/// `dynamicSecrets().get(dynamicSecretName, options)`.
#[derive(Clone, Debug, Default)]
pub struct GetDynamicSecret {
    pub dynamic_secret_name: String,
    pub location: Location,
}

impl Call for GetDynamicSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "dynamicSecretName", &self.dynamic_secret_name)?;
        Ok(ApiRequest::get(format!("{DYNAMIC_SECRETS}/{segment}"), self.location.query()))
    }
}

/// `dynamicSecrets().update(dynamicSecretName, options)`.
#[derive(Clone, Debug, Default)]
pub struct UpdateDynamicSecret {
    pub dynamic_secret_name: String,
    /// The options object (`projectSlug`, `environmentSlug`, `path`, `data`) as given.
    pub body: Map<String, Value>,
}

impl Call for UpdateDynamicSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "dynamicSecretName", &self.dynamic_secret_name)?;
        Ok(ApiRequest::with_body(
            HttpMethod::Patch,
            format!("{DYNAMIC_SECRETS}/{segment}"),
            &body(&self.body),
        ))
    }
}

/// `dynamicSecrets().leases.list(dynamicSecretName, options)`.
#[derive(Clone, Debug, Default)]
pub struct ListLeases {
    pub dynamic_secret_name: String,
    pub location: Location,
}

impl Call for ListLeases {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "dynamicSecretName", &self.dynamic_secret_name)?;
        Ok(ApiRequest::get(format!("{DYNAMIC_SECRETS}/{segment}/leases"), self.location.query()))
    }
}

/// `dynamicSecrets().leases.get(leaseId, options)`.
#[derive(Clone, Debug, Default)]
pub struct GetLease {
    pub lease_id: String,
    pub location: Location,
}

impl Call for GetLease {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "leaseId", &self.lease_id)?;
        Ok(ApiRequest::get(format!("{LEASES}/{segment}"), self.location.query()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn create_sends_the_options_unchanged() {
        let json = r#"{"provider":{"type":"redis","inputs":{"host":"h","port":6379}},"defaultTTL":"1h","maxTTL":"24h","name":"n","projectSlug":"p","environmentSlug":"dev","extra":1}"#;
        let req = CreateDynamicSecret { body: object(json) }.request().unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets");
        assert_eq!(req.body.unwrap().expose(), json);
    }

    #[test]
    fn lease_ids_are_encoded() {
        let location = object(r#"{"projectSlug":"p","environmentSlug":"d"}"#);
        let req = DeleteLease { lease_id: "../x".into(), body: location.clone() }.request().unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets/leases/..%2Fx");
        let req = RenewLease { lease_id: "abc".into(), body: location.clone() }.request().unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets/leases/abc/renew");
        let e = DeleteLease { lease_id: "..".into(), body: location }.request().unwrap_err();
        assert!(e.to_string().starts_with("dynamicSecrets().leases.delete(leaseId, options): "), "{e}");
    }

    #[test]
    fn reads_put_the_location_in_the_query_and_encode_names() {
        let location = Location { project_slug: "p".into(), environment_slug: "dev".into(), path: Some("/a".into()) };
        let q = |req: &ApiRequest| {
            req.query.as_ref().unwrap().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
        };
        let req = ListDynamicSecrets { location: location.clone() }.request().unwrap();
        assert_eq!((req.path.as_str(), q(&req).as_str()), ("/api/v1/dynamic-secrets", "projectSlug=p&environmentSlug=dev&path=/a"));
        let req = GetDynamicSecret { dynamic_secret_name: "a b".into(), location: location.clone() }.request().unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets/a%20b");
        let req = ListLeases { dynamic_secret_name: "n".into(), location: Location { path: None, ..location.clone() } }
            .request()
            .unwrap();
        assert_eq!((req.path.as_str(), q(&req).as_str()), ("/api/v1/dynamic-secrets/n/leases", "projectSlug=p&environmentSlug=dev"));
        let req = GetLease { lease_id: "../x".into(), location: location.clone() }.request().unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets/leases/..%2Fx");
        let e = GetLease { lease_id: "..".into(), location }.request().unwrap_err();
        assert!(e.to_string().starts_with("dynamicSecrets().leases.get(leaseId, options): "), "{e}");
    }

    #[test]
    fn update_sends_the_options_with_data_nested() {
        let json = r#"{"projectSlug":"p","environmentSlug":"d","data":{"defaultTTL":"2h","newName":"m"}}"#;
        let req = UpdateDynamicSecret { dynamic_secret_name: "n".into(), body: object(json) }.request().unwrap();
        assert_eq!((req.method, req.path.as_str()), (HttpMethod::Patch, "/api/v1/dynamic-secrets/n"));
        assert_eq!(req.body.unwrap().expose(), json);
    }
}
