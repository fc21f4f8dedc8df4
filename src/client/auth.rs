//! `auth()`: universal-auth and AWS IAM logins, token renewal, and the token
//! lifecycle that keeps an SDK-login token valid in long-running services.

use std::sync::Arc;
use std::time::Instant;

use serde_json::{json, Map, Value};

use super::aws_iam::AwsIdentity;
use super::logins::{self, CredentialSource, LoginContext};
use super::error::{SdkError, SdkResult};
use super::process_env::ProcessEnv;
use super::secret_string::SecretString;
use super::session::{LoginMethod, Session, TokenTimes, Upkeep};
use super::request::{ApiRequest, HttpMethod};
use super::InfisicalClient;

const UNIVERSAL_AUTH_LOGIN: &str = "/api/v1/auth/universal-auth/login";
const AWS_AUTH_LOGIN: &str = "/api/v1/auth/aws-auth/login";
const TOKEN_RENEW: &str = "/api/v1/auth/token/renew";
/// Where the official SDK looks for an identity id when none is given.
pub use super::logins::MACHINE_IDENTITY_ID_ENV;
const TOKEN_REVOKE: &str = "/api/v1/auth/token/revoke";

/// `auth().universalAuth.login(options)`: the body sent, which is the options
/// object as given (extra fields too), as the official SDK sends it.
#[derive(Clone)]
pub struct UniversalAuthLogin {
    body: SecretString,
}

impl UniversalAuthLogin {
    /// The usual login: a client id and secret.
    pub fn new(client_id: &str, client_secret: &SecretString) -> Self {
        let body = json!({ "clientId": client_id, "clientSecret": client_secret.expose() });
        UniversalAuthLogin { body: SecretString::new(body.to_string()) }
    }

    /// The options object exactly as the caller gave it (it holds the
    /// secret); an `organizationSlug` is also sent as `subOrganizationName`,
    /// the name older servers read.
    pub fn from_options(mut options: Map<String, Value>) -> Self {
        let slug = options.get("organizationSlug").and_then(Value::as_str).map(str::to_owned);
        logins::add_organization_slug(&mut options, slug.as_deref());
        UniversalAuthLogin { body: SecretString::new(Value::Object(options).to_string()) }
    }
}

impl std::fmt::Debug for UniversalAuthLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UniversalAuthLogin { .. }")
    }
}

/// `auth().awsIamAuth.login(options?)`.
#[derive(Clone, Debug, Default)]
pub struct AwsIamAuthLogin {
    /// `options.identityId`; when absent or empty, `INFISICAL_MACHINE_IDENTITY_ID` from `env`.
    pub identity_id: Option<String>,
    /// `process.env` as the call found it (the variables `aws_iam::reads_env` names).
    pub env: ProcessEnv,
    /// `options.organizationSlug`, sent under both names (see `logins::add_organization_slug`).
    pub organization_slug: Option<String>,
}

/// A token response: the token and its lifetime.
struct Issued {
    token: SecretString,
    times: TokenTimes,
    /// When the request was sent: the server starts the token's clocks after this.
    sent_at: Instant,
}

/// Who obtained a token: the user's own call, or the lifecycle acting on the
/// auth state of `generation`.
#[derive(Clone, Copy)]
enum Adopter {
    User,
    Automatic { generation: u64 },
}

impl Adopter {
    /// A user's token always becomes current (and starts a new generation);
    /// an automatic one only if the user changed nothing meanwhile.
    fn may_adopt(self, state: &mut super::session::AuthState) -> bool {
        match self {
            Adopter::User => {
                state.generation += 1;
                true
            }
            Adopter::Automatic { generation } => state.generation == generation,
        }
    }
}

/// Who sends the request: the user's own call carries the current token as
/// the official SDK does; an automatic re-login must not, because the server
/// rejects any request that carries an expired token before reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bearer {
    Current,
    Omit,
}

impl InfisicalClient {
    /// `auth().universalAuth.login(options)`. Returns the new token.
    pub async fn universal_auth_login(&self, login: UniversalAuthLogin) -> SdkResult<String> {
        self.user_login(LoginMethod::UniversalAuth { body: login.body }).await
    }

    /// `auth().awsIamAuth.login(options?)`: signs `sts:GetCallerIdentity` with
    /// the AWS default credential chain and sends it for Infisical to verify.
    pub async fn aws_iam_auth_login(&self, login: AwsIamAuthLogin) -> SdkResult<String> {
        let AwsIamAuthLogin { identity_id, env, organization_slug } = login;
        // `options.identityId || env`: an empty string falls back too.
        let identity_id = identity_id
            .filter(|s| !s.is_empty())
            .or_else(|| env.get(MACHINE_IDENTITY_ID_ENV).map(str::to_owned))
            .ok_or_else(|| SdkError::sdk("Identity ID is required for AWS IAM authentication"))?;
        let aws = self.aws_identity_for(env);
        self.user_login(LoginMethod::AwsIam { identity_id, aws, organization_slug }).await
    }

