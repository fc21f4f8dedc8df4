//! The opt-in secret cache: `getSecret` and `listSecrets` answers kept in
//! memory for `ttl` after they were fetched (reading an entry never extends
//! it), bounded by `max_entries` and `max_bytes`, and optionally served for a while longer
//! when the server cannot be reached (`stale_if_error`).
//!
//! Entries are the raw response text; the binding parses a fresh object for
//! each caller, so mutating one result never changes the next.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::clock::Clock;
use super::request::{ApiResponse, CacheScope, WriteTarget};

#[derive(Clone, Debug)]
pub struct CacheConfig {
    /// How long an answer is served without asking the server.
    pub ttl: Duration,
    /// At most this many answers are kept; the oldest fetched goes first.
    pub max_entries: usize,
    /// At most this many bytes (response bodies and their keys) are kept; an
    /// answer larger than this is not cached at all.
    pub max_bytes: usize,
    /// How long past `ttl` an answer may stand in for a network failure or 5xx.
    pub stale_if_error: Duration,
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
    /// Which record of `Entries::order` is this entry's (older ones are stale).
    seq: u64,
    /// What the entry counts against `max_bytes`: its key and body.
    bytes: usize,
}

/// The entries, and the order they were fetched in: the front is the oldest,
/// so expiry and eviction take from the front and cost O(1) per store
/// (amortized), instead of a scan of every entry.
#[derive(Default)]
struct Entries {
    map: HashMap<Arc<str>, Entry>,
    /// (seq, key) per store; a record whose seq no longer matches its entry is
    /// stale (the key was stored again, invalidated or evicted) and skipped.
    order: VecDeque<(u64, Arc<str>)>,
    bytes: usize,
    next_seq: u64,
}

impl Entries {
    fn remove(&mut self, key: &str) {
        if let Some(old) = self.map.remove(key) {
            self.bytes -= old.bytes;
        }
    }

    /// Drops stale records at the front; returns the oldest live entry's key.
    fn oldest(&mut self) -> Option<Arc<str>> {
        while let Some((seq, key)) = self.order.front() {
            if self.map.get(&**key).is_some_and(|e| e.seq == *seq) {
                return Some(key.clone());
            }
            self.order.pop_front();
        }
        None
    }

    fn pop_oldest(&mut self) -> bool {
        match self.oldest() {
            Some(key) => {
                self.order.pop_front();
                self.remove(&key);
                true
            }
            None => false,
        }
    }

    /// Keeps stale records from outgrowing the live ones (amortized O(1)).
    fn compact_if_sparse(&mut self) {
        if self.order.len() > 2 * self.map.len() + 32 {
            let map = &self.map;
            self.order.retain(|(seq, key)| map.get(&**key).is_some_and(|e| e.seq == *seq));
        }
    }
}

pub struct SecretCache {
    config: CacheConfig,
    clock: Arc<Clock>,
    entries: Mutex<Entries>,
    /// Bumped by every write issued and every invalidation, so an answer
    /// whose request was sent before a write is not stored after it.
    generation: AtomicU64,
}

