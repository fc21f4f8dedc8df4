//! Request coalescing: concurrent identical GETs on one client share one
//! HTTP request, and every caller gets the same answer (each then parses its
//! own copy in JS). Always on: it changes nothing a caller can observe except
//! the number of requests.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use futures_util::future::{BoxFuture, FutureExt, Shared};

use super::error::SdkResult;
use super::transport::ApiResponse;

type SharedResponse = Shared<BoxFuture<'static, SdkResult<Arc<ApiResponse>>>>;

#[derive(Default)]
pub struct Coalescer {
    in_flight: Mutex<HashMap<String, SharedResponse>>,
}

impl Coalescer {
    /// Runs `start()` for `key` unless an identical request is already in
    /// flight, in which case this call waits for that one instead.
    pub async fn run<F>(&self, key: String, start: impl FnOnce() -> F) -> SdkResult<Arc<ApiResponse>>
    where
        F: Future<Output = SdkResult<Arc<ApiResponse>>> + Send + 'static,
    {
        let shared = {
            let mut in_flight = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
            match in_flight.get(&key) {
                Some(existing) => existing.clone(),
                None => {
                    let shared = start().boxed().shared();
                    in_flight.insert(key.clone(), shared.clone());
                    shared
                }
            }
        };
        let result = shared.clone().await;
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        if in_flight.get(&key).is_some_and(|current| current.ptr_eq(&shared)) {
            in_flight.remove(&key);
        }
        result
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn identical_concurrent_calls_share_one_run() {
        let coalescer = Arc::new(Coalescer::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let coalescer = coalescer.clone();
            let runs = runs.clone();
            tasks.push(tokio::spawn(async move {
                coalescer
                    .run("k".into(), move || async move {
                        runs.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        Ok(Arc::new(ApiResponse::new(200, "x".into())))
                    })
                    .await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap().body, "x");
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(coalescer.in_flight(), 0);
        // A later call starts a new request.
        let again = coalescer
            .run("k".into(), || async { Ok(Arc::new(ApiResponse::new(200, "y".into()))) })
            .await
            .unwrap();
        assert_eq!(again.body, "y");
    }
}
