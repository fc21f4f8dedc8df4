//! Keeps one tokio timer due sooner than any request's timeout while a client
//! is in use, so that arming those timeouts does not wake the runtime.
//!
//! Every attempt arms two timers (the head timeout here, reqwest's read
//! timeout), each due `timeout` from now. tokio's timer wheel wakes its
//! driver (an `eventfd` write, then one more `epoll_wait`) whenever a timer is
//! armed that is due before the earliest one it knew of when it last went to
//! sleep; with no other timer that is every attempt, twice, even though the
//! thread arming them is the runtime's own, awake, thread. Measured under
//! strace on a sequential `getSecret` loop: two of the worker's seven system
//! calls per request. With an anchor due within half a timeout, the wheel's
//! earliest timer is always sooner than a new timeout, and arming one is
//! silent.
//!
//! The anchor is a task that sleeps in steps of half the timeout and stops
//! once the client has been idle for two steps, so an idle process is not
//! woken; it holds the client's state weakly, so it ends with the client too.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::time::Instant;

/// Below this timeout the anchor would wake too often to be worth it (such
/// short timeouts are for tests).
const SHORTEST_ANCHORED_TIMEOUT: Duration = Duration::from_secs(1);

pub struct TimerAnchor {
    state: Arc<AnchorState>,
}

struct AnchorState {
    /// Half the request timeout: the anchor's step.
    step: Duration,
    /// Whether an anchor task runs.
    running: AtomicBool,
    /// When the client last armed a timeout, in ms since `epoch`.
    last_use_ms: AtomicU64,
    epoch: Instant,
}

impl TimerAnchor {
    pub fn new(timeout: Duration) -> Self {
        TimerAnchor {
            state: Arc::new(AnchorState {
                step: timeout / 2,
                running: AtomicBool::new(false),
                last_use_ms: AtomicU64::new(0),
                epoch: Instant::now(),
            }),
        }
    }

    /// Called, inside a tokio runtime, before arming a request timeout.
    pub fn hold(&self) {
        let state = &self.state;
        if state.step * 2 < SHORTEST_ANCHORED_TIMEOUT {
            return;
        }
        state.last_use_ms.store(state.elapsed_ms(), Ordering::Relaxed);
        if state.running.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            state.running.store(false, Ordering::Release);
            return;
        };
        runtime.spawn(anchor(Arc::downgrade(state), state.step));
    }
}

impl AnchorState {
    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

async fn anchor(state: Weak<AnchorState>, step: Duration) {
    let idle_limit_ms = u64::try_from((step * 2).as_millis()).unwrap_or(u64::MAX);
    loop {
        tokio::time::sleep(step).await;
        let Some(state) = state.upgrade() else { return };
        let idle_ms = state.elapsed_ms().saturating_sub(state.last_use_ms.load(Ordering::Relaxed));
        if idle_ms > idle_limit_ms {
            state.running.store(false, Ordering::Release);
            // A use between the check and the store above finds `running`
            // still set and starts no anchor: its requests only lose the
            // saving until the next use starts one.
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_anchor_runs_while_used_and_stops_when_idle() {
        let anchor = TimerAnchor::new(Duration::from_secs(10));
        anchor.hold();
        assert!(anchor.state.running.load(Ordering::Acquire));
        // Used every 4 s for 20 s: the task keeps running.
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_secs(4)).await;
            anchor.hold();
            assert!(anchor.state.running.load(Ordering::Acquire));
        }
        // Idle for longer than two steps: it stops.
        tokio::time::sleep(Duration::from_secs(16)).await;
        assert!(!anchor.state.running.load(Ordering::Acquire));
        // And starts again on the next use.
        anchor.hold();
        assert!(anchor.state.running.load(Ordering::Acquire));
    }

    #[tokio::test(start_paused = true)]
    async fn short_timeouts_get_no_anchor() {
        let anchor = TimerAnchor::new(Duration::from_millis(200));
        anchor.hold();
        assert!(!anchor.state.running.load(Ordering::Acquire));
    }

    #[tokio::test(start_paused = true)]
    async fn the_anchor_ends_with_its_client() {
        let metrics = tokio::runtime::Handle::current().metrics();
        let anchor = TimerAnchor::new(Duration::from_secs(10));
        anchor.hold();
        assert_eq!(metrics.num_alive_tasks(), 1);
        drop(anchor);
        // The task wakes after one step, finds no client and ends.
        tokio::time::sleep(Duration::from_secs(6)).await;
        assert_eq!(metrics.num_alive_tasks(), 0);
    }
}
