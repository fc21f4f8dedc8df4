//! Binding for `secrets()`: each method resolves to the response body text.

use std::sync::Arc;

use napi::bindgen_prelude::{JavaScriptClassExt, JsValue};
use napi::{sys, Env};
use napi_derive::napi;
use serde_json::{Map, Value};

use super::args::{Args, FromArgs, Opts};
use super::js;
use super::realm;
use super::call::{api_methods, args_json, run_json};
use super::text::{After, Shape};
use crate::client::calls::Labelled;
use crate::client::InfisicalClient;
use crate::client::secrets::{
    BatchCreateItem, BatchCreateSecrets, BatchDeleteItem, BatchDeleteSecrets, BatchUpdateItem, BatchUpdateMode,
    BatchUpdateSecrets, CreateSecret, DeleteSecret, GetSecret, ListSecrets, SecretFields, UpdateSecret,
};
use crate::client::SdkResult;

/// `SecretsClient`: made by the SDK (it has no public constructor); its methods
/// are own properties, so they work detached.
#[napi]
pub struct SecretsClient {
    _core: Arc<InfisicalClient>,
}

/// `secrets()`: its methods are own properties, so they work detached.
pub fn secrets_client(env: &Env, core: &Arc<InfisicalClient>) -> napi::Result<sys::napi_value> {
    let client = SecretsClient { _core: core.clone() }.into_instance(env)?.raw();
    let c = core.clone();
    let list = js::arrow(env, "listSecrets", 1, move |call| {
        let json = args_json(call.env, &call.args);
        let attach = json.as_deref().is_ok_and(|j| first_flag(j, "attachToProcessEnv"));
        let shape = Shape { call: ListSecrets::LABEL, field: None, after: attach.then_some(attach_to_process_env as After) };
        run_json::<ListSecrets>(call.env, &c, json, shape)
    })?;
    js::set(env, client, "listSecrets", list)?;
    let c = core.clone();
    let with_imports = js::arrow(env, "listSecretsWithImports", 1, move |call| {
        // `listSecrets({ ...options, includeImports: true })`, then the imports merged.
        let json = args_json(call.env, &call.args).map(|j| with_include_imports(&j));
        let attach = json.as_deref().is_ok_and(|j| first_flag(j, "attachToProcessEnv"));
        let after: After = if attach { attach_and_merge_imports } else { merge_imports };
        let shape = Shape { call: ListSecrets::LABEL, field: None, after: Some(after) };
        run_json::<ListSecrets>(call.env, &c, json, shape)
    })?;
    js::set(env, client, "listSecretsWithImports", with_imports)?;
    api_methods!(env, core, client, {
        "getSecret"(1) => GetSecret, "secret";
        "updateSecret"(2) => UpdateSecret;
        "createSecret"(2) => CreateSecret;
        "deleteSecret"(2) => DeleteSecret;
        "batchCreate"(1) => BatchCreateSecrets;
        "batchUpdate"(1) => BatchUpdateSecrets;
        "batchDelete"(1) => BatchDeleteSecrets;
    })?;
    Ok(client)
}

/// Whether the first argument's `key` is `true`.
fn first_flag(json: &str, key: &str) -> bool {
    serde_json::from_str::<Value>(json).is_ok_and(|args| args[0][key] == Value::Bool(true))
}

