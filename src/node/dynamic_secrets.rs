//! Binding for `dynamicSecrets()` and its leases: the options are checked
//! where the official SDK types them, then sent as given.

use std::sync::Arc;

use napi::bindgen_prelude::{validate_type_tag, JavaScriptClassExt, JsValue, TypeTag};
use napi::{sys, Env};
use napi_derive::napi;
use serde_json::Value;

use super::args::{Args, FromArgs, Opts};

use super::error::to_napi;
use super::js;
use super::call::{api_methods, run};
use super::text::Shape;
use crate::client::calls::Labelled;
use crate::client::{InfisicalClient, SdkError};
use crate::client::dynamic_secrets::{
    CreateDynamicSecret, CreateLease, DeleteDynamicSecret, DeleteLease, GetDynamicSecret, GetLease, ListDynamicSecrets,
    ListLeases, Location, RenewLease, UpdateDynamicSecret,
};
use crate::client::SdkResult;

/// Both prototype methods resolve to `dynamicSecret`.
fn unwrap_dynamic_secret<C: Labelled>() -> Shape {
    Shape::new(C::LABEL, Some("dynamicSecret"))
}

/// A prototype method called without its object, as the official SDK fails.
fn detached(env: &Env) -> napi::Result<sys::napi_value> {
    let error = SdkError::sdk("Cannot read properties of undefined (reading 'apiClient')");
    js::rejected(env, to_napi(env, &error))
}

/// `dynamicSecrets()`: made by the SDK (it has no public constructor).
/// `create` and `delete` are prototype methods, as in the official SDK
/// (detached, they reject with its message); `leases` is an own object of
/// arrow functions.
#[napi]
pub struct DynamicSecretsClient {
    core: Arc<InfisicalClient>,
}

/// The core of the `DynamicSecretsClient` a prototype method was called on.
fn core_of(env: &Env, this: sys::napi_value) -> Option<Arc<InfisicalClient>> {
    let mut kind = sys::ValueType::napi_undefined;
    // SAFETY: plain napi calls on values of `env`.
    unsafe { sys::napi_typeof(env.raw(), this, &mut kind) };
    if kind != sys::ValueType::napi_object {
        return None;
    }
    // Only an instance of this class carries its type tag (napi-rs tags each
    // instance it makes), so the native data read below is ours.
    let tag = <DynamicSecretsClient as TypeTag>::type_tag();
    unsafe { validate_type_tag(env.raw(), this, &tag, "DynamicSecretsClient") }.ok()?;
    let mut data = std::ptr::null_mut();
    let status = unsafe { sys::napi_unwrap(env.raw(), this, &mut data) };
    if status != sys::Status::napi_ok || data.is_null() {
        return None;
    }
    // SAFETY: the tag check above guarantees `data` is a DynamicSecretsClient,
    // alive as long as `this` (which the caller holds).
    Some(unsafe { &*data.cast::<DynamicSecretsClient>() }.core.clone())
}

/// Puts `create` and `delete` on the class prototype, once per environment.
fn install_prototype_methods(env: &Env, instance: sys::napi_value) -> napi::Result<()> {
    let mut proto = std::ptr::null_mut();
    // SAFETY: plain napi calls on values of `env`.
    napi::check_status!(unsafe { sys::napi_get_prototype(env.raw(), instance, &mut proto) })?;
    let key = env.create_string("create")?;
    let mut present = false;
    napi::check_status!(unsafe { sys::napi_has_own_property(env.raw(), proto, key.raw(), &mut present) })?;
    if present {
        return Ok(());
    }
    let create = js::function(env, "create", 1, |call| match core_of(call.env, call.this) {
        Some(core) => run::<CreateDynamicSecret>(call.env, &core, &call.args, unwrap_dynamic_secret::<CreateDynamicSecret>()),
        None => detached(call.env),
    })?;
    js::set(env, proto, "create", create)?;
    let delete = js::function(env, "delete", 2, |call| match core_of(call.env, call.this) {
        Some(core) => run::<DeleteDynamicSecret>(call.env, &core, &call.args, unwrap_dynamic_secret::<DeleteDynamicSecret>()),
        None => detached(call.env),
    })?;
    js::set(env, proto, "delete", delete)
}