impl SecretCache {
    pub fn new(config: CacheConfig, clock: Arc<Clock>) -> Self {
        SecretCache {
            config,
            clock,
            entries: Mutex::new(Entries::default()),
            generation: AtomicU64::new(0),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn age(&self, entry: &Entry) -> Duration {
        self.clock.now().saturating_duration_since(entry.fetched_at)
    }

    /// The answer for `key` if it was fetched less than `ttl` ago.
    pub fn fresh(&self, key: &str) -> Option<Arc<ApiResponse>> {
        let entries = self.entries();
        let entry = entries.map.get(key)?;
        (self.age(entry) < self.config.ttl).then(|| entry.response.clone())
    }

    /// The answer for `key` if it is within `ttl + stale_if_error` of its fetch.
    pub fn stale(&self, key: &str) -> Option<Arc<ApiResponse>> {
        if self.config.stale_if_error.is_zero() {
            return None;
        }
        let entries = self.entries();
        let entry = entries.map.get(key)?;
        (self.age(entry) < self.config.ttl.saturating_add(self.config.stale_if_error))
            .then(|| entry.response.clone())
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Stores an answer whose request was issued when the generation was
    /// `started_at`, unless a write was issued or completed since.
    pub fn store(&self, key: &str, response: Arc<ApiResponse>, scope: CacheScope, started_at: u64) {
        let mut entries = self.entries();
        if self.generation() != started_at {
            return;
        }
        // A newer answer replaces the old one, even if it cannot be kept itself.
        entries.remove(key);
        let bytes = key.len() + response.body.len();
        if self.config.max_entries == 0 || bytes > self.config.max_bytes {
            return;
        }
        let now = self.clock.now();
        let keep_for = self.config.ttl.saturating_add(self.config.stale_if_error);
        // Expired entries leave from the front, oldest first.
        while let Some(oldest) = entries.oldest() {
            let expired = entries
                .map
                .get(&*oldest)
                .is_some_and(|e| now.saturating_duration_since(e.fetched_at) >= keep_for);
            if !expired || !entries.pop_oldest() {
                break;
            }
        }
        // Then the oldest make room, by count and by bytes.
        while (entries.map.len() >= self.config.max_entries || entries.bytes + bytes > self.config.max_bytes)
            && entries.pop_oldest()
        {}
        let seq = entries.next_seq;
        entries.next_seq += 1;
        let key: Arc<str> = Arc::from(key);
        entries.order.push_back((seq, key.clone()));
        entries.bytes += bytes;
        entries.map.insert(
            key,
            Entry {
                response,
                fetched_at: now,
                scope,
                seq,
                bytes,
            },
        );
        entries.compact_if_sparse();
    }

    /// Drops every entry a write to `target` may have changed.
    pub fn invalidate(&self, target: &WriteTarget) {
        let mut entries = self.entries();
        self.generation.fetch_add(1, Ordering::SeqCst);
        let Entries { map, bytes, .. } = &mut *entries;
        map.retain(|_, e| {
            let keep = !e.scope.affected_by(target);
            if !keep {
                *bytes -= e.bytes;
            }
            keep
        });
        entries.compact_if_sparse();
    }

    pub fn clear(&self) {
        let mut entries = self.entries();
        self.generation.fetch_add(1, Ordering::SeqCst);
        *entries = Entries::default();
    }

    pub fn len(&self) -> usize {
        self.entries().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held, as counted against `max_bytes`.
    pub fn bytes(&self) -> usize {
        self.entries().bytes
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

    fn cache_with(ttl_ms: u64, max: usize, max_bytes: usize, stale_ms: u64) -> (SecretCache, Arc<Clock>) {
        let clock = Arc::new(Clock::default());
        let cache = SecretCache::new(
            CacheConfig {
                ttl: Duration::from_millis(ttl_ms),
                max_entries: max,
                max_bytes,
                stale_if_error: Duration::from_millis(stale_ms),
            },
            clock.clone(),
        );
        (cache, clock)
    }

    fn cache(ttl_ms: u64, max: usize, stale_ms: u64) -> (SecretCache, Arc<Clock>) {
        cache_with(ttl_ms, max, usize::MAX, stale_ms)
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn entries_expire_from_their_fetch_not_their_last_read() {
        let (c, clock) = cache(60, 10, 0);
        c.store("k", response("a"), scope("/", false, false), c.generation());
        for _ in 0..5 {
            assert!(c.fresh("k").is_some());
            clock.advance(ms(10));
        }
        clock.advance(ms(10));
        assert!(c.fresh("k").is_none());
        assert!(c.stale("k").is_none(), "no stale window configured");
    }

    #[test]
    fn stale_window_follows_the_ttl() {
        let (c, clock) = cache(10, 10, 200);
        c.store("k", response("a"), scope("/", false, false), c.generation());
        clock.advance(ms(20));
        assert!(c.fresh("k").is_none());
        assert_eq!(c.stale("k").unwrap().body, "a");
        clock.advance(ms(200));
        assert!(c.stale("k").is_none());
    }

    #[test]
    fn the_cache_is_bounded_and_drops_the_oldest() {
        let (c, clock) = cache(10_000, 2, 0);
        for k in ["a", "b", "c"] {
            c.store(k, response(k), scope("/", false, false), c.generation());
            clock.advance(ms(2));
        }
        assert_eq!(c.len(), 2);
        assert!(c.fresh("a").is_none());
        assert!(c.fresh("b").is_some() && c.fresh("c").is_some());
        // Storing a key again makes it the newest.
        c.store("b", response("b2"), scope("/", false, false), c.generation());
        c.store("d", response("d"), scope("/", false, false), c.generation());
        assert!(c.fresh("c").is_none(), "c was the oldest");
        assert_eq!(c.fresh("b").unwrap().body, "b2");
    }

    #[test]
    fn the_cache_is_bounded_by_bytes() {
        // Each entry is its key (1 byte) plus its body (9 bytes).
        let (c, _clock) = cache_with(10_000, 100, 25, 0);
        for k in ["a", "b", "c"] {
            c.store(k, response("123456789"), scope("/", false, false), c.generation());
        }
        assert_eq!(c.len(), 2, "two of 10 bytes fit in 25");
        assert_eq!(c.bytes(), 20);
        assert!(c.fresh("a").is_none() && c.fresh("c").is_some());
        // An answer larger than the whole budget is not cached, and drops the older answer of its key.
        c.store("c", response(&"x".repeat(30)), scope("/", false, false), c.generation());
        assert!(c.fresh("c").is_none());
        assert_eq!(c.bytes(), 10);
        c.invalidate(&write("dev", "/"));
        assert_eq!(c.bytes(), 0);
    }

    #[test]
    fn expired_entries_leave_without_a_scan_and_records_stay_bounded() {
        let (c, clock) = cache(100, 1_000_000, 0);
        // One key stored again and again leaves stale order records behind;
        // they are compacted, so the queue does not grow without bound.
        for i in 0..10_000 {
            c.store("same", response(&i.to_string()), scope("/", false, false), c.generation());
        }
        let records = c.entries().order.len();
        assert!(records <= 2 * c.len() + 33, "{records} order records for {} entries", c.len());
        for i in 0..50 {
            c.store(&format!("k{i}"), response("v"), scope("/", false, false), c.generation());
        }
        clock.advance(ms(150));
        c.store("new", response("v"), scope("/", false, false), c.generation());
        assert_eq!(c.len(), 1, "every expired entry went when the next one was stored");
    }

    #[test]
    fn writes_drop_what_they_affect_and_nothing_else() {
        let (c, _clock) = cache(10_000, 100, 0);
        let g = c.generation();
        c.store("root", response("1"), scope("/", false, false), g);
        c.store("app", response("2"), scope("/app", false, false), g);
        c.store("rec", response("3"), scope("/", true, false), g);
        c.store("wide", response("4"), scope("/other", false, true), g);
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
        let (c, _clock) = cache(10_000, 100, 0);
        let g = c.generation();
        c.store("raw", response("1"), scope("/other", false, false), g);
        c.invalidate(&WriteTarget { project_wide: true, ..write("prod", "/") });
        assert!(c.fresh("raw").is_none());
    }

    #[test]
    fn huge_durations_do_not_overflow() {
        let c = SecretCache::new(
            CacheConfig {
                ttl: Duration::MAX,
                max_entries: 10,
                max_bytes: usize::MAX,
                stale_if_error: Duration::MAX,
            },
            Arc::new(Clock::default()),
        );
        c.store("k", response("a"), scope("/", false, false), c.generation());
        assert!(c.fresh("k").is_some());
        assert!(c.stale("k").is_some());
    }

    #[test]
    fn answers_fetched_before_a_write_are_not_stored_after_it() {
        let (c, _clock) = cache(10_000, 100, 0);
        let started = c.generation();
        c.invalidate(&write("dev", "/"));
        c.store("k", response("old"), scope("/", false, false), started);
        assert!(c.fresh("k").is_none());
    }

    #[test]
    fn folders_contain_their_subfolders() {
        assert!(is_under("/a/b", "/a"));
        assert!(!is_under("/ab", "/a"));
    }
}
