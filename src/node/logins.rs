//! The binding of the logins of `client::logins` (Kubernetes, JWT, OIDC,
//! LDAP, GCP): reads each one's options into the core's credential source,
//! with the `process.env` snapshot it may fall back to. The pattern for a new
//! login: a reader `fn(&Call, ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>>`
//! here, and one row in `auth.rs`'s table.

use std::sync::Arc;

use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, Unknown};
use napi::Env;

use super::args::{Args, Opts};
use super::call::args_json;
use super::js::Call;
use super::js_callback::JsJwtFunction;
use crate::client::logins::alicloud::{self, AliCloudAuth, AliCloudAuthOptions};
use crate::client::logins::azure::{self, AzureAuth, AzureAuthOptions};
use crate::client::logins::oci::{self, OciAuth, OciAuthOptions};
use crate::client::logins::gcp_iam::{self, GcpIamAuth, GcpIamAuthOptions};
use crate::client::logins::gcp_id_token::{self, GcpIdTokenAuth, GcpIdTokenAuthOptions};
use crate::client::logins::jwt::{FixedJwt, JwtAuth, JwtAuthOptions, JwtFlavour, JwtProvider};
use crate::client::logins::kubernetes::{self, KubernetesAuth, KubernetesAuthOptions};
use crate::client::logins::ldap::{self, LdapAuth, LdapAuthOptions};
use crate::client::logins::{self, CredentialSource};
use crate::client::process_env::ProcessEnv;
use crate::client::secret_string::SecretString;
use crate::client::{SdkError, SdkResult};

/// Reads a login's options (argument 0) into its credential source.
pub type ReadLogin = fn(&Call, ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>>;

/// The variables `wanted` accepts, from `process.env` as it is now, read on
/// the JavaScript thread (a worker's own copy included).
pub fn process_env(env: &Env, wanted: impl Fn(&str) -> bool) -> ProcessEnv {
    let read = || -> napi::Result<Vec<(String, String)>> {
        let process: Object = env.get_global()?.get_named_property("process")?;
        let vars: Object = process.get_named_property("env")?;
        let names = vars.get_property_names()?;
        let mut found = Vec::new();
        for i in 0..names.get_array_length()? {
            let name: String = names.get_element(i)?;
            if !wanted(&name) {
                continue;
            }
            let value: Unknown = vars.get_named_property(&name)?;
            if value.get_type()? == napi::ValueType::String {
                found.push((name, value.coerce_to_string()?.into_utf8()?.into_owned()?));
            }
        }
        Ok(found)
    };
    ProcessEnv::new(read().unwrap_or_default())
}

/// The environment a login of `logins` may read.
pub fn logins_env(env: &Env) -> ProcessEnv {
    process_env(env, logins::reads_env)
}

/// The options JSON (it may hold credentials: wiped on drop).
fn options_json(call: &Call) -> SdkResult<SecretString> {
    args_json(call.env, &call.args[..1]).map(SecretString::new)
}

/// A string option holding a credential.
fn secret_str(o: &Opts, key: &str) -> SdkResult<Option<SecretString>> {
    Ok(o.opt_str(key)?.map(SecretString::new))
}

pub fn kubernetes_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(kubernetes::LABEL, json.expose())?;
    let o = args.object(0, "options", false)?;
    let options = KubernetesAuthOptions {
        identity_id: o.opt_str("identityId")?,
        service_account_token_path: o.opt_str("serviceAccountTokenPath")?,
        service_account_token: secret_str(&o, "serviceAccountToken")?,
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(KubernetesAuth::new(options, &env)?))
}

pub fn ldap_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(ldap::LABEL, json.expose())?;
    let o = args.object(0, "options", true)?;
    let options = LdapAuthOptions {
        identity_id: o.opt_str("identityId")?,
        username: o.req_str("username")?,
        password: SecretString::new(o.req_str("password")?),
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(LdapAuth::new(options, &env)?))
}

pub fn jwt_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    jwt_login(JwtFlavour::Jwt, call, env)
}

pub fn oidc_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    jwt_login(JwtFlavour::Oidc, call, env)
}

