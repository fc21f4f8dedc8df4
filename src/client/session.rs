//! Access-token state and the token lifecycle: when a token obtained through
//! an SDK login nears its expiry, renew it; when renewal cannot help (the max
//! TTL is near) or is refused, log in again with the same method. Decided
//! lazily before each request, so no timer keeps the process alive.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::secret_string::SecretString;

/// How the current token was obtained, kept so the SDK can log in again.
#[derive(Clone)]
pub enum LoginMethod {
    /// The options object the user passed to `universalAuth.login` (as JSON).
    UniversalAuth { body: SecretString },
    /// The identity id used for `awsIamAuth.login`, and the AWS side (its
    /// environment, configuration and credential cache) that re-logins reuse.
    AwsIam {
        identity_id: String,
        aws: std::sync::Arc<super::aws_iam::AwsIdentity>,
        organization_slug: Option<String>,
    },
    /// Any login whose credential is computed anew at every login (a token
    /// file read again, a callback called again): see `logins`.
    Computed(std::sync::Arc<dyn super::logins::CredentialSource>),
}

impl std::fmt::Debug for LoginMethod {
    /// The method only: its fields hold credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoginMethod::UniversalAuth { .. } => f.write_str("UniversalAuth"),
            LoginMethod::AwsIam { .. } => f.write_str("AwsIam"),
            LoginMethod::Computed(source) => write!(f, "Computed({})", source.label()),
        }
    }
}

/// Lifetime facts of a token that came from a login or renewal.
#[derive(Clone, Debug)]
pub struct Session {
    pub method: LoginMethod,
    /// When the current token was issued (login or last renewal).
    pub issued_at: Instant,
    /// `expiresIn`; `None` when the server sent 0 (a token without expiry).
    pub expires_in: Option<Duration>,
    /// Login time + `accessTokenMaxTTL`: no renewal reaches past it.
    pub max_deadline: Option<Instant>,
}

/// What a token needs before the next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upkeep {
    None,
    Renew,
    Relogin,
}

/// Renew this long before expiry: a fifth of the lifetime, at most a minute,
/// so short-lived tokens (seconds, in tests) are renewed in time too.
fn margin(lifetime: Duration) -> Duration {
    (lifetime / 5).min(Duration::from_secs(60)) + EXP_ROUNDING
}

/// A JWT's `exp` is whole seconds counted from a floored `iat` (jsonwebtoken, as the
/// server signs them), so a token may die up to a second before `expiresIn` says.
const EXP_ROUNDING: Duration = Duration::from_secs(1);

impl Session {
    pub fn upkeep(&self, now: Instant) -> Upkeep {
        if let Some(deadline) = self.max_deadline {
            let lifetime = deadline.saturating_duration_since(self.issued_at);
            let m = self.expires_in.map_or(margin(lifetime), margin);
            if now + m >= deadline {
                return Upkeep::Relogin;
            }
        }
        let Some(ttl) = self.expires_in else {
            return Upkeep::None;
        };
        if now + margin(ttl) < self.issued_at + ttl {
            return Upkeep::None;
        }
        // The server refuses a renewal whose new lifetime would pass the max TTL.
        match self.max_deadline {
            Some(deadline) if now + ttl > deadline => Upkeep::Relogin,
            _ => Upkeep::Renew,
        }
    }
}

/// The numbers of a token response (`expiresIn`, `accessTokenMaxTTL`, seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TokenTimes {
    pub expires_in: Option<Duration>,
    pub max_ttl: Option<Duration>,
}

const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

fn positive_seconds(value: Option<&Value>) -> Option<Duration> {
    value
        .and_then(Value::as_f64)
        .filter(|s| s.is_finite() && *s > 0.0)
        // Beyond a century is "never" for us, and keeps Instant arithmetic in range.
        .map(|s| Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX).min(CENTURY))
}

impl TokenTimes {
    pub fn from_response(body: &Value) -> Self {
        TokenTimes {
            expires_in: positive_seconds(body.get("expiresIn")),
            max_ttl: positive_seconds(body.get("accessTokenMaxTTL")),
        }
    }
}

/// The token in use and where it came from.
#[derive(Debug, Default)]
pub struct AuthState {
    pub token: Option<SecretString>,
    /// Bumped whenever the user changes the token (login, renew, accessToken):
    /// an `auth()` object shows the live token only while its generation is current.
    pub generation: u64,
    /// Present when the token came from an SDK login (lifecycle applies).
    pub session: Option<Session>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(ttl: u64, max: Option<u64>) -> (Session, Instant) {
        let t0 = Instant::now();
        (
            Session {
                method: LoginMethod::UniversalAuth { body: SecretString::new("{}") },
                issued_at: t0,
                expires_in: Some(Duration::from_secs(ttl)),
                max_deadline: max.map(|m| t0 + Duration::from_secs(m)),
            },
            t0,
        )
    }

    #[test]
    fn renews_shortly_before_expiry() {
        let (s, t0) = session(100, Some(10_000));
        assert_eq!(s.upkeep(t0), Upkeep::None);
        assert_eq!(s.upkeep(t0 + Duration::from_secs(78)), Upkeep::None);
        assert_eq!(s.upkeep(t0 + Duration::from_secs(80)), Upkeep::Renew);
        assert_eq!(s.upkeep(t0 + Duration::from_secs(200)), Upkeep::Renew);
    }

    #[test]
    fn short_ttls_leave_room_for_whole_second_jwt_expiry() {
        // expiresIn 2 issued at x.7 s: the JWT dies at x+2, 1.3 s later.
        let (s, t0) = session(2, Some(60));
        assert_eq!(s.upkeep(t0 + Duration::from_millis(500)), Upkeep::None);
        assert_eq!(s.upkeep(t0 + Duration::from_millis(700)), Upkeep::Renew);
    }

    #[test]
    fn huge_token_times_are_capped() {
        let t = TokenTimes::from_response(&serde_json::json!({"expiresIn": 1e20, "accessTokenMaxTTL": 1e19}));
        assert!(t.expires_in.is_some() && t.max_ttl.is_some());
        assert!(Instant::now().checked_add(t.max_ttl.unwrap()).is_some());
    }

    #[test]
    fn logs_in_again_when_renewal_would_pass_the_max_ttl() {
        let (s, t0) = session(100, Some(150));
        assert_eq!(s.upkeep(t0 + Duration::from_secs(10)), Upkeep::None);
        assert_eq!(s.upkeep(t0 + Duration::from_secs(85)), Upkeep::Relogin);
    }

    #[test]
    fn long_ttls_use_a_one_minute_margin() {
        let (s, t0) = session(7200, Some(2_592_000));
        assert_eq!(s.upkeep(t0 + Duration::from_secs(7100)), Upkeep::None);
        assert_eq!(s.upkeep(t0 + Duration::from_secs(7141)), Upkeep::Renew);
    }

    #[test]
    fn tokens_without_expiry_need_nothing_until_the_max_ttl() {
        let t0 = Instant::now();
        let s = Session {
            method: LoginMethod::UniversalAuth { body: SecretString::new("{}") },
            issued_at: t0,
            expires_in: None,
            max_deadline: None,
        };
        assert_eq!(s.upkeep(t0 + Duration::from_secs(1_000_000)), Upkeep::None);
    }

    #[test]
    fn token_times_read_the_response() {
        let t = TokenTimes::from_response(&serde_json::json!({"expiresIn": 7200, "accessTokenMaxTTL": 0}));
        assert_eq!(t.expires_in, Some(Duration::from_secs(7200)));
        assert_eq!(t.max_ttl, None);
    }
}
