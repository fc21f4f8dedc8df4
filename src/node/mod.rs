//! The napi binding: a `NativeClient` class whose methods take each call's
//! arguments as JSON text, read them (`args`) into the core's typed request,
//! and resolve to the server's response text. The JS
//! layer in `lib/` parses responses with V8's `JSON.parse` (far faster than
//! building objects through napi) and wraps rejections in the SDK's classes.
//! One file per API area, as in the core.

mod args;
mod auth;
mod dynamic_secrets;
mod environments;
mod error;
mod folders;
mod kms;
mod projects;
mod realm;
mod sdk;
mod secrets;
mod text;

/// One tokio worker thread instead of one per core: the work per call is
/// small, and each extra worker adds wake-ups between threads (measured: ~5
/// context switches per sequential call with two workers) and memory.
#[napi_derive::module_init]
fn init_runtime() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("infisical-sdk")
        .enable_all()
        .build();
    if let Ok(runtime) = runtime {
        napi::bindgen_prelude::create_custom_tokio_runtime(runtime);
    }
}