/// The arguments with `includeImports: true` added to the options, as
/// `{ ...options, includeImports: true }` makes them.
fn with_include_imports(json: &str) -> String {
    let mut args: Vec<Value> = serde_json::from_str(json).unwrap_or_default();
    let mut options = match args.first() {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    options.insert("includeImports".into(), Value::Bool(true));
    if args.is_empty() {
        args.push(Value::Null);
    }
    args[0] = Value::Object(options);
    Value::Array(args).to_string()
}

/// The elements of `value` if it is an array.
fn elements(env: &Env, value: sys::napi_value) -> napi::Result<Option<Vec<sys::napi_value>>> {
    let mut is_array = false;
    // SAFETY: plain napi calls on values of `env`.
    napi::check_status!(unsafe { sys::napi_is_array(env.raw(), value, &mut is_array) })?;
    if !is_array {
        return Ok(None);
    }
    let mut len = 0;
    napi::check_status!(unsafe { sys::napi_get_array_length(env.raw(), value, &mut len) })?;
    let mut items = Vec::with_capacity(len as usize);
    for i in 0..len {
        let mut item = std::ptr::null_mut();
        napi::check_status!(unsafe { sys::napi_get_element(env.raw(), value, i, &mut item) })?;
        items.push(item);
    }
    Ok(Some(items))
}

/// `list.find((s) => s.secretKey === secret.secretKey) !== undefined`.
fn has_key(env: &Env, list: &[sys::napi_value], secret: sys::napi_value) -> napi::Result<bool> {
    let key = js::get(env, secret, "secretKey")?;
    for item in list {
        let other = js::get(env, *item, "secretKey")?;
        let mut equal = false;
        // SAFETY: plain napi call on values of `env`.
        napi::check_status!(unsafe { sys::napi_strict_equals(env.raw(), key, other, &mut equal) })?;
        if equal {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `list.push(value)`.
fn push(env: &Env, array: sys::napi_value, list: &mut Vec<sys::napi_value>, value: sys::napi_value) -> napi::Result<()> {
    // SAFETY: plain napi call on values of `env`.
    napi::check_status!(unsafe { sys::napi_set_element(env.raw(), array, list.len() as u32, value) })?;
    list.push(value);
    Ok(())
}

/// `imp.secrets || []` of every import, with the import.
fn imported(env: &Env, res: sys::napi_value) -> napi::Result<Vec<(sys::napi_value, Vec<sys::napi_value>)>> {
    let imports = js::get(env, res, "imports")?;
    let mut found = Vec::new();
    for imp in elements(env, imports)?.unwrap_or_default() {
        let secrets = js::get(env, imp, "secrets")?;
        found.push((imp, elements(env, secrets)?.unwrap_or_default()));
    }
    Ok(found)
}

/// attachToProcessEnv, as the official SDK does it: imported secrets whose
/// key is not yet present are appended to `res.secrets` itself, then every
/// secret is written to `process.env` (overwriting).
fn attach_to_process_env(env: &Env, res: sys::napi_value) -> napi::Result<sys::napi_value> {
    let included = js::get(env, res, "secrets")?;
    let Some(mut list) = elements(env, included)? else {
        return Ok(res);
    };
    for (_, secrets) in imported(env, res)? {
        for secret in secrets {
            if !has_key(env, &list, secret)? {
                push(env, included, &mut list, secret)?;
            }
        }
    }
    let process_env = realm::process_env(env)?;
    for secret in list {
        let key = js::get(env, secret, "secretKey")?;
        let value = js::get(env, secret, "secretValue")?;
        // SAFETY: plain napi call; process.env's setter coerces to strings.
        napi::check_status!(unsafe { sys::napi_set_property(env.raw(), process_env, key, value) })?;
    }
    Ok(res)
}

/// `listSecretsWithImports`: imported secrets whose key is not yet present are
/// appended (as copies with the import's `secretPath`, fresh timestamps and no
/// tags); resolves to `res.secrets`.
fn merge_imports(env: &Env, res: sys::napi_value) -> napi::Result<sys::napi_value> {
    let secrets = js::get(env, res, "secrets")?;
    let imports = js::get(env, res, "imports")?;
    let (Some(mut list), Some(_)) = (elements(env, secrets)?, elements(env, imports)?) else {
        return Ok(secrets);
    };
    for (imp, imported) in imported(env, res)? {
        for secret in imported {
            if has_key(env, &list, secret)? {
                continue;
            }
            let now = env.create_string(iso_now())?;
            let now = napi::bindgen_prelude::JsValue::raw(&now);
            let copy = js::spread(env, secret)?;
            js::set(env, copy, "secretPath", js::get(env, imp, "secretPath")?)?;
            js::set(env, copy, "createdAt", now)?;
            js::set(env, copy, "updatedAt", now)?;
            let mut tags = std::ptr::null_mut();
            // SAFETY: plain napi call.
            napi::check_status!(unsafe { sys::napi_create_array(env.raw(), &mut tags) })?;
            js::set(env, copy, "tags", tags)?;
            push(env, secrets, &mut list, copy)?;
        }
    }
    Ok(secrets)
}

fn attach_and_merge_imports(env: &Env, res: sys::napi_value) -> napi::Result<sys::napi_value> {
    let res = attach_to_process_env(env, res)?;
    merge_imports(env, res)
}

/// `new Date().toISOString()`.
fn iso_now() -> String {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let millis = since_epoch.as_millis() as i64;
    let (days, ms_of_day) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000
    )
}

impl FromArgs for ListSecrets {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let call = ListSecrets {
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            expand_secret_references: o.opt_bool("expandSecretReferences")?,
            include_imports: o.opt_bool("includeImports")?,
            recursive: o.opt_bool("recursive")?,
            secret_path: o.opt_str("secretPath")?,
            tag_slugs: o.opt_str_array("tagSlugs")?,
            view_secret_value: o.opt_bool("viewSecretValue")?,
        };
        // Checked here too: `listSecrets` acts on it after the response.
        o.opt_bool("attachToProcessEnv")?;
        Ok(call)
    }
}

impl FromArgs for GetSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        Ok(GetSecret {
            secret_name: o.req_str("secretName")?,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            expand_secret_references: o.opt_bool("expandSecretReferences")?,
            include_imports: o.opt_bool("includeImports")?,
            secret_path: o.opt_str("secretPath")?,
            secret_type: o.opt_secret_type("type")?,
            version: o.opt_number("version")?,
            view_secret_value: o.opt_bool("viewSecretValue")?,
        })
    }
}

