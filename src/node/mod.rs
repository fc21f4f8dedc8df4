//! The napi binding: the addon's exports are the public API. `InfisicalSDK`
//! (sdk.rs) builds, per instance, the official objects (`secrets()`,
//! `auth()`, `kms()`, ...; one file per area, each method under its public
//! name) whose methods read the JavaScript arguments (args.rs) into the
//! core's typed requests (call.rs) and resolve to the response parsed by V8's
//! `JSON.parse` (text.rs), or reject with the SDK's error classes (error.rs,
//! realm.rs). The enums are napi string enums (enums.rs).

mod args;
mod auth;
mod call;
mod dynamic_secrets;
mod enums;
mod environments;
mod error;
mod folders;
mod js;
mod js_callback;
mod kms;
mod logins;
mod projects;
mod realm;
mod sdk;
mod secrets;
mod settle;
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
