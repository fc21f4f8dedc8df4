//! Settling call promises from the HTTP threads: one threadsafe function per
//! environment (the main thread, each worker), made with its realm.
//!
//! napi-rs's `spawn_future` makes, for every promise, a threadsafe function, an
//! environment cleanup hook, an `Error` with a captured stack (kept for a
//! rejection it may never need) and a second task that watches the first for
//! a panic: about 9 % of the CPU per call of a sequential `getSecret` loop
//! under Node (bench/ANALYSIS.md). Here a call costs
//! one `napi_create_promise`, and the HTTP thread hands its answer back
//! through the one threadsafe function, which is referenced (keeps the event
//! loop alive) only while calls are in flight, as a pending `fetch` would.
//!
//! Teardown: a worker can exit with calls in flight. The threadsafe function
//! sits behind `Gate`, shared with every call's task; the environment's
//! cleanup hook (registered after the threadsafe function, so run before Node
//! frees it) empties the gate and aborts the function under the gate's lock.
//! A task that finishes later finds the gate empty and drops its answer.

use std::cell::Cell;
use std::ffi::c_void;
use std::panic::AssertUnwindSafe;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::FutureExt;
use napi::bindgen_prelude::ToNapiValue;
use napi::{sys, Env};

use super::error::{to_napi, PANIC_MESSAGE};
use super::text::{CallOutcome, Shape};
use crate::client::{PendingCall, SdkError, Settled};

/// The threadsafe function while its environment lives; `None` once the
/// environment is being torn down.
struct Gate {
    tsfn: Mutex<Option<Tsfn>>,
    /// Set by the cleanup hook; read on the JavaScript thread, which then
    /// need not take the lock (an HTTP thread may hold it while it wakes
    /// this very thread, and taking it then would put both to sleep).
    closed: AtomicBool,
}

struct Tsfn(sys::napi_threadsafe_function);

// SAFETY: a threadsafe function is made to be called from any thread; it is
// only released under the gate's lock, by the environment's cleanup hook.
unsafe impl Send for Tsfn {}

/// A promise's deferred and the answer that settles it, sent to the
/// JavaScript thread.
struct Settlement {
    deferred: Deferred,
    outcome: CallOutcome,
}

struct Deferred(sys::napi_deferred);

// SAFETY: the deferred is only used on the JavaScript thread (in `settle`);
// the HTTP thread only carries it there.
unsafe impl Send for Deferred {}

/// Per environment: the gate, and (touched on the JavaScript thread only)
/// the number of calls in flight, to reference the threadsafe function only
/// while there are some.
pub struct Settler {
    gate: Arc<Gate>,
    /// The threadsafe function, for the JavaScript thread's ref and unref
    /// (valid while `gate.closed` is false: the cleanup hook that releases
    /// it runs on this same thread).
    tsfn: sys::napi_threadsafe_function,
    in_flight: Cell<usize>,
}

impl Settler {
    /// Made on the JavaScript thread, with the environment's realm.
    pub fn new(env: &Env) -> napi::Result<Settler> {
        // The HTTP threads run this addon's code (the task below) and may
        // outlive the environment: keep the library loaded, as napi-rs does
        // for its own threadsafe functions.
        napi::bindgen_prelude::retain_current_module_for_unload_safety();
        let mut name = ptr::null_mut();
        let mut tsfn = ptr::null_mut();
        // SAFETY: plain napi calls on the JavaScript thread. No JavaScript
        // function: `settle` does the work; no context; no finalizer data.
        unsafe {
            napi::check_status!(sys::napi_create_string_utf8(env.raw(), c"infisical-sdk-native settle".as_ptr(), 27, &mut name))?;
            napi::check_status!(sys::napi_create_threadsafe_function(
                env.raw(),
                ptr::null_mut(),
                ptr::null_mut(),
                name,
                0,
                1,
                ptr::null_mut(),
                None,
                ptr::null_mut(),
                Some(settle),
                &mut tsfn,
            ))?;
            // Idle until a call is in flight: an SDK with no call pending
            // must not keep the process alive.
            napi::check_status!(sys::napi_unref_threadsafe_function(env.raw(), tsfn))?;
        }
        let gate = Arc::new(Gate { tsfn: Mutex::new(Some(Tsfn(tsfn))), closed: AtomicBool::new(false) });
        let hook_data = Arc::into_raw(gate.clone()) as *mut c_void;
        // SAFETY: `close_gate` takes back the `Arc` given here, once.
        let status = unsafe { sys::napi_add_env_cleanup_hook(env.raw(), Some(close_gate), hook_data) };
        if status != sys::Status::napi_ok {
            // SAFETY: the hook was not registered, so run it now: it takes
            // the `Arc` back and aborts the threadsafe function.
            unsafe { close_gate(hook_data) };
            return Err(napi::Error::from_reason("the SDK could not register its environment cleanup"));
        }
        Ok(Settler { gate, tsfn, in_flight: Cell::new(0) })
    }