/// The fields `createSecret` and `updateSecret` share.
fn secret_fields(o: &Opts) -> SdkResult<SecretFields> {
    Ok(SecretFields {
        secret_comment: o.opt_str("secretComment")?,
        secret_path: o.opt_str("secretPath")?,
        secret_reminder_note: o.opt_str("secretReminderNote")?,
        secret_reminder_repeat_days: o.opt_number("secretReminderRepeatDays")?,
        skip_multiline_encoding: o.opt_bool("skipMultilineEncoding")?,
        tag_ids: o.opt_str_array("tagIds")?,
        secret_type: o.opt_secret_type("type")?,
    })
}

impl FromArgs for CreateSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let secret_name = args.string(0, "secretName")?;
        let o = args.object(1, "options", true)?;
        let call = CreateSecret {
            secret_name,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            secret_value: o.req_str("secretValue")?,
            fields: secret_fields(&o)?,
        };
        // Accepted and type-checked, but not sent (as in the official SDK).
        o.opt_object("metadata")?;
        Ok(call)
    }
}

impl FromArgs for UpdateSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let secret_name = args.string(0, "secretName")?;
        let o = args.object(1, "options", true)?;
        Ok(UpdateSecret {
            secret_name,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            secret_value: o.opt_str("secretValue")?,
            new_secret_name: o.opt_str("newSecretName")?,
            fields: secret_fields(&o)?,
            metadata: o.opt_object("metadata")?,
        })
    }
}

impl FromArgs for DeleteSecret {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let secret_name = args.string(0, "secretName")?;
        let o = args.object(1, "options", true)?;
        Ok(DeleteSecret {
            secret_name,
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            secret_path: o.opt_str("secretPath")?,
            secret_type: o.opt_secret_type("type")?,
        })
    }
}

impl FromArgs for BatchCreateSecrets {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let secrets = o
            .req_object_array("secrets")?
            .iter()
            .map(|item| {
                Ok(BatchCreateItem {
                    secret_key: item.req_str("secretKey")?,
                    secret_value: item.req_str("secretValue")?,
                    secret_comment: item.opt_str("secretComment")?,
                    skip_multiline_encoding: item.opt_bool("skipMultilineEncoding")?,
                    tag_ids: item.opt_str_array("tagIds")?,
                    secret_metadata: item.opt_object_list("secretMetadata")?,
                })
            })
            .collect::<SdkResult<_>>()?;
        Ok(BatchCreateSecrets {
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            secret_path: o.opt_str("secretPath")?,
            secrets,
        })
    }
}

impl FromArgs for BatchUpdateSecrets {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let secrets = o
            .req_object_array("secrets")?
            .iter()
            .map(|item| {
                Ok(BatchUpdateItem {
                    secret_key: item.req_str("secretKey")?,
                    secret_value: item.opt_str("secretValue")?,
                    secret_path: item.opt_str("secretPath")?,
                    secret_comment: item.opt_str("secretComment")?,
                    skip_multiline_encoding: item.opt_bool("skipMultilineEncoding")?,
                    new_secret_name: item.opt_str("newSecretName")?,
                    tag_ids: item.opt_str_array("tagIds")?,
                    secret_reminder_note: item.opt_str("secretReminderNote")?,
                    secret_reminder_repeat_days: item.opt_number("secretReminderRepeatDays")?,
                    secret_metadata: item.opt_object_list("secretMetadata")?,
                })
            })
            .collect::<SdkResult<_>>()?;
        Ok(BatchUpdateSecrets {
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            secret_path: o.opt_str("secretPath")?,
            mode: o.opt_enum("mode", BatchUpdateMode::ALL)?.as_deref().and_then(BatchUpdateMode::parse),
            secrets,
        })
    }
}