pub fn dynamic_secrets_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let client = DynamicSecretsClient { core: core.clone() }.into_instance(env)?.raw();
    install_prototype_methods(env, client)?;
    // Beyond the official SDK: own arrow functions, like the leases methods.
    api_methods!(env, core, client, {
        "list"(1) => ListDynamicSecrets, "dynamicSecrets";
        "get"(2) => GetDynamicSecret, "dynamicSecret";
        "update"(2) => UpdateDynamicSecret, "dynamicSecret";
    })?;
    let leases = js::object(env)?;
    api_methods!(env, core, leases, {
        "create"(1) => CreateLease;
        "delete"(2) => DeleteLease;
        "renew"(2) => RenewLease;
        "list"(2) => ListLeases;
        "get"(2) => GetLease;
    })?;
    js::set(env, client, "leases", leases)?;
    Ok(client)
}

/// The location fields every dynamic-secret call carries.
fn check_location(o: &Opts) -> SdkResult<()> {
    location(o).map(|_| ())
}

fn location(o: &Opts) -> SdkResult<Location> {
    Ok(Location {
        project_slug: o.req_str("projectSlug")?,
        environment_slug: o.req_str("environmentSlug")?,
        path: o.opt_str("path")?,
    })
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

impl FromArgs for ListDynamicSecrets {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(ListDynamicSecrets { location: location(&o)? })
    }
}

impl FromArgs for GetDynamicSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let dynamic_secret_name = args.string(0, "dynamicSecretName")?;
        let o = args.object(1, "options", true)?;
        Ok(GetDynamicSecret { dynamic_secret_name, location: location(&o)? })
    }
}

impl FromArgs for UpdateDynamicSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let dynamic_secret_name = args.string(0, "dynamicSecretName")?;
        let o = args.object(1, "options", true)?;
        check_location(&o)?;
        let data = o.opt_object("data")?.ok_or_else(|| o.missing_error("data"))?;
        for key in ["defaultTTL", "newName"] {
            if data.get(key).is_some_and(|v| !v.is_string() && !v.is_null()) {
                return Err(o.invalid(&format!("data.{key}"), "a string"));
            }
        }
        for key in ["maxTTL", "usernameTemplate"] {
            if data.get(key).is_some_and(|v| !v.is_string() && !v.is_null()) {
                return Err(o.invalid(&format!("data.{key}"), "a string or null"));
            }
        }
        if data.get("inputs").is_some_and(|v| !v.is_object() && !v.is_null()) {
            return Err(o.invalid("data.inputs", "an object"));
        }
        Ok(UpdateDynamicSecret { dynamic_secret_name, body: o.raw() })
    }
}

impl FromArgs for ListLeases {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let dynamic_secret_name = args.string(0, "dynamicSecretName")?;
        let o = args.object(1, "options", true)?;
        Ok(ListLeases { dynamic_secret_name, location: location(&o)? })
    }
}

impl FromArgs for GetLease {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let lease_id = args.string(0, "leaseId")?;
        let o = args.object(1, "options", true)?;
        Ok(GetLease { lease_id, location: location(&o)? })
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

    #[test]
    fn update_needs_data_and_checks_its_fields() {
        let loc = r#""projectSlug":"p","environmentSlug":"d""#;
        let e = UpdateDynamicSecret::from_json(&format!(r#"["n",{{{loc}}}]"#)).unwrap_err().to_string();
        assert_eq!(e, "Missing required option \"data\" in dynamicSecrets().update(dynamicSecretName, options)");
        let e = UpdateDynamicSecret::from_json(&format!(r#"["n",{{{loc},"data":{{"defaultTTL":5}}}}]"#))
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"data.defaultTTL\""), "{e}");
        let call = UpdateDynamicSecret::from_json(&format!(r#"["n",{{{loc},"data":{{"maxTTL":null}}}}]"#)).unwrap();
        assert_eq!(Value::Object(call.body).to_string(), format!(r#"{{{loc},"data":{{"maxTTL":null}}}}"#));
        let e = GetLease::from_json(r#"["l",{"projectSlug":"p"}]"#).unwrap_err().to_string();
        assert!(e.contains("environmentSlug"), "{e}");
    }
}
