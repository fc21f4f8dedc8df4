//! `secrets()`: the v3 raw secret routes, with requests built field by field
//! in the order the official SDK builds them.

use serde_json::{Number, Value};

use super::calls::{Call, Labelled};
use super::error::SdkResult;
use super::path;
use super::request::{normalize_path, ApiRequest, Body, CacheRole, CacheScope, HttpMethod, WriteTarget};

const SECRETS_RAW: &str = "/api/v3/secrets/raw";

/// A secret's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretType {
    Shared,
    Personal,
}

impl SecretType {
    /// Every value, as the wire spells it.
    pub const ALL: &'static [&'static str] = &["shared", "personal"];

    pub fn as_str(self) -> &'static str {
        match self {
            SecretType::Shared => "shared",
            SecretType::Personal => "personal",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "shared" => Some(SecretType::Shared),
            "personal" => Some(SecretType::Personal),
            _ => None,
        }
    }
}

/// The string form the official SDK gives booleans on the wire.
fn bool_str(b: bool) -> String {
    if b { "true" } else { "false" }.to_string()
}

/// Formats a JSON number the way JavaScript's `String(n)` does for the values
/// query strings carry (integers without a fraction).
pub fn js_number_string(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", f as i128),
        Some(f) => format!("{f}"),
        None => n.to_string(),
    }
}

/// `secrets().listSecrets(options)`.
#[derive(Clone, Debug, Default)]
pub struct ListSecrets {
    pub project_id: String,
    pub environment: String,
    pub secret_path: Option<String>,
    /// Default true.
    pub expand_secret_references: Option<bool>,
    /// Default false.
    pub include_imports: Option<bool>,
    /// Default false.
    pub recursive: Option<bool>,
    pub tag_slugs: Option<Vec<String>>,
    /// Default true.
    pub view_secret_value: Option<bool>,
}

impl Call for ListSecrets {
    fn request(&self) -> SdkResult<ApiRequest> {
        let expand = self.expand_secret_references.unwrap_or(true);
        let imports = self.include_imports.unwrap_or(false);
        let recursive = self.recursive.unwrap_or(false);
        let scope = CacheScope {
            project: self.project_id.clone(),
            environment: self.environment.clone(),
            path: normalize_path(self.secret_path.as_deref()),
            recursive,
            project_wide: expand || imports,
        };
        let mut query = vec![
            ("workspaceId", self.project_id.clone()),
            ("environment", self.environment.clone()),
            ("expandSecretReferences", bool_str(expand)),
            ("include_imports", bool_str(imports)),
            ("recursive", bool_str(recursive)),
        ];
        if let Some(path) = &self.secret_path {
            query.push(("secretPath", path.clone()));
        }
        if let Some(tags) = &self.tag_slugs {
            query.push(("tagSlugs", tags.join(",")));
        }
        query.push(("viewSecretValue", bool_str(self.view_secret_value.unwrap_or(true))));
        Ok(ApiRequest::get(SECRETS_RAW, query).with_cache(CacheRole::Read(scope)))
    }
}

/// `secrets().getSecret(options)`.
#[derive(Clone, Debug, Default)]
pub struct GetSecret {
    pub secret_name: String,
    pub project_id: String,
    pub environment: String,
    pub secret_path: Option<String>,
    /// Default true.
    pub expand_secret_references: Option<bool>,
    /// Default false.
    pub include_imports: Option<bool>,
    pub secret_type: Option<SecretType>,
    pub version: Option<Number>,
    /// Default true.
    pub view_secret_value: Option<bool>,
}