/// `jwt` is a string, or a function returning a string or a promise of one
/// (JSON drops functions, so it is read from the object itself).
fn jwt_login(flavour: JwtFlavour, call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let label = flavour.label();
    let json = options_json(call)?;
    let args = Args::parse(label, json.expose())?;
    let o = args.object(0, "options", true)?;
    let function = jwt_function(call, label)?;
    let jwt: Arc<dyn JwtProvider> = match function {
        Some(function) => Arc::new(function),
        None => match o.opt_str("jwt")? {
            Some(jwt) if !jwt.trim().is_empty() => Arc::new(FixedJwt(SecretString::new(jwt))),
            Some(_) => return Err(o.invalid("jwt", "a non-empty string or a function returning one")),
            None => return Err(o.missing_error("jwt")),
        },
    };
    let options = JwtAuthOptions { identity_id: o.opt_str("identityId")?, jwt, organization_slug: o.opt_str("organizationSlug")? };
    Ok(Arc::new(JwtAuth::new(flavour, options, &env)?))
}

/// `options.jwt` when it is a function.
fn jwt_function(call: &Call, label: &'static str) -> SdkResult<Option<JsJwtFunction>> {
    let as_error = |e: napi::Error| SdkError::sdk(format!("{label}: {}", e.reason));
    let options = &call.args[0];
    if options.get_type().map_err(as_error)? != napi::ValueType::Object {
        return Ok(None);
    }
    let object = options.coerce_to_object().map_err(as_error)?;
    let jwt: Unknown = object.get_named_property("jwt").map_err(as_error)?;
    if jwt.get_type().map_err(as_error)? != napi::ValueType::Function {
        return Ok(None);
    }
    JsJwtFunction::new(call.env, jwt.raw(), label).map(Some).map_err(as_error)
}

pub fn azure_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(azure::LABEL, json.expose())?;
    let o = args.object(0, "options", false)?;
    let options = AzureAuthOptions {
        identity_id: o.opt_str("identityId")?,
        resource: o.opt_str("resource")?,
        client_id: o.opt_str("clientId")?,
        imds_endpoint: o.opt_str("imdsEndpoint")?,
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(AzureAuth::new(options, &env)?))
}

pub fn oci_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(oci::LABEL, json.expose())?;
    let o = args.object(0, "options", true)?;
    let options = OciAuthOptions {
        identity_id: o.opt_str("identityId")?,
        user_ocid: o.req_str("userOcid")?,
        tenancy_ocid: o.req_str("tenancyOcid")?,
        fingerprint: o.req_str("fingerprint")?,
        private_key: SecretString::new(o.req_str("privateKey")?),
        passphrase: secret_str(&o, "passphrase")?,
        region: o.req_str("region")?,
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(OciAuth::new(options, &env)?))
}

pub fn alicloud_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(alicloud::LABEL, json.expose())?;
    let o = args.object(0, "options", true)?;
    let options = AliCloudAuthOptions {
        identity_id: o.opt_str("identityId")?,
        access_key_id: o.req_str("accessKeyId")?,
        access_key_secret: SecretString::new(o.req_str("accessKeySecret")?),
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(AliCloudAuth::new(options, &env)?))
}

pub fn gcp_id_token_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(gcp_id_token::LABEL, json.expose())?;
    let o = args.object(0, "options", false)?;
    let options = GcpIdTokenAuthOptions {
        identity_id: o.opt_str("identityId")?,
        metadata_url: o.opt_str("metadataUrl")?,
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(GcpIdTokenAuth::new(options, &env)?))
}

pub fn gcp_iam_auth(call: &Call, env: ProcessEnv) -> SdkResult<Arc<dyn CredentialSource>> {
    let json = options_json(call)?;
    let args = Args::parse(gcp_iam::LABEL, json.expose())?;
    let o = args.object(0, "options", false)?;
    // The key file's content: its JSON text, or the parsed object (serialized back).
    let service_account_key = match o.opt_str("serviceAccountKey") {
        Ok(text) => text.map(SecretString::new),
        Err(_) => match o.opt_object("serviceAccountKey") {
            Ok(object) => object.map(|key| SecretString::new(key.to_string())),
            Err(_) => return Err(o.invalid("serviceAccountKey", "an object (the key file's JSON) or its text")),
        },
    };
    let options = GcpIamAuthOptions {
        identity_id: o.opt_str("identityId")?,
        service_account_key_file_path: o.opt_str("serviceAccountKeyFilePath")?,
        service_account_key,
        organization_slug: o.opt_str("organizationSlug")?,
    };
    Ok(Arc::new(GcpIamAuth::new(options, &env)?))
}
