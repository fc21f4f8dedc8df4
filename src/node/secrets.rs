//! Binding for `secrets()`: each method resolves to the response body text.

use super::args::{Args, FromArgs, Opts};
use super::sdk::{js_calls, NativeClient};
use crate::client::secrets::{CreateSecret, DeleteSecret, GetSecret, ListSecrets, SecretFields, UpdateSecret};
use crate::client::SdkResult;

js_calls! {
    list_secrets(options) => ListSecrets;
    get_secret(options) => GetSecret, "secret";
    create_secret(secret_name, options) => CreateSecret;
    update_secret(secret_name, options) => UpdateSecret;
    delete_secret(secret_name, options) => DeleteSecret;
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
        // Checked here so a wrong type is reported even though the JS layer acts on it.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Call;

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
}