impl Call for GetSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "secretName", &self.secret_name)?;
        let expand = self.expand_secret_references.unwrap_or(true);
        let imports = self.include_imports.unwrap_or(false);
        let scope = CacheScope {
            project: self.project_id.clone(),
            environment: self.environment.clone(),
            path: normalize_path(self.secret_path.as_deref()),
            recursive: false,
            project_wide: expand || imports,
        };
        let mut query = vec![
            // The official SDK repeats the name in the query string.
            ("secretName", self.secret_name.clone()),
            ("workspaceId", self.project_id.clone()),
            ("environment", self.environment.clone()),
            ("expandSecretReferences", bool_str(expand)),
            ("includeImports", bool_str(imports)),
        ];
        // Room for the five optional parameters below, so pushing them never regrows.
        query.reserve(5);
        // The server reads `include_imports` (the official SDK sends only
        // `includeImports`, which the server drops, so it never searches the
        // imports); `includeImports` stays, harmless, so the request is
        // otherwise the official one.
        if imports {
            query.push(("include_imports", bool_str(true)));
        }
        if let Some(path) = &self.secret_path {
            query.push(("secretPath", path.clone()));
        }
        if let Some(kind) = self.secret_type {
            query.push(("type", kind.as_str().to_string()));
        }
        if let Some(version) = &self.version {
            query.push(("version", js_number_string(version)));
        }
        query.push(("viewSecretValue", bool_str(self.view_secret_value.unwrap_or(true))));
        Ok(ApiRequest::get(format!("{SECRETS_RAW}/{segment}"), query).with_cache(CacheRole::Read(scope)))
    }
}

/// The optional fields `createSecret` and `updateSecret` share, sent in this
/// order after `secretValue` / `newSecretName`.
#[derive(Clone, Debug, Default)]
pub struct SecretFields {
    pub secret_comment: Option<String>,
    pub secret_path: Option<String>,
    pub secret_reminder_note: Option<String>,
    pub secret_reminder_repeat_days: Option<Number>,
    pub skip_multiline_encoding: Option<bool>,
    pub tag_ids: Option<Vec<String>>,
    pub secret_type: Option<SecretType>,
}

impl SecretFields {
    fn put(&self, body: &mut Body) {
        body.put_opt("secretComment", self.secret_comment.clone())
            .put_opt("secretPath", self.secret_path.clone())
            .put_opt("secretReminderNote", self.secret_reminder_note.clone())
            .put_opt("secretReminderRepeatDays", self.secret_reminder_repeat_days.clone())
            .put_opt("skipMultilineEncoding", self.skip_multiline_encoding)
            .put_opt("tagIds", self.tag_ids.clone())
            .put_opt("type", self.secret_type.map(SecretType::as_str));
    }
}

/// The cache role of a write to one folder.
fn write_role(project_id: &str, environment: &str, secret_path: Option<&str>, renames: bool) -> CacheRole {
    CacheRole::Write(WriteTarget {
        project: project_id.to_string(),
        environment: environment.to_string(),
        path: normalize_path(secret_path),
        project_wide: renames,
    })
}

/// `secrets().createSecret(secretName, options)`. The official SDK accepts
/// `metadata` and `secretMetadata` here but does not send them; neither do we.
#[derive(Clone, Debug, Default)]
pub struct CreateSecret {
    pub secret_name: String,
    pub project_id: String,
    pub environment: String,
    pub secret_value: String,
    pub fields: SecretFields,
}

impl Call for CreateSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "secretName", &self.secret_name)?;
        let mut body = Body::default();
        body.put("workspaceId", self.project_id.clone())
            .put("environment", self.environment.clone())
            .put("secretValue", self.secret_value.clone());
        self.fields.put(&mut body);
        let role = write_role(&self.project_id, &self.environment, self.fields.secret_path.as_deref(), false);
        Ok(ApiRequest::with_body(HttpMethod::Post, format!("{SECRETS_RAW}/{segment}"), &body.into_value())
            .with_cache(role))
    }
}

/// `secrets().updateSecret(secretName, options)`.
#[derive(Clone, Debug, Default)]
pub struct UpdateSecret {
    pub secret_name: String,
    pub project_id: String,
    pub environment: String,
    pub secret_value: Option<String>,
    pub new_secret_name: Option<String>,
    pub fields: SecretFields,
    /// An object, sent as given.
    pub metadata: Option<Value>,
}

