//! Request coalescing: identical GETs on one client share one HTTP request,
//! and every caller gets the same answer (each then parses its own copy).
//!
//! A request stays joinable from the moment it is issued until its answer is
//! handed to the first caller (the binding does that on the JavaScript
//! thread), so identical calls issued in one tick always share one request,
//! however fast the network answers. Issuing a write ends every window at
//! once: a read issued after a write never shares a request sent before it.
//! Always on: it changes nothing a caller can observe except the number of
//! requests.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::future::{BoxFuture, FutureExt, Shared};

use super::error::SdkResult;
use super::request::ApiResponse;

pub type SharedResponse = Shared<BoxFuture<'static, SdkResult<Arc<ApiResponse>>>>;

struct Flight {
    id: u64,
    response: SharedResponse,
}

#[derive(Default)]
pub struct Coalescer {
    in_flight: Mutex<HashMap<Arc<str>, Flight>>,
    next_id: AtomicU64,
}

/// Held by each caller of a shared request until its answer is delivered;
/// dropping the first one closes the request to new joiners.
pub struct JoinWindow {
    coalescer: Arc<Coalescer>,
    key: Arc<str>,
    id: u64,
}

impl Drop for JoinWindow {
    fn drop(&mut self) {
        let mut in_flight = self.coalescer.lock();
        if in_flight.get(&self.key).is_some_and(|f| f.id == self.id) {
            in_flight.remove(&self.key);
        }
    }
}

impl Coalescer {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Arc<str>, Flight>> {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Joins the identical request whose window is open, or makes the future
    /// `start` returns that request. Synchronous: the caller's place in the
    /// order of calls and writes is fixed here, not when a thread polls it.
    pub fn join_or_start(
        self: &Arc<Self>,
        key: &str,
        start: impl FnOnce() -> BoxFuture<'static, SdkResult<Arc<ApiResponse>>>,
    ) -> (SharedResponse, JoinWindow) {
        let mut in_flight = self.lock();
        let (key, id, response) = match in_flight.get_key_value(key) {
            Some((key, flight)) => (key.clone(), flight.id, flight.response.clone()),
            None => {
                let key: Arc<str> = Arc::from(key);
                let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                let response = start().shared();
                in_flight.insert(key.clone(), Flight { id, response: response.clone() });
                (key, id, response)
            }
        };
        drop(in_flight);
        (response, JoinWindow { coalescer: self.clone(), key, id })
    }

    /// A write was issued: no later read may join a request sent before it.
    pub fn close_all(&self) {
        self.lock().clear();
    }

    pub fn in_flight(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn counting(runs: &Arc<AtomicUsize>, body: &'static str) -> impl FnOnce() -> BoxFuture<'static, SdkResult<Arc<ApiResponse>>> {
        let runs = runs.clone();
        move || {
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(Arc::new(ApiResponse::new(200, body)))
            }
            .boxed()
        }
    }

    #[tokio::test]
    async fn calls_share_one_run_until_the_first_answer_is_delivered() {
        let coalescer = Arc::new(Coalescer::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let (first, first_window) = coalescer.join_or_start("k", counting(&runs, "x"));
        // The answer is there, but not yet delivered: identical calls still join it.
        assert_eq!(first.clone().await.unwrap().body, "x");
        let mut joiners = Vec::new();
        for _ in 0..20 {
            joiners.push(coalescer.join_or_start("k", counting(&runs, "y")));
        }
        for (response, _window) in &joiners {
            assert_eq!(response.clone().await.unwrap().body, "x");
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        drop(first_window);
        assert_eq!(coalescer.in_flight(), 0);
        // Later windows of the same request do not close a newer one.
        let (again, _window) = coalescer.join_or_start("k", counting(&runs, "y"));
        drop(joiners);
        assert_eq!(coalescer.in_flight(), 1);
        assert_eq!(again.await.unwrap().body, "y");
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_write_closes_every_window() {
        let coalescer = Arc::new(Coalescer::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let (before, _w1) = coalescer.join_or_start("k", counting(&runs, "old"));
        coalescer.close_all();
        let (after, _w2) = coalescer.join_or_start("k", counting(&runs, "new"));
        assert_eq!(before.await.unwrap().body, "old");
        assert_eq!(after.await.unwrap().body, "new");
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }
}
