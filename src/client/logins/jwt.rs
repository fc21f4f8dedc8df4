//! `auth().jwtAuth.login(options)` and `auth().oidcAuth.login(options)`: a
//! JWT the caller supplies, as a string or as a function that makes one. A
//! re-login asks the function again, so an expired JWT is not resent (the Go
//! SDK resends the one it was given).

use std::sync::Arc;

use futures_util::future::{BoxFuture, FutureExt};
use serde_json::{json, Map, Value};

use super::super::error::{SdkError, SdkResult};
use super::super::process_env::ProcessEnv;
use super::super::secret_string::SecretString;
use super::{identity_id, login_body, CredentialSource, LoginContext, LoginRequest};

/// The Go SDK's variable for OIDC (it has none for JWT auth).
pub const OIDC_IDENTITY_ID_ENV: &str = "INFISICAL_OIDC_AUTH_IDENTITY_ID";

pub fn reads_env(name: &str) -> bool {
    name == OIDC_IDENTITY_ID_ENV
}

/// Which of the two logins: they differ in route and configuration on the
/// server, not in what the client sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JwtFlavour {
    Jwt,
    Oidc,
}

impl JwtFlavour {
    pub fn label(self) -> &'static str {
        match self {
            JwtFlavour::Jwt => "auth().jwtAuth.login(options)",
            JwtFlavour::Oidc => "auth().oidcAuth.login(options)",
        }
    }

    fn route(self) -> &'static str {
        match self {
            JwtFlavour::Jwt => "/api/v1/auth/jwt-auth/login",
            JwtFlavour::Oidc => "/api/v1/auth/oidc-auth/login",
        }
    }

    fn name(self) -> &'static str {
        match self {
            JwtFlavour::Jwt => "JWT",
            JwtFlavour::Oidc => "OIDC",
        }
    }

    fn identity_env(self) -> Option<&'static str> {
        match self {
            JwtFlavour::Jwt => None,
            JwtFlavour::Oidc => Some(OIDC_IDENTITY_ID_ENV),
        }
    }
}

/// How long a login waits for the `jwt` function: a promise that never
/// settles must not hold a re-login (and every call waiting on it) forever.
pub const JWT_FUNCTION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Makes a JWT at every login (the binding implements it with a JavaScript
/// function called on the JavaScript thread).
pub trait JwtProvider: Send + Sync {
    fn jwt(&self) -> BoxFuture<'_, SdkResult<SecretString>>;
}

/// A JWT given as a string.
pub struct FixedJwt(pub SecretString);

impl JwtProvider for FixedJwt {
    fn jwt(&self) -> BoxFuture<'_, SdkResult<SecretString>> {
        let jwt = self.0.clone();
        async move { Ok(jwt) }.boxed()
    }
}

pub struct JwtAuthOptions {
    pub identity_id: Option<String>,
    pub jwt: Arc<dyn JwtProvider>,
    pub organization_slug: Option<String>,
}

pub struct JwtAuth {
    flavour: JwtFlavour,
    identity_id: String,
    jwt: Arc<dyn JwtProvider>,
    organization_slug: Option<String>,
}

impl JwtAuth {
    pub fn new(flavour: JwtFlavour, options: JwtAuthOptions, env: &ProcessEnv) -> SdkResult<Self> {
        let identity_id = identity_id(options.identity_id, env, flavour.identity_env(), flavour.name())?;
        Ok(JwtAuth { flavour, identity_id, jwt: options.jwt, organization_slug: options.organization_slug })
    }
}

impl CredentialSource for JwtAuth {
    fn label(&self) -> &'static str {
        self.flavour.label()
    }

    fn login_request<'a>(&'a self, _context: &'a LoginContext<'a>) -> BoxFuture<'a, SdkResult<LoginRequest>> {
        async move {
            let jwt = tokio::time::timeout(JWT_FUNCTION_TIMEOUT, self.jwt.jwt()).await.map_err(|_| {
                SdkError::sdk(format!(
                    "Option \"jwt\" of {}: the function's promise did not settle within {} s",
                    self.flavour.label(),
                    JWT_FUNCTION_TIMEOUT.as_secs()
                ))
            })??;
            if jwt.expose().trim().is_empty() {
                return Err(SdkError::sdk(format!(
                    "Option \"jwt\" of {} gave an empty string",
                    self.flavour.label()
                )));
            }
            let fields = json!({ "identityId": self.identity_id, "jwt": jwt.expose().trim() });
            let fields: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
            Ok(LoginRequest { route: self.flavour.route(), body: login_body(fields, self.organization_slug.as_deref()) })
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::super::metadata::MetadataClient;
    use super::*;

    struct Counting(AtomicUsize);

    impl JwtProvider for Counting {
        fn jwt(&self) -> BoxFuture<'_, SdkResult<SecretString>> {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            async move { Ok(SecretString::new(format!("jwt-{n}"))) }.boxed()
        }
    }

    struct Never;

    impl JwtProvider for Never {
        fn jwt(&self) -> BoxFuture<'_, SdkResult<SecretString>> {
            futures_util::future::pending().boxed()
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_function_that_never_settles_ends_the_login() {
        let options = JwtAuthOptions { identity_id: Some("i".into()), jwt: Arc::new(Never), organization_slug: None };
        let auth = JwtAuth::new(JwtFlavour::Jwt, options, &ProcessEnv::default()).unwrap();
        let metadata = MetadataClient::new(Vec::new(), None);
        let e = auth.login_request(&LoginContext { metadata: &metadata }).await.err().unwrap().to_string();
        assert_eq!(e, "Option \"jwt\" of auth().jwtAuth.login(options): the function's promise did not settle within 60 s");
    }

    #[tokio::test]
    async fn every_login_asks_the_provider_again() {
        let options = JwtAuthOptions { identity_id: Some("i".into()), jwt: Arc::new(Counting(AtomicUsize::new(0))), organization_slug: None };
        let auth = JwtAuth::new(JwtFlavour::Oidc, options, &ProcessEnv::default()).unwrap();
        let metadata = MetadataClient::new(Vec::new(), None);
        let context = LoginContext { metadata: &metadata };
        let first = auth.login_request(&context).await.unwrap();
        let second = auth.login_request(&context).await.unwrap();
        assert_eq!(first.route, "/api/v1/auth/oidc-auth/login");
        assert_eq!(first.body.expose(), r#"{"identityId":"i","jwt":"jwt-0"}"#);
        assert_eq!(second.body.expose(), r#"{"identityId":"i","jwt":"jwt-1"}"#);
    }
}
