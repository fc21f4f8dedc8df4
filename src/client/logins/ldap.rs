//! `auth().ldapAuth.login(options)`: a username and password Infisical binds
//! to its LDAP server with.

use futures_util::future::{BoxFuture, FutureExt};
use serde_json::{json, Map, Value};

use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::{identity_id, login_body, CredentialSource, LoginContext, LoginRequest};

pub const LABEL: &str = "auth().ldapAuth.login(options)";
const ROUTE: &str = "/api/v1/auth/ldap-auth/login";
/// The Go SDK's variable.
pub const IDENTITY_ID_ENV: &str = "INFISICAL_LDAP_AUTH_IDENTITY_ID";

pub fn reads_env(name: &str) -> bool {
    name == IDENTITY_ID_ENV
}

pub struct LdapAuthOptions {
    pub identity_id: Option<String>,
    pub username: String,
    pub password: SecretString,
    pub organization_slug: Option<String>,
}

pub struct LdapAuth {
    identity_id: String,
    username: String,
    password: SecretString,
    organization_slug: Option<String>,
}

impl LdapAuth {
    pub fn new(options: LdapAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, Some(IDENTITY_ID_ENV), "LDAP")?;
        // The server refuses empty ones with a 422; say which option instead.
        if options.username.is_empty() {
            return Err(SdkError::sdk(format!("Option \"username\" of {LABEL} must be a non-empty string")));
        }
        if options.password.is_empty() {
            return Err(SdkError::sdk(format!("Option \"password\" of {LABEL} must be a non-empty string")));
        }
        Ok(LdapAuth {
            identity_id,
            username: options.username,
            password: options.password,
            organization_slug: options.organization_slug,
        })
    }
}

impl CredentialSource for LdapAuth {
    fn label(&self) -> &'static str {
        LABEL
    }

    fn login_request<'a>(&'a self, _context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let fields = json!({
                "identityId": self.identity_id,
                "username": self.username,
                "password": self.password.expose(),
            });
            let fields: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
            Ok(LoginRequest { route: ROUTE, body: login_body(fields, self.organization_slug.as_deref()) })
        }
        .boxed()
    }
}