impl Call for UpdateSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "secretName", &self.secret_name)?;
        let mut body = Body::default();
        body.put("workspaceId", self.project_id.clone())
            .put("environment", self.environment.clone())
            .put_opt("secretValue", self.secret_value.clone())
            .put_opt("newSecretName", self.new_secret_name.clone());
        self.fields.put(&mut body);
        body.put_opt("metadata", self.metadata.clone());
        // A rename: the server rewrites references to it anywhere in the project.
        let renames = self.new_secret_name.as_deref().is_some_and(|n| !n.is_empty());
        let role = write_role(&self.project_id, &self.environment, self.fields.secret_path.as_deref(), renames);
        Ok(ApiRequest::with_body(HttpMethod::Patch, format!("{SECRETS_RAW}/{segment}"), &body.into_value())
            .with_cache(role))
    }
}

/// `secrets().deleteSecret(secretName, options)`.
#[derive(Clone, Debug, Default)]
pub struct DeleteSecret {
    pub secret_name: String,
    pub project_id: String,
    pub environment: String,
    pub secret_path: Option<String>,
    pub secret_type: Option<SecretType>,
}

impl Call for DeleteSecret {
    fn request(&self) -> SdkResult<ApiRequest> {
        let segment = path::segment(Self::LABEL, "secretName", &self.secret_name)?;
        let mut body = Body::default();
        body.put("workspaceId", self.project_id.clone())
            .put("environment", self.environment.clone())
            .put_opt("secretPath", self.secret_path.clone())
            .put_opt("type", self.secret_type.map(SecretType::as_str));
        let role = write_role(&self.project_id, &self.environment, self.secret_path.as_deref(), false);
        // The official SDK sends a JSON body with DELETE; so do we.
        Ok(ApiRequest::with_body(HttpMethod::Delete, format!("{SECRETS_RAW}/{segment}"), &body.into_value())
            .with_cache(role))
    }
}

// ------------------------------------------------------------------ batches
// Beyond the official SDK: the v3 batch routes, with `workspaceId` like every
// other v3 secrets call here.

const SECRETS_BATCH_RAW: &str = "/api/v3/secrets/batch/raw";

/// How `batchUpdate` treats a secret that does not exist (newer servers; an
/// older one ignores the field and fails on a missing secret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchUpdateMode {
    FailOnNotFound,
    Upsert,
    Ignore,
}

impl BatchUpdateMode {
    /// Every value, as the wire spells it.
    pub const ALL: &'static [&'static str] = &["failOnNotFound", "upsert", "ignore"];

    pub fn as_str(self) -> &'static str {
        match self {
            BatchUpdateMode::FailOnNotFound => "failOnNotFound",
            BatchUpdateMode::Upsert => "upsert",
            BatchUpdateMode::Ignore => "ignore",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "failOnNotFound" => Some(BatchUpdateMode::FailOnNotFound),
            "upsert" => Some(BatchUpdateMode::Upsert),
            "ignore" => Some(BatchUpdateMode::Ignore),
            _ => None,
        }
    }
}

/// One secret of `batchCreate`.
#[derive(Clone, Debug, Default)]
pub struct BatchCreateItem {
    pub secret_key: String,
    pub secret_value: String,
    pub secret_comment: Option<String>,
    pub skip_multiline_encoding: Option<bool>,
    pub tag_ids: Option<Vec<String>>,
    /// `[{ key, value }]`, sent as given.
    pub secret_metadata: Option<Value>,
}

impl BatchCreateItem {
    fn body(&self) -> Value {
        let mut body = Body::default();
        body.put("secretKey", self.secret_key.clone())
            .put("secretValue", self.secret_value.clone())
            .put_opt("secretComment", self.secret_comment.clone())
            .put_opt("skipMultilineEncoding", self.skip_multiline_encoding)
            .put_opt("tagIds", self.tag_ids.clone())
            .put_opt("secretMetadata", self.secret_metadata.clone());
        body.into_value()
    }
}

