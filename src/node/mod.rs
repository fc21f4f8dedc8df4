//! The napi binding: a `NativeClient` class whose methods take each call's
//! arguments as JSON text and resolve to the server's response text. The JS
//! layer in `lib/` parses responses with V8's `JSON.parse` (far faster than
//! building objects through napi) and wraps rejections in the SDK's classes.
//! One file per API area, as in the core.

mod auth;
mod dynamic_secrets;
mod environments;
mod error;
mod folders;
mod kms;
mod projects;
mod sdk;
mod secrets;
mod text;