    /// A promise settled, on the JavaScript thread, with the answer of
    /// `pending` once it arrives. Called on the JavaScript thread.
    pub fn spawn(&self, env: &Env, pending: PendingCall, shape: Shape) -> napi::Result<sys::napi_value> {
        let mut deferred = ptr::null_mut();
        let mut promise = ptr::null_mut();
        // SAFETY: plain napi call on the JavaScript thread.
        napi::check_status!(unsafe { sys::napi_create_promise(env.raw(), &mut deferred, &mut promise) })?;
        let gate = self.gate.clone();
        let deferred = Deferred(deferred);
        napi::bindgen_prelude::spawn(async move {
            let settled = match AssertUnwindSafe(pending.finish()).catch_unwind().await {
                Ok(settled) => settled,
                Err(_) => Settled { result: Err(SdkError::sdk(PANIC_MESSAGE)), window: None },
            };
            let settlement = Box::into_raw(Box::new(Settlement { deferred, outcome: CallOutcome { settled, shape } }));
            let sent = match gate.tsfn.lock() {
                // SAFETY: under the lock the threadsafe function is not
                // released; a non-blocking call on an unbounded queue.
                Ok(guard) => guard.as_ref().is_some_and(|Tsfn(tsfn)| unsafe {
                    sys::napi_call_threadsafe_function(*tsfn, settlement.cast(), sys::ThreadsafeFunctionCallMode::nonblocking)
                        == sys::Status::napi_ok
                }),
                Err(_) => false,
            };
            if !sent {
                // The environment is gone: nobody is waiting for this answer.
                // SAFETY: not queued, so still ours.
                drop(unsafe { Box::from_raw(settlement) });
            }
        });
        // Counted once the task exists (its answer cannot be settled before
        // this function returns: settling runs on this same thread).
        if self.in_flight.get() == 0 && !self.gate.closed.load(Ordering::Relaxed) {
            // SAFETY: not released yet (see `tsfn`); this is its thread.
            unsafe { sys::napi_ref_threadsafe_function(env.raw(), self.tsfn) };
        }
        self.in_flight.set(self.in_flight.get() + 1);
        Ok(promise)
    }

    /// One call fewer in flight; at none, the event loop is free to end.
    fn settled_one(&self, env: sys::napi_env) {
        let left = self.in_flight.get().saturating_sub(1);
        self.in_flight.set(left);
        if left == 0 && !self.gate.closed.load(Ordering::Relaxed) {
            // SAFETY: not released yet (see `tsfn`); this is its thread.
            unsafe { sys::napi_unref_threadsafe_function(env, self.tsfn) };
        }
    }
}

/// The threadsafe function's work, on the JavaScript thread: settle the
/// promise. A null `env` means the function is being torn down with this
/// answer still queued: it is dropped.
unsafe extern "C" fn settle(env: sys::napi_env, _js_callback: sys::napi_value, _context: *mut c_void, data: *mut c_void) {
    // SAFETY: every queued item is a `Settlement` boxed by `spawn`, queued once.
    let Settlement { deferred: Deferred(deferred), outcome } = *unsafe { Box::from_raw(data.cast::<Settlement>()) };
    if env.is_null() {
        return;
    }
    // Counted out first: whatever happens below, this call no longer keeps
    // the event loop alive.
    if let Ok(realm) = super::realm::realm(&Env::from_raw(env)) {
        realm.settler.settled_one(env);
    }
    let settled = std::panic::catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `env` is live (not null) and this is its thread.
        unsafe {
            match CallOutcome::to_napi_value(env, outcome) {
                Ok(value) => sys::napi_resolve_deferred(env, deferred, value),
                Err(error) => {
                    let reason = napi::JsError::from(error).into_value(env);
                    sys::napi_reject_deferred(env, deferred, reason)
                }
            }
        }
    }));
    if settled.is_err() {
        // A panic while converting the answer: the promise still settles.
        let error = to_napi(&Env::from_raw(env), &SdkError::sdk(PANIC_MESSAGE));
        // SAFETY: as above; the deferred was not settled (the panic came first).
        unsafe {
            let reason = napi::JsError::from(error).into_value(env);
            sys::napi_reject_deferred(env, deferred, reason);
        }
    }
}

/// The environment's cleanup hook: no answer is sent to it any more.
unsafe extern "C" fn close_gate(data: *mut c_void) {
    // SAFETY: `data` is the `Arc<Gate>` leaked in `Settler::new`, taken back once.
    let gate = unsafe { Arc::from_raw(data.cast::<Gate>()) };
    gate.closed.store(true, Ordering::Relaxed);
    if let Ok(mut guard) = gate.tsfn.lock() {
        if let Some(Tsfn(tsfn)) = guard.take() {
            // SAFETY: released once, under the lock every sender takes.
            unsafe { sys::napi_release_threadsafe_function(tsfn, sys::ThreadsafeFunctionReleaseMode::abort) };
        }
    };
}