/// One secret of `batchUpdate`.
#[derive(Clone, Debug, Default)]
pub struct BatchUpdateItem {
    pub secret_key: String,
    pub secret_value: Option<String>,
    /// This secret's folder, instead of the batch's `secretPath`.
    pub secret_path: Option<String>,
    pub secret_comment: Option<String>,
    pub skip_multiline_encoding: Option<bool>,
    pub new_secret_name: Option<String>,
    pub tag_ids: Option<Vec<String>>,
    pub secret_reminder_note: Option<String>,
    pub secret_reminder_repeat_days: Option<Number>,
    pub secret_metadata: Option<Value>,
}

impl BatchUpdateItem {
    fn body(&self) -> Value {
        let mut body = Body::default();
        body.put("secretKey", self.secret_key.clone())
            .put_opt("secretValue", self.secret_value.clone())
            .put_opt("secretPath", self.secret_path.clone())
            .put_opt("secretComment", self.secret_comment.clone())
            .put_opt("skipMultilineEncoding", self.skip_multiline_encoding)
            .put_opt("newSecretName", self.new_secret_name.clone())
            .put_opt("tagIds", self.tag_ids.clone())
            .put_opt("secretReminderNote", self.secret_reminder_note.clone())
            .put_opt("secretReminderRepeatDays", self.secret_reminder_repeat_days.clone())
            .put_opt("secretMetadata", self.secret_metadata.clone());
        body.into_value()
    }
}

/// One secret of `batchDelete`.
#[derive(Clone, Debug, Default)]
pub struct BatchDeleteItem {
    pub secret_key: String,
    pub secret_type: Option<SecretType>,
}

/// The fields every batch body starts with.
fn batch_body(project_id: &str, environment: &str, secret_path: Option<&str>) -> Body {
    let mut body = Body::default();
    body.put("workspaceId", project_id.to_string())
        .put("environment", environment.to_string())
        .put_opt("secretPath", secret_path.map(str::to_string));
    body
}

/// `secrets().batchCreate(options)`: `POST /api/v3/secrets/batch/raw`.
#[derive(Clone, Debug, Default)]
pub struct BatchCreateSecrets {
    pub project_id: String,
    pub environment: String,
    pub secret_path: Option<String>,
    pub secrets: Vec<BatchCreateItem>,
}

impl Call for BatchCreateSecrets {
    fn request(&self) -> SdkResult<ApiRequest> {
        let mut body = batch_body(&self.project_id, &self.environment, self.secret_path.as_deref());
        body.put("secrets", self.secrets.iter().map(BatchCreateItem::body).collect::<Vec<_>>());
        let role = write_role(&self.project_id, &self.environment, self.secret_path.as_deref(), false);
        Ok(ApiRequest::with_body(HttpMethod::Post, SECRETS_BATCH_RAW, &body.into_value()).with_cache(role))
    }
}

/// `secrets().batchUpdate(options)`: `PATCH /api/v3/secrets/batch/raw`.
#[derive(Clone, Debug, Default)]
pub struct BatchUpdateSecrets {
    pub project_id: String,
    pub environment: String,
    pub secret_path: Option<String>,
    /// Absent: the server's default, `failOnNotFound`.
    pub mode: Option<BatchUpdateMode>,
    pub secrets: Vec<BatchUpdateItem>,
}

impl Call for BatchUpdateSecrets {
    fn request(&self) -> SdkResult<ApiRequest> {
        let mut body = batch_body(&self.project_id, &self.environment, self.secret_path.as_deref());
        body.put_opt("mode", self.mode.map(BatchUpdateMode::as_str))
            .put("secrets", self.secrets.iter().map(BatchUpdateItem::body).collect::<Vec<_>>());
        // A rename rewrites references anywhere in the project, and a secret
        // with its own `secretPath` is in another folder than the batch's:
        // either way, more than one folder's answers may change.
        let wide = self.secrets.iter().any(|s| {
            s.new_secret_name.as_deref().is_some_and(|n| !n.is_empty()) || s.secret_path.is_some()
        });
        let role = write_role(&self.project_id, &self.environment, self.secret_path.as_deref(), wide);
        Ok(ApiRequest::with_body(HttpMethod::Patch, SECRETS_BATCH_RAW, &body.into_value()).with_cache(role))
    }
}

