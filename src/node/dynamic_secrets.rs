//! Binding for `dynamicSecrets()` and its leases: the options are checked
//! where the official SDK types them, then sent as given.

use serde_json::Value;

use super::args::{Args, FromArgs, Opts};
use super::sdk::{js_calls, NativeClient};
use crate::client::dynamic_secrets::{CreateDynamicSecret, CreateLease, DeleteDynamicSecret, DeleteLease, RenewLease};
use crate::client::SdkResult;

js_calls! {
    create_dynamic_secret(options) => CreateDynamicSecret, "dynamicSecret";
    delete_dynamic_secret(dynamic_secret_name, options) => DeleteDynamicSecret, "dynamicSecret";
    create_lease(options) => CreateLease;
    delete_lease(lease_id, options) => DeleteLease;
    renew_lease(lease_id, options) => RenewLease;
}

/// The location fields every dynamic-secret call carries.
fn check_location(o: &Opts) -> SdkResult<()> {
    o.req_str("projectSlug")?;
    o.req_str("environmentSlug")?;
    o.opt_str("path")?;
    Ok(())
}

impl FromArgs for CreateDynamicSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let provider = o.opt_object("provider")?.ok_or_else(|| o.missing_error("provider"))?;
        let shaped = provider.get("type").is_some_and(Value::is_string)
            && provider.get("inputs").is_some_and(Value::is_object);
        if !shaped {
            return Err(o.invalid("provider", "an object with a string \"type\" and an \"inputs\" object"));
        }
        o.req_str("name")?;
        o.req_str("defaultTTL")?;
        o.opt_str("maxTTL")?;
        check_location(&o)?;
        Ok(CreateDynamicSecret { body: o.raw() })
    }
}

impl FromArgs for DeleteDynamicSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let dynamic_secret_name = args.string(0, "dynamicSecretName")?;
        let o = args.object(1, "options", true)?;
        check_location(&o)?;
        o.opt_bool("isForced")?;
        Ok(DeleteDynamicSecret { dynamic_secret_name, body: o.raw() })
    }
}

impl FromArgs for CreateLease {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        o.req_str("dynamicSecretName")?;
        check_location(&o)?;
        o.opt_str("ttl")?;
        Ok(CreateLease { body: o.raw() })
    }
}

impl FromArgs for DeleteLease {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let lease_id = args.string(0, "leaseId")?;
        let o = args.object(1, "options", true)?;
        check_location(&o)?;
        o.opt_bool("isForced")?;
        Ok(DeleteLease { lease_id, body: o.raw() })
    }
}

impl FromArgs for RenewLease {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let lease_id = args.string(0, "leaseId")?;
        let o = args.object(1, "options", true)?;
        check_location(&o)?;
        o.opt_str("ttl")?;
        Ok(RenewLease { lease_id, body: o.raw() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_checks_the_provider() {
        let e = CreateDynamicSecret::from_json(
            r#"[{"provider":{"type":"redis"},"defaultTTL":"1h","name":"n","projectSlug":"p","environmentSlug":"d"}]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("\"provider\""), "{e}");
    }

    #[test]
    fn the_options_become_the_body() {
        let call = RenewLease::from_json(r#"["abc",{"projectSlug":"p","environmentSlug":"d","ttl":"5m","x":1}]"#).unwrap();
        assert_eq!(call.lease_id, "abc");
        assert_eq!(Value::Object(call.body).to_string(), r#"{"projectSlug":"p","environmentSlug":"d","ttl":"5m","x":1}"#);
    }
}
