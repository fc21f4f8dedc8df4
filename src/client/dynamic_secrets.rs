//! `dynamicSecrets()` and its `leases`. The official SDK sends the options
//! object as the body, unchanged; we check the fields it types as required.

use serde_json::Value;

use super::args::{Args, Opts};
use super::error::SdkResult;
use super::path;
use super::transport::{ApiRequest, HttpMethod};

const DYNAMIC_SECRETS: &str = "/api/v1/dynamic-secrets";
const LEASES: &str = "/api/v1/dynamic-secrets/leases";

/// The location fields every dynamic-secret call carries.
fn check_location(o: &Opts) -> SdkResult<()> {
    o.req_str("projectSlug")?;
    o.req_str("environmentSlug")?;
    o.opt_str("path")?;
    Ok(())
}

pub fn create_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("dynamicSecrets().create(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let provider = o.opt_object("provider")?.ok_or_else(|| o.missing_error("provider"))?;
    if !provider.get("type").is_some_and(Value::is_string) {
        return Err(o.invalid("provider", "an object with a string \"type\" and an \"inputs\" object"));
    }
    if !provider.get("inputs").is_some_and(Value::is_object) {
        return Err(o.invalid("provider", "an object with a string \"type\" and an \"inputs\" object"));
    }
    o.req_str("name")?;
    o.req_str("defaultTTL")?;
    o.opt_str("maxTTL")?;
    check_location(&o)?;
    Ok(ApiRequest::with_body(HttpMethod::Post, DYNAMIC_SECRETS, &Value::Object(o.raw())))
}

pub fn delete_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("dynamicSecrets().delete(dynamicSecretName, options)", args_json)?;
    let name = args.string(0, "dynamicSecretName")?;
    let segment = path::segment(args.call(), "dynamicSecretName", &name)?;
    let o = args.object(1, "options", true)?;
    check_location(&o)?;
    o.opt_bool("isForced")?;
    Ok(ApiRequest::with_body(
        HttpMethod::Delete,
        format!("{DYNAMIC_SECRETS}/{segment}"),
        &Value::Object(o.raw()),
    ))
}

pub fn create_lease_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("dynamicSecrets().leases.create(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    o.req_str("dynamicSecretName")?;
    check_location(&o)?;
    o.opt_str("ttl")?;
    Ok(ApiRequest::with_body(HttpMethod::Post, LEASES, &Value::Object(o.raw())))
}

/// Lease ids are percent-encoded into one path segment. The official SDK puts
/// them in raw, so an id like `../x` reaches another route there.
fn lease_segment(args: &Args) -> SdkResult<String> {
    let lease_id = args.string(0, "leaseId")?;
    path::segment(args.call(), "leaseId", &lease_id)
}

pub fn delete_lease_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("dynamicSecrets().leases.delete(leaseId, options)", args_json)?;
    let segment = lease_segment(&args)?;
    let o = args.object(1, "options", true)?;
    check_location(&o)?;
    o.opt_bool("isForced")?;
    Ok(ApiRequest::with_body(
        HttpMethod::Delete,
        format!("{LEASES}/{segment}"),
        &Value::Object(o.raw()),
    ))
}

pub fn renew_lease_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("dynamicSecrets().leases.renew(leaseId, options)", args_json)?;
    let segment = lease_segment(&args)?;
    let o = args.object(1, "options", true)?;
    check_location(&o)?;
    o.opt_str("ttl")?;
    Ok(ApiRequest::with_body(
        HttpMethod::Post,
        format!("{LEASES}/{segment}/renew"),
        &Value::Object(o.raw()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_sends_the_options_unchanged() {
        let json = r#"[{"provider":{"type":"redis","inputs":{"host":"h","port":6379}},"defaultTTL":"1h","maxTTL":"24h","name":"n","projectSlug":"p","environmentSlug":"dev","extra":1}]"#;
        let req = create_request(json).unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets");
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"provider":{"type":"redis","inputs":{"host":"h","port":6379}},"defaultTTL":"1h","maxTTL":"24h","name":"n","projectSlug":"p","environmentSlug":"dev","extra":1}"#
        );
    }

    #[test]
    fn create_checks_the_provider() {
        let e = create_request(r#"[{"provider":{"type":"redis"},"defaultTTL":"1h","name":"n","projectSlug":"p","environmentSlug":"d"}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"provider\""), "{e}");
    }

    #[test]
    fn lease_ids_are_encoded() {
        let req = delete_lease_request(r#"["../x",{"projectSlug":"p","environmentSlug":"d"}]"#).unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets/leases/..%2Fx");
        let req = renew_lease_request(r#"["abc",{"projectSlug":"p","environmentSlug":"d","ttl":"5m"}]"#).unwrap();
        assert_eq!(req.path, "/api/v1/dynamic-secrets/leases/abc/renew");
        assert!(delete_lease_request(r#"["..",{"projectSlug":"p","environmentSlug":"d"}]"#).is_err());
    }
}