/// `secrets().batchDelete(options)`: `DELETE /api/v3/secrets/batch/raw` (JSON body).
#[derive(Clone, Debug, Default)]
pub struct BatchDeleteSecrets {
    pub project_id: String,
    pub environment: String,
    pub secret_path: Option<String>,
    pub secrets: Vec<BatchDeleteItem>,
}

impl Call for BatchDeleteSecrets {
    fn request(&self) -> SdkResult<ApiRequest> {
        let mut body = batch_body(&self.project_id, &self.environment, self.secret_path.as_deref());
        let items = self.secrets.iter().map(|s| {
            let mut item = Body::default();
            item.put("secretKey", s.secret_key.clone()).put_opt("type", s.secret_type.map(SecretType::as_str));
            item.into_value()
        });
        body.put("secrets", items.collect::<Vec<_>>());
        let role = write_role(&self.project_id, &self.environment, self.secret_path.as_deref(), false);
        Ok(ApiRequest::with_body(HttpMethod::Delete, SECRETS_BATCH_RAW, &body.into_value()).with_cache(role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(req: &ApiRequest) -> Vec<(&str, &str)> {
        req.query.as_ref().unwrap().iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    fn list(project_id: &str, environment: &str) -> ListSecrets {
        ListSecrets {
            project_id: project_id.into(),
            environment: environment.into(),
            ..Default::default()
        }
    }

    #[test]
    fn list_defaults_match_the_official_sdk() {
        let req = list("p", "dev").request().unwrap();
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
        let req = ListSecrets {
            secret_path: Some("/a".into()),
            recursive: Some(true),
            include_imports: Some(true),
            expand_secret_references: Some(false),
            tag_slugs: Some(vec!["x".into(), "y".into()]),
            view_secret_value: Some(false),
            ..list("p", "dev")
        }
        .request()
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
        let empty_tags = ListSecrets { tag_slugs: Some(vec![]), ..list("p", "d") }.request().unwrap();
        assert!(query(&empty_tags).contains(&("tagSlugs", "")));
    }

    #[test]
    fn get_repeats_the_name_and_encodes_the_path() {
        let req = GetSecret {
            secret_name: "A B/C".into(),
            project_id: "p".into(),
            environment: "dev".into(),
            version: Some(2.into()),
            secret_type: Some(SecretType::Shared),
            ..Default::default()
        }
        .request()
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
    fn create_keeps_the_official_order() {
        let req = CreateSecret {
            secret_name: "K".into(),
            project_id: "p".into(),
            environment: "dev".into(),
            secret_value: "v".into(),
            fields: SecretFields {
                tag_ids: Some(vec!["t".into()]),
                secret_type: Some(SecretType::Personal),
                ..Default::default()
            },
        }
        .request()
        .unwrap();
        assert_eq!(req.method, HttpMethod::Post);
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","secretValue":"v","tagIds":["t"],"type":"personal"}"#
        );
    }

    #[test]
    fn update_sends_metadata_and_delete_sends_a_body() {
        let req = UpdateSecret {
            secret_name: "K".into(),
            project_id: "p".into(),
            environment: "dev".into(),
            new_secret_name: Some("N".into()),
            metadata: Some(serde_json::json!({"a": "b"})),
            ..Default::default()
        }
        .request()
        .unwrap();
        assert!(matches!(&req.cache, CacheRole::Write(t) if t.project_wide));
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","newSecretName":"N","metadata":{"a":"b"}}"#
        );
        let req = DeleteSecret {
            secret_name: "K".into(),
            project_id: "p".into(),
            environment: "dev".into(),
            secret_path: Some("/x".into()),
            secret_type: None,
        }
        .request()
        .unwrap();
        assert_eq!(req.method, HttpMethod::Delete);
        assert_eq!(req.body.unwrap().expose(), r#"{"workspaceId":"p","environment":"dev","secretPath":"/x"}"#);
    }

    #[test]
    fn dot_segments_are_refused_with_the_call_named() {
        let e = DeleteSecret { secret_name: "..".into(), ..Default::default() }.request().unwrap_err();
        assert!(e.to_string().starts_with("secrets().deleteSecret(secretName, options): "), "{e}");
    }

    #[test]
    fn get_with_imports_sends_the_key_the_server_reads() {
        let get = |imports| GetSecret {
            secret_name: "K".into(),
            project_id: "p".into(),
            environment: "dev".into(),
            include_imports: imports,
            ..Default::default()
        };
        let on = get(Some(true)).request().unwrap();
        let q = query(&on);
        assert!(q.contains(&("includeImports", "true")) && q.contains(&("include_imports", "true")), "{q:?}");
        for off in [None, Some(false)] {
            let req = get(off).request().unwrap();
            assert!(!query(&req).iter().any(|(k, _)| *k == "include_imports"));
        }
    }

    #[test]
    fn batch_bodies_use_workspace_id_and_the_item_order() {
        let req = BatchCreateSecrets {
            project_id: "p".into(),
            environment: "dev".into(),
            secret_path: Some("/a".into()),
            secrets: vec![BatchCreateItem {
                secret_key: "A".into(),
                secret_value: "1".into(),
                tag_ids: Some(vec!["t".into()]),
                ..Default::default()
            }],
        }
        .request()
        .unwrap();
        assert_eq!((req.method, req.path.as_str()), (HttpMethod::Post, "/api/v3/secrets/batch/raw"));
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","secretPath":"/a","secrets":[{"secretKey":"A","secretValue":"1","tagIds":["t"]}]}"#
        );
        assert!(matches!(&req.cache, CacheRole::Write(t) if t.path == "/a" && !t.project_wide));

        let update = |item: BatchUpdateItem| BatchUpdateSecrets {
            project_id: "p".into(),
            environment: "dev".into(),
            mode: Some(BatchUpdateMode::Upsert),
            secrets: vec![item],
            ..Default::default()
        };
        let req = update(BatchUpdateItem { secret_key: "A".into(), secret_value: Some("2".into()), ..Default::default() })
            .request()
            .unwrap();
        assert_eq!(req.method, HttpMethod::Patch);
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","mode":"upsert","secrets":[{"secretKey":"A","secretValue":"2"}]}"#
        );
        assert!(matches!(&req.cache, CacheRole::Write(t) if t.path == "/" && !t.project_wide));
        for wide in [
            BatchUpdateItem { secret_key: "A".into(), new_secret_name: Some("B".into()), ..Default::default() },
            BatchUpdateItem { secret_key: "A".into(), secret_path: Some("/x".into()), ..Default::default() },
        ] {
            let req = update(wide).request().unwrap();
            assert!(matches!(&req.cache, CacheRole::Write(t) if t.project_wide));
        }

        let req = BatchDeleteSecrets {
            project_id: "p".into(),
            environment: "dev".into(),
            secret_path: None,
            secrets: vec![
                BatchDeleteItem { secret_key: "A".into(), secret_type: None },
                BatchDeleteItem { secret_key: "B".into(), secret_type: Some(SecretType::Shared) },
            ],
        }
        .request()
        .unwrap();
        assert_eq!(req.method, HttpMethod::Delete);
        assert_eq!(
            req.body.unwrap().expose(),
            r#"{"workspaceId":"p","environment":"dev","secrets":[{"secretKey":"A"},{"secretKey":"B","type":"shared"}]}"#
        );
    }

    #[test]
    fn numbers_print_like_javascript() {
        let n = |s: &str| serde_json::from_str::<Number>(s).unwrap();
        assert_eq!(js_number_string(&n("3")), "3");
        assert_eq!(js_number_string(&n("3.0")), "3");
        assert_eq!(js_number_string(&n("2.5")), "2.5");
    }
}
