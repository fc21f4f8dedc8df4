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
}
