//! `auth().gcpIdTokenAuth.login(options)`: (filled in below the scaffolding).

pub fn reads_env(_name: &str) -> bool {
    false
}
