//! The opt-in secret cache: `getSecret` and `listSecrets` answers kept in
//! memory for `ttl` after they were fetched (reading an entry never extends
//! it), bounded by `max_entries`, and optionally served for a while longer
//! when the server cannot be reached (`stale_if_error`).
//!
//! Entries are the raw response text; the JS layer parses a fresh object for
//! each caller, so mutating one result never changes the next.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::transport::ApiResponse;

#[derive(Clone, Debug)]
pub struct CacheConfig {
    /// How long an answer is served without asking the server.
    pub ttl: Duration,
    /// At most this many answers are kept; the oldest fetched goes first.
    pub max_entries: usize,
    /// How long past `ttl` an answer may stand in for a network failure or 5xx.
    pub stale_if_error: Duration,
}

/// What a cached answer depends on, so writes can drop exactly the entries
/// they may change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheScope {
    pub project: String,
    pub environment: String,
    /// Folder path, normalized ("/" by default, no trailing slash).
    pub path: String,
    /// A recursive list also covers every folder below `path`.
    pub recursive: bool,
    /// Reference expansion or imports can pull values from anywhere in the
    /// project, so any write to the project may change this answer.
    pub project_wide: bool,
}

/// The folder a write touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteTarget {
    pub project: String,
    pub environment: String,
    pub path: String,
    /// A rename: the server rewrites references to the secret anywhere in the project.
    pub project_wide: bool,
}

/// Normalizes a secret path the way the server does: leading slash, no trailing one.
pub fn normalize_path(path: Option<&str>) -> String {
    let trimmed = path.unwrap_or("/").trim().trim_end_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}

fn is_under(path: &str, folder: &str) -> bool {
    folder == "/" || path == folder || path.starts_with(&format!("{folder}/"))
}

impl CacheScope {
    fn affected_by(&self, write: &WriteTarget) -> bool {
        if self.project != write.project {
            return false;
        }
        if self.project_wide || write.project_wide {
            return true;
        }
        self.environment == write.environment
            && (self.path == write.path || (self.recursive && is_under(&write.path, &self.path)))
    }
}

struct Entry {
    response: Arc<ApiResponse>,
    fetched_at: Instant,
    scope: CacheScope,
}

pub struct SecretCache {
    config: CacheConfig,
    entries: Mutex<HashMap<String, Entry>>,
    /// Bumped by every invalidation, so an answer fetched before a write
    /// completed is not stored after it.
    generation: AtomicU64,
}

