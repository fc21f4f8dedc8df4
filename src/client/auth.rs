//! `auth()`: universal-auth and AWS IAM logins, token renewal.

use serde_json::{json, Value};

use super::args::Args;
use super::aws_iam;
use super::error::{SdkError, SdkResult};
use super::transport::{ApiRequest, HttpMethod};
use super::InfisicalClient;

const UNIVERSAL_AUTH_LOGIN: &str = "/api/v1/auth/universal-auth/login";
const AWS_AUTH_LOGIN: &str = "/api/v1/auth/aws-auth/login";
const TOKEN_RENEW: &str = "/api/v1/auth/token/renew";
/// Where the official SDK looks for an identity id when none is given.
pub const MACHINE_IDENTITY_ID_ENV: &str = "INFISICAL_MACHINE_IDENTITY_ID";

impl InfisicalClient {
    /// `auth().universalAuth.login(options)`. The options object is sent as
    /// given (extra fields too), as the official SDK does. Returns the new token.
    pub async fn universal_auth_login(&self, args_json: &str) -> SdkResult<String> {
        let args = Args::parse("auth().universalAuth.login(options)", args_json)?;
        let opts = args.object(0, "options", true)?;
        opts.req_str("clientId")?;
        opts.req_str("clientSecret")?;
        let request = ApiRequest::with_body(HttpMethod::Post, UNIVERSAL_AUTH_LOGIN, &Value::Object(opts.raw()));
        self.login_with(request).await
    }

    /// `auth().awsIamAuth.login(options?)`: signs `sts:GetCallerIdentity` with
    /// the AWS default credential chain and sends it for Infisical to verify.
    pub async fn aws_iam_auth_login(&self, args_json: &str) -> SdkResult<String> {
        let args = Args::parse("auth().awsIamAuth.login(options)", args_json)?;
        let opts = args.object(0, "options", false)?;
        // `options.identityId || env`: an empty string falls back too.
        let identity_id = opts
            .opt_str("identityId")?
            .filter(|s| !s.is_empty())
            .or_else(|| std::env::var(MACHINE_IDENTITY_ID_ENV).ok().filter(|s| !s.is_empty()))
            .ok_or_else(|| SdkError::sdk("Identity ID is required for AWS IAM authentication"))?;

        let http = self.transport().http()?;
        let region = aws_iam::region(http).await?;
        let signed = aws_iam::sign_get_caller_identity(&region).await?;
        let body = json!({
            "iamHttpRequestMethod": signed.method,
            "iamRequestBody": signed.body_base64(),
            "iamRequestHeaders": signed.headers_base64(),
            "identityId": identity_id,
        });
        self.login_with(ApiRequest::with_body(HttpMethod::Post, AWS_AUTH_LOGIN, &body))
            .await
    }

    /// `auth().*.renew()`: renews `token` (the token the caller's `auth()`
    /// object was created with) and makes the new one current.
    pub async fn renew_access_token(&self, token: Option<&str>) -> SdkResult<String> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| SdkError::sdk("Unable to renew access token, no access token set."))?;
        let body = json!({ "accessToken": token });
        self.login_with(ApiRequest::with_body(HttpMethod::Post, TOKEN_RENEW, &body))
            .await
            // The official SDK wraps renewal errors twice, which turns an
            // InfisicalSDKRequestError into an InfisicalSDKError with the
            // same message; users matching on `name` see that, so we keep it.
            .map_err(|e| SdkError::sdk(e.to_string()))
    }

    /// Sends a login-style request and adopts the `accessToken` it returns.
    async fn login_with(&self, request: ApiRequest) -> SdkResult<String> {
        let response = self.send(&request).await?;
        let token = serde_json::from_str::<Value>(&response.body)
            .ok()
            .and_then(|v| v.get("accessToken").and_then(Value::as_str).map(str::to_owned))
            .ok_or_else(|| {
                SdkError::sdk(format!(
                    "The login response (status {}) carried no accessToken",
                    response.status
                ))
            })?;
        self.set_access_token(&token);
        Ok(token)
    }
}
