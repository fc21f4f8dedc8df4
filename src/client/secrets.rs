//! `secrets()`: the v3 raw secret routes, with requests built field by field
//! in the order the official SDK builds them.

use super::args::{js_number_string, Args, Body, Opts};
use super::cache::{normalize_path, CacheScope, WriteTarget};
use super::error::SdkResult;
use super::path;
use super::transport::{ApiRequest, CacheRole, HttpMethod};

const SECRETS_RAW: &str = "/api/v3/secrets/raw";
const SECRET_TYPES: &[&str] = &["shared", "personal"];

/// The string form the official SDK gives booleans on the wire.
fn bool_str(b: bool) -> String {
    if b { "true" } else { "false" }.to_string()
}

/// The fields `createSecret` and `updateSecret` share, in the official order
/// after `secretValue` / `newSecretName`.
fn put_shared_secret_fields(body: &mut Body, o: &Opts) -> SdkResult<()> {
    body.put_opt("secretComment", o.opt_str("secretComment")?)
        .put_opt("secretPath", o.opt_str("secretPath")?)
        .put_opt("secretReminderNote", o.opt_str("secretReminderNote")?)
        .put_opt("secretReminderRepeatDays", o.opt_number("secretReminderRepeatDays")?)
        .put_opt("skipMultilineEncoding", o.opt_bool("skipMultilineEncoding")?)
        .put_opt("tagIds", o.opt_str_array("tagIds")?)
        .put_opt("type", o.opt_enum("type", SECRET_TYPES)?);
    Ok(())
}

pub fn list_secrets_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("secrets().listSecrets(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let project_id = o.req_str("projectId")?;
    let environment = o.req_str("environment")?;
    let expand = o.opt_bool("expandSecretReferences")?.unwrap_or(true);
    let imports = o.opt_bool("includeImports")?.unwrap_or(false);
    let recursive = o.opt_bool("recursive")?.unwrap_or(false);
    let secret_path = o.opt_str("secretPath")?;
    let scope = CacheScope {
        project: project_id.clone(),
        environment: environment.clone(),
        path: normalize_path(secret_path.as_deref()),
        recursive,
        project_wide: expand || imports,
    };
    let mut query = vec![
        ("workspaceId", project_id),
        ("environment", environment),
        ("expandSecretReferences", bool_str(expand)),
        ("include_imports", bool_str(imports)),
        ("recursive", bool_str(recursive)),
    ];
    if let Some(path) = secret_path {
        query.push(("secretPath", path));
    }
    if let Some(tags) = o.opt_str_array("tagSlugs")? {
        query.push(("tagSlugs", tags.join(",")));
    }
    query.push((
        "viewSecretValue",
        bool_str(o.opt_bool("viewSecretValue")?.unwrap_or(true)),
    ));
    // Checked here so a wrong type is reported even though the JS layer acts on it.
    o.opt_bool("attachToProcessEnv")?;
    Ok(ApiRequest::get(SECRETS_RAW, query).with_cache(CacheRole::Read(scope)))
}

pub fn get_secret_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("secrets().getSecret(options)", args_json)?;
    let o = args.object(0, "options", true)?;
    let secret_name = o.req_str("secretName")?;
    let segment = path::segment(args.call(), "secretName", &secret_name)?;
    let project_id = o.req_str("projectId")?;
    let environment = o.req_str("environment")?;
    let expand = o.opt_bool("expandSecretReferences")?.unwrap_or(true);
    let imports = o.opt_bool("includeImports")?.unwrap_or(false);
    let secret_path = o.opt_str("secretPath")?;
    let scope = CacheScope {
        project: project_id.clone(),
        environment: environment.clone(),
        path: normalize_path(secret_path.as_deref()),
        recursive: false,
        project_wide: expand || imports,
    };
    let mut query = vec![
        // The official SDK repeats the name in the query string.
        ("secretName", secret_name),
        ("workspaceId", project_id),
        ("environment", environment),
        ("expandSecretReferences", bool_str(expand)),
        ("includeImports", bool_str(imports)),
    ];
    if let Some(path) = secret_path {
        query.push(("secretPath", path));
    }
    if let Some(kind) = o.opt_enum("type", SECRET_TYPES)? {
        query.push(("type", kind));
    }
    if let Some(version) = o.opt_number("version")? {
        query.push(("version", js_number_string(&version)));
    }
    query.push((
        "viewSecretValue",
        bool_str(o.opt_bool("viewSecretValue")?.unwrap_or(true)),
    ));
    Ok(ApiRequest::get(format!("{SECRETS_RAW}/{segment}"), query).with_cache(CacheRole::Read(scope)))
}