impl SecretCache {
    pub fn new(config: CacheConfig) -> Self {
        SecretCache {
            config,
            entries: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The answer for `key` if it was fetched less than `ttl` ago.
    pub fn fresh(&self, key: &str) -> Option<Arc<ApiResponse>> {
        let entries = self.entries();
        let entry = entries.get(key)?;
        (entry.fetched_at.elapsed() < self.config.ttl).then(|| entry.response.clone())
    }

    /// The answer for `key` if it is within `ttl + stale_if_error` of its fetch.
    pub fn stale(&self, key: &str) -> Option<Arc<ApiResponse>> {
        if self.config.stale_if_error.is_zero() {
            return None;
        }
        let entries = self.entries();
        let entry = entries.get(key)?;
        (entry.fetched_at.elapsed() < self.config.ttl.saturating_add(self.config.stale_if_error))
            .then(|| entry.response.clone())
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Stores an answer fetched when the generation was `started_at`, unless a
    /// write invalidated the cache since.
    pub fn store(&self, key: String, response: Arc<ApiResponse>, scope: CacheScope, started_at: u64) {
        if self.config.max_entries == 0 {
            return;
        }
        let mut entries = self.entries();
        if self.generation() != started_at {
            return;
        }
        let keep_for = self.config.ttl.saturating_add(self.config.stale_if_error);
        entries.retain(|_, e| e.fetched_at.elapsed() < keep_for);
        while entries.len() >= self.config.max_entries && !entries.contains_key(&key) {
            let oldest = entries
                .iter()
                .min_by_key(|(_, e)| e.fetched_at)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => entries.remove(&k),
                None => break,
            };
        }
        entries.insert(
            key,
            Entry {
                response,
                fetched_at: Instant::now(),
                scope,
            },
        );
    }

    /// Drops every entry a write to `target` may have changed.
    pub fn invalidate(&self, target: &WriteTarget) {
        let mut entries = self.entries();
        self.generation.fetch_add(1, Ordering::SeqCst);
        entries.retain(|_, e| !e.scope.affected_by(target));
    }

    pub fn clear(&self) {
        let mut entries = self.entries();
        self.generation.fetch_add(1, Ordering::SeqCst);
        entries.clear();
    }

    pub fn len(&self) -> usize {
        self.entries().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &str) -> Arc<ApiResponse> {
        Arc::new(ApiResponse::new(200, body.to_string()))
    }

    fn scope(path: &str, recursive: bool, project_wide: bool) -> CacheScope {
        CacheScope {
            project: "p".into(),
            environment: "dev".into(),
            path: path.into(),
            recursive,
            project_wide,
        }
    }

    fn write(env: &str, path: &str) -> WriteTarget {
        WriteTarget {
            project: "p".into(),
            environment: env.into(),
            path: path.into(),
            project_wide: false,
        }
    }

    fn cache(ttl_ms: u64, max: usize, stale_ms: u64) -> SecretCache {
        SecretCache::new(CacheConfig {
            ttl: Duration::from_millis(ttl_ms),
            max_entries: max,
            stale_if_error: Duration::from_millis(stale_ms),
        })
    }

    #[test]
    fn entries_expire_from_their_fetch_not_their_last_read() {
        let c = cache(60, 10, 0);
        c.store("k".into(), response("a"), scope("/", false, false), c.generation());
        for _ in 0..4 {
            assert!(c.fresh("k").is_some());
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(40));
        assert!(c.fresh("k").is_none());
        assert!(c.stale("k").is_none(), "no stale window configured");
    }

    #[test]
    fn stale_window_follows_the_ttl() {
        let c = cache(10, 10, 200);
        c.store("k".into(), response("a"), scope("/", false, false), c.generation());
        std::thread::sleep(Duration::from_millis(20));
        assert!(c.fresh("k").is_none());
        assert_eq!(c.stale("k").unwrap().body, "a");
    }

    #[test]
    fn the_cache_is_bounded_and_drops_the_oldest() {
        let c = cache(10_000, 2, 0);
        for k in ["a", "b", "c"] {
            c.store(k.into(), response(k), scope("/", false, false), c.generation());
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(c.len(), 2);
        assert!(c.fresh("a").is_none());
        assert!(c.fresh("c").is_some());
    }

    #[test]
    fn writes_drop_what_they_affect_and_nothing_else() {
        let c = cache(10_000, 100, 0);
        let g = c.generation();
        c.store("root".into(), response("1"), scope("/", false, false), g);
        c.store("app".into(), response("2"), scope("/app", false, false), g);
        c.store("rec".into(), response("3"), scope("/", true, false), g);
        c.store("wide".into(), response("4"), scope("/other", false, true), g);
        c.invalidate(&write("dev", "/app"));
        assert!(c.fresh("root").is_some(), "another folder stays");
        assert!(c.fresh("app").is_none());
        assert!(c.fresh("rec").is_none(), "a recursive list above the folder goes");
        assert!(c.fresh("wide").is_none(), "expanded or imported answers go");
        c.invalidate(&write("prod", "/"));
        assert!(c.fresh("root").is_some(), "another environment stays");
    }

    #[test]
    fn a_rename_drops_every_answer_of_the_project() {
        let c = cache(10_000, 100, 0);
        let g = c.generation();
        c.store("raw".into(), response("1"), scope("/other", false, false), g);
        c.invalidate(&WriteTarget { project_wide: true, ..write("prod", "/") });
        assert!(c.fresh("raw").is_none());
    }

    #[test]
    fn huge_durations_do_not_overflow() {
        let c = SecretCache::new(CacheConfig {
            ttl: Duration::MAX,
            max_entries: 10,
            stale_if_error: Duration::MAX,
        });
        c.store("k".into(), response("a"), scope("/", false, false), c.generation());
        assert!(c.fresh("k").is_some());
        assert!(c.stale("k").is_some());
    }

    #[test]
    fn answers_fetched_before_a_write_are_not_stored_after_it() {
        let c = cache(10_000, 100, 0);
        let started = c.generation();
        c.invalidate(&write("dev", "/"));
        c.store("k".into(), response("old"), scope("/", false, false), started);
        assert!(c.fresh("k").is_none());
    }

    #[test]
    fn paths_are_normalized() {
        assert_eq!(normalize_path(None), "/");
        assert_eq!(normalize_path(Some("a/b/")), "/a/b");
        assert_eq!(normalize_path(Some("/")), "/");
        assert!(is_under("/a/b", "/a"));
        assert!(!is_under("/ab", "/a"));
    }
}