    /// Any login of `logins` (Kubernetes, JWT, OIDC, LDAP, GCP, ...): the
    /// credential is computed now and again at every re-login.
    pub async fn computed_login(&self, source: std::sync::Arc<dyn CredentialSource>) -> SdkResult<String> {
        self.user_login(LoginMethod::Computed(source)).await
    }

    /// `auth().revoke()`: revokes the current token on the server and forgets
    /// it and its session, so nothing logs in again afterwards.
    pub async fn revoke_access_token(&self) -> SdkResult<()> {
        let token = self
            .current_token()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| SdkError::sdk("Unable to revoke access token, no access token set."))?;
        let body = json!({ "accessToken": token.expose() });
        let request = ApiRequest::with_body(HttpMethod::Post, TOKEN_REVOKE, &body);
        // The route needs no Authorization header; an expired token in one would be refused first.
        self.transport().send(&request, None).await?;
        {
            let mut state = self.auth_state_mut();
            // Only if the user did not log in again meanwhile.
            if state.token.as_ref() == Some(&token) {
                state.generation += 1;
                state.token = None;
                state.session = None;
            }
        }
        self.clear_cache();
        Ok(())
    }

    /// The client's AWS identity, built anew only when the AWS environment changed.
    fn aws_identity_for(&self, env: ProcessEnv) -> Arc<AwsIdentity> {
        let mut current = self.aws_identity();
        match current.as_ref() {
            Some(aws) if *aws.env() == env => aws.clone(),
            _ => {
                let aws = Arc::new(AwsIdentity::new(env));
                *current = Some(aws.clone());
                aws
            }
        }
    }

    /// `auth().*.renew()`: renews `token` (the token of the caller's `auth()`
    /// object) and makes the returned one current: newer servers answer with
    /// a new token, whose `expiresIn` (possibly shorter than the configured
    /// TTL) times the next automatic renewal.
    pub async fn renew_access_token(&self, token: Option<&str>) -> SdkResult<SecretString> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| SdkError::sdk("Unable to renew access token, no access token set."))?;
        let issued = self
            .request_renewal(token)
            .await
            // The official SDK wraps renewal errors twice, which turns an
            // InfisicalSDKRequestError into an InfisicalSDKError with the
            // same message; users matching on `name` see that, so we keep it.
            .map_err(|e| SdkError::sdk(e.to_string()))?;
        self.adopt_renewal(&issued, Adopter::User);
        Ok(issued.token)
    }

    /// `auth().accessToken(token)`: a token set by hand; the lifecycle leaves it alone.
    pub fn set_access_token(&self, token: &str) {
        {
            let mut state = self.auth_state_mut();
            state.generation += 1;
            state.token = Some(SecretString::new(token));
            state.session = None;
        }
        // Another identity may see other secrets.
        self.clear_cache();
    }

    /// A login the user asked for: adopts the token and starts a session.
    async fn user_login(&self, method: LoginMethod) -> SdkResult<String> {
        let issued = self.login_request(&method, Bearer::Current).await?;
        self.adopt_login(method, &issued, Adopter::User);
        self.clear_cache();
        Ok(issued.token.expose().to_string())
    }

    /// Takes the token of a login as the current one, starting a new session.
    fn adopt_login(&self, method: LoginMethod, issued: &Issued, adopter: Adopter) {
        let now = issued.sent_at;
        let mut state = self.auth_state_mut();
        if !adopter.may_adopt(&mut state) {
            return;
        }
        state.token = Some(issued.token.clone());
        state.session = Some(Session {
            method,
            issued_at: now,
            expires_in: issued.times.expires_in,
            max_deadline: issued.times.max_ttl.and_then(|ttl| now.checked_add(ttl)),
        });
    }

    /// Takes a renewed token as the current one; the session keeps its method
    /// and max-TTL deadline (renewal does not extend the max TTL).
    fn adopt_renewal(&self, issued: &Issued, adopter: Adopter) {
        let mut state = self.auth_state_mut();
        if !adopter.may_adopt(&mut state) {
            return;
        }
        state.token = Some(issued.token.clone());
        if let Some(session) = state.session.as_mut() {
            session.issued_at = issued.sent_at;
            session.expires_in = issued.times.expires_in;
        }
    }

    /// Sends the login request of `method` and reads the token response.
    async fn login_request(&self, method: &LoginMethod, bearer: Bearer) -> SdkResult<Issued> {
        let request = match method {
            LoginMethod::UniversalAuth { body } => ApiRequest {
                body: Some(body.clone()),
                ..ApiRequest::bare(HttpMethod::Post, UNIVERSAL_AUTH_LOGIN)
            },
            LoginMethod::Computed(source) => {
                let context = LoginContext { metadata: self.metadata_client() };
                let login = source.login_request(&context).await?;
                ApiRequest {
                    body: Some(login.body),
                    ..ApiRequest::bare(HttpMethod::Post, login.route)
                }
            }
            LoginMethod::AwsIam { identity_id, aws, organization_slug } => {
                // Instance metadata goes through the credential-source client, not Infisical's.
                let http = self.metadata_client().http()?;
                let region = aws.region(http).await?;
                let signed = aws.sign_get_caller_identity(&region).await?;
                let mut body = Map::new();
                body.insert("iamHttpRequestMethod".into(), signed.method.into());
                body.insert("iamRequestBody".into(), signed.body_base64().into());
                body.insert("iamRequestHeaders".into(), signed.headers_base64().into());
                body.insert("identityId".into(), identity_id.clone().into());
                logins::add_organization_slug(&mut body, organization_slug.as_deref());
                ApiRequest::with_body(HttpMethod::Post, AWS_AUTH_LOGIN, &Value::Object(body))
            }
        };
        self.token_request(&request, bearer).await
    }

    async fn request_renewal(&self, token: &str) -> SdkResult<Issued> {
        let body = json!({ "accessToken": token });
        let request = ApiRequest::with_body(HttpMethod::Post, TOKEN_RENEW, &body);
        self.token_request(&request, Bearer::Current).await
    }

    /// Sends a login-style request (no lifecycle, no coalescing) and reads its token.
    async fn token_request(&self, request: &ApiRequest, bearer: Bearer) -> SdkResult<Issued> {
        let current = match bearer {
            Bearer::Current => self.current_token(),
            Bearer::Omit => None,
        };
        let sent_at = self.clock().now();
        let response = self.transport().send(request, current.as_ref()).await?;
        let body: Value = serde_json::from_str(&response.body).unwrap_or(Value::Null);
        let token = body
            .get("accessToken")
            .and_then(Value::as_str)
            .map(SecretString::new)
            .ok_or_else(|| {
                SdkError::sdk(format!(
                    "The login response (status {}) carried no accessToken",
                    response.status
                ))
            })?;
        Ok(Issued {
            token,
            times: TokenTimes::from_response(&body),
            sent_at,
        })
    }

    /// Whether tokens are kept alive automatically right now.
    pub(crate) fn lifecycle_active(&self) -> bool {
        self.auto_token_refresh && self.auth_state().session.is_some()
    }

    pub(crate) fn upkeep_due(&self) -> Upkeep {
        if !self.auto_token_refresh {
            return Upkeep::None;
        }
        self.auth_state()
            .session
            .as_ref()
            .map_or(Upkeep::None, |s| s.upkeep(self.clock().now()))
    }

    /// Renews or re-obtains the token if it nears its end. Failures are left
    /// for the request itself to report: the old token may still work.
    pub(crate) async fn keep_token_fresh(&self) {
        if self.upkeep_due() == Upkeep::None {
            return;
        }
        let _only_one = self.upkeep.lock().await;
        match self.upkeep_due() {
            Upkeep::None => {}
            Upkeep::Renew => {
                if self.renew_automatically().await.is_err() {
                    let _ = self.login_again().await;
                }
            }
            Upkeep::Relogin => {
                let _ = self.login_again().await;
            }
        }
    }

    /// After the server refused `used` as expired: log in again, unless
    /// another call already replaced that token.
    pub(crate) async fn login_again_after_rejection(&self, used: Option<&SecretString>) -> SdkResult<()> {
        let _only_one = self.upkeep.lock().await;
        if self.current_token().as_ref() != used {
            return Ok(());
        }
        self.login_again().await
    }

    async fn renew_automatically(&self) -> SdkResult<()> {
        let (token, generation) = {
            let state = self.auth_state();
            (state.token.clone(), state.generation)
        };
        let token = token.ok_or_else(|| SdkError::sdk("no access token to renew"))?;
        let issued = self.request_renewal(token.expose()).await?;
        self.adopt_renewal(&issued, Adopter::Automatic { generation });
        Ok(())
    }

    /// Logs in again with the method of the current session.
    async fn login_again(&self) -> SdkResult<()> {
        let (method, generation) = {
            let state = self.auth_state();
            let method = state
                .session
                .as_ref()
                .map(|s| s.method.clone())
                .ok_or_else(|| SdkError::sdk("no login to repeat"))?;
            (method, state.generation)
        };
        let issued = self.login_request(&method, Bearer::Omit).await?;
        self.adopt_login(method, &issued, Adopter::Automatic { generation });
        Ok(())
    }
}