/// The secret name (first argument) as an encoded path segment, and the options.
fn name_and_options<'a>(args: &'a Args) -> SdkResult<(String, Opts<'a>)> {
    let name = args.string(0, "secretName")?;
    let segment = path::segment(args.call(), "secretName", &name)?;
    Ok((segment, args.object(1, "options", true)?))
}

/// The cache role of a write to the folder the options name.
fn write_role(o: &Opts) -> SdkResult<CacheRole> {
    Ok(CacheRole::Write(WriteTarget {
        project: o.req_str("projectId")?,
        environment: o.req_str("environment")?,
        path: normalize_path(o.opt_str("secretPath")?.as_deref()),
        project_wide: o.opt_str("newSecretName")?.is_some_and(|n| !n.is_empty()),
    }))
}

pub fn create_secret_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("secrets().createSecret(secretName, options)", args_json)?;
    let (segment, o) = name_and_options(&args)?;
    let mut body = Body::default();
    body.put("workspaceId", o.req_str("projectId")?)
        .put("environment", o.req_str("environment")?)
        .put("secretValue", o.req_str("secretValue")?);
    put_shared_secret_fields(&mut body, &o)?;
    // The official SDK accepts `metadata` and `secretMetadata` here but does
    // not send them; we check their type and, like it, leave them out.
    o.opt_object("metadata")?;
    Ok(ApiRequest::with_body(
        HttpMethod::Post,
        format!("{SECRETS_RAW}/{segment}"),
        &body.into_value(),
    )
    .with_cache(write_role(&o)?))
}

pub fn update_secret_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("secrets().updateSecret(secretName, options)", args_json)?;
    let (segment, o) = name_and_options(&args)?;
    let mut body = Body::default();
    body.put("workspaceId", o.req_str("projectId")?)
        .put("environment", o.req_str("environment")?)
        .put_opt("secretValue", o.opt_str("secretValue")?)
        .put_opt("newSecretName", o.opt_str("newSecretName")?);
    put_shared_secret_fields(&mut body, &o)?;
    body.put_opt("metadata", o.opt_object("metadata")?);
    Ok(ApiRequest::with_body(
        HttpMethod::Patch,
        format!("{SECRETS_RAW}/{segment}"),
        &body.into_value(),
    )
    .with_cache(write_role(&o)?))
}