impl FromArgs for BatchDeleteSecrets {
    fn from_args(args: &Args) -> SdkResult<Self> {
        let o = args.object(0, "options", true)?;
        let secrets = o
            .req_object_array("secrets")?
            .iter()
            .map(|item| {
                Ok(BatchDeleteItem {
                    secret_key: item.req_str("secretKey")?,
                    secret_type: item.opt_secret_type("type")?,
                })
            })
            .collect::<SdkResult<_>>()?;
        Ok(BatchDeleteSecrets {
            project_id: o.req_str("projectId")?,
            environment: o.req_str("environment")?,
            secret_path: o.opt_str("secretPath")?,
            secrets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Call;

    #[test]
    fn dates_print_like_to_iso_string() {
        let now = iso_now();
        assert_eq!(now.len(), 24, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
    }

    #[test]
    fn with_imports_adds_the_option() {
        assert_eq!(with_include_imports(r#"[{"projectId":"p"}]"#), r#"[{"projectId":"p","includeImports":true}]"#);
        assert_eq!(with_include_imports("[null]"), r#"[{"includeImports":true}]"#);
        assert!(first_flag(r#"[{"attachToProcessEnv":true}]"#, "attachToProcessEnv"));
        assert!(!first_flag(r#"[null]"#, "attachToProcessEnv"));
    }

    #[test]
    fn bad_input_names_the_option() {
        let e = ListSecrets::from_json("[null]").unwrap_err().to_string();
        assert_eq!(e, "secrets().listSecrets(options): \"options\" must be an object, received null or undefined");
        let e = ListSecrets::from_json(r#"[{"environment":"dev"}]"#).unwrap_err().to_string();
        assert_eq!(e, "Missing required option \"projectId\" in secrets().listSecrets(options)");
        let e = GetSecret::from_json(r#"[{"projectId":"p","environment":5,"secretName":"a"}]"#)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "Option \"environment\" of secrets().getSecret(options) must be a string, received number");
        let e = CreateSecret::from_json(r#"[7,{}]"#).unwrap_err().to_string();
        assert!(e.contains("secretName"), "{e}");
        let e = UpdateSecret::from_json(r#"["K",{"projectId":"p","environment":"d","type":"x"}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"type\""), "{e}");
        let e = ListSecrets::from_json(r#"[{"projectId":"p","environment":"d","attachToProcessEnv":1}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("attachToProcessEnv"), "{e}");
    }

    #[test]
    fn arguments_become_the_request_the_official_sdk_sends() {
        let call = CreateSecret::from_json(
            r#"["K",{"projectId":"p","environment":"dev","secretValue":"v","metadata":{"a":1},"tagIds":["t"],"type":"personal"}]"#,
        )
        .unwrap();
        assert_eq!(
            call.request().unwrap().body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","secretValue":"v","tagIds":["t"],"type":"personal"}"#
        );
        let call = GetSecret::from_json(r#"[{"projectId":"p","environment":"d","secretName":"a","version":2.0,"secretPath":null}]"#)
            .unwrap();
        assert_eq!(call.secret_path, None);
        let query = call.request().unwrap().query.unwrap();
        assert!(query.contains(&("version", "2".to_string())));
    }

    #[test]
    fn batch_options_are_checked_item_by_item() {
        let e = BatchCreateSecrets::from_json(r#"[{"projectId":"p","environment":"d","secrets":[]}]"#)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "Option \"secrets\" of secrets().batchCreate(options) must be a non-empty array");
        let e = BatchCreateSecrets::from_json(r#"[{"projectId":"p","environment":"d","secrets":[{"secretKey":"A"}]}]"#)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "Missing required option \"secrets[0].secretValue\" in secrets().batchCreate(options)");
        let e = BatchUpdateSecrets::from_json(r#"[{"projectId":"p","environment":"d","mode":"x","secrets":[{"secretKey":"A"}]}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"mode\"") && e.contains("\"upsert\""), "{e}");
        let e = BatchDeleteSecrets::from_json(r#"[{"projectId":"p","environment":"d","secrets":[{"secretKey":"A","type":"x"}]}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"secrets[0].type\""), "{e}");
        let call = BatchUpdateSecrets::from_json(
            r#"[{"projectId":"p","environment":"d","mode":"ignore","secrets":[{"secretKey":"A","secretValue":"v","extra":1}]}]"#,
        )
        .unwrap();
        assert_eq!(
            call.request().unwrap().body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"d","mode":"ignore","secrets":[{"secretKey":"A","secretValue":"v"}]}"#
        );
    }
}