pub fn delete_secret_request(args_json: &str) -> SdkResult<ApiRequest> {
    let args = Args::parse("secrets().deleteSecret(secretName, options)", args_json)?;
    let (segment, o) = name_and_options(&args)?;
    let mut body = Body::default();
    body.put("workspaceId", o.req_str("projectId")?)
        .put("environment", o.req_str("environment")?)
        .put_opt("secretPath", o.opt_str("secretPath")?)
        .put_opt("type", o.opt_enum("type", SECRET_TYPES)?);
    // The official SDK sends a JSON body with DELETE; so do we.
    Ok(ApiRequest::with_body(
        HttpMethod::Delete,
        format!("{SECRETS_RAW}/{segment}"),
        &body.into_value(),
    )
    .with_cache(write_role(&o)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(req: &ApiRequest) -> Vec<(&str, &str)> {
        req.query.as_ref().unwrap().iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    #[test]
    fn list_defaults_match_the_official_sdk() {
        let req = list_secrets_request(r#"[{"projectId":"p","environment":"dev"}]"#).unwrap();
        assert_eq!(req.path, "/api/v3/secrets/raw");
        assert_eq!(
            query(&req),
            [
                ("workspaceId", "p"),
                ("environment", "dev"),
                ("expandSecretReferences", "true"),
                ("include_imports", "false"),
                ("recursive", "false"),
                ("viewSecretValue", "true")
            ]
        );
    }

    #[test]
    fn list_with_every_option() {
        let req = list_secrets_request(
            r#"[{"projectId":"p","environment":"dev","secretPath":"/a","recursive":true,"includeImports":true,
                "expandSecretReferences":false,"tagSlugs":["x","y"],"viewSecretValue":false}]"#,
        )
        .unwrap();
        assert_eq!(
            query(&req),
            [
                ("workspaceId", "p"),
                ("environment", "dev"),
                ("expandSecretReferences", "false"),
                ("include_imports", "true"),
                ("recursive", "true"),
                ("secretPath", "/a"),
                ("tagSlugs", "x,y"),
                ("viewSecretValue", "false")
            ]
        );
        let empty_tags = list_secrets_request(r#"[{"projectId":"p","environment":"d","tagSlugs":[]}]"#).unwrap();
        assert!(query(&empty_tags).contains(&("tagSlugs", "")));
    }

    #[test]
    fn get_repeats_the_name_and_encodes_the_path() {
        let req = get_secret_request(
            r#"[{"projectId":"p","environment":"dev","secretName":"A B/C","version":2,"type":"shared"}]"#,
        )
        .unwrap();
        assert_eq!(req.path, "/api/v3/secrets/raw/A%20B%2FC");
        assert_eq!(
            query(&req),
            [
                ("secretName", "A B/C"),
                ("workspaceId", "p"),
                ("environment", "dev"),
                ("expandSecretReferences", "true"),
                ("includeImports", "false"),
                ("type", "shared"),
                ("version", "2"),
                ("viewSecretValue", "true")
            ]
        );
    }

    #[test]
    fn create_drops_metadata_and_keeps_order() {
        let req = create_secret_request(
            r#"["K",{"projectId":"p","environment":"dev","secretValue":"v","metadata":{"a":1},"tagIds":["t"],"type":"personal"}]"#,
        )
        .unwrap();
        assert_eq!(req.method, HttpMethod::Post);
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","secretValue":"v","tagIds":["t"],"type":"personal"}"#
        );
    }

    #[test]
    fn update_sends_metadata_and_delete_sends_a_body() {
        let req = update_secret_request(
            r#"["K",{"projectId":"p","environment":"dev","newSecretName":"N","metadata":{"a":"b"}}]"#,
        )
        .unwrap();
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","newSecretName":"N","metadata":{"a":"b"}}"#
        );
        let req = delete_secret_request(r#"["K",{"projectId":"p","environment":"dev","secretPath":"/x"}]"#).unwrap();
        assert_eq!(req.method, HttpMethod::Delete);
        assert_eq!(req.body.unwrap().expose(), r#"{"workspaceId":"p","environment":"dev","secretPath":"/x"}"#);
    }

    #[test]
    fn bad_input_names_the_option() {
        let e = list_secrets_request("[null]").unwrap_err().to_string();
        assert!(e.contains("options"), "{e}");
        let e = list_secrets_request(r#"[{"environment":"dev"}]"#).unwrap_err().to_string();
        assert!(e.contains("projectId"), "{e}");
        let e = get_secret_request(r#"[{"projectId":"p","environment":5,"secretName":"a"}]"#).unwrap_err().to_string();
        assert!(e.contains("environment") && e.contains("number"), "{e}");
        let e = create_secret_request(r#"[7,{}]"#).unwrap_err().to_string();
        assert!(e.contains("secretName"), "{e}");
        let e = update_secret_request(r#"["K",{"projectId":"p","environment":"d","type":"x"}]"#).unwrap_err().to_string();
        assert!(e.contains("\"type\""), "{e}");
    }
}
