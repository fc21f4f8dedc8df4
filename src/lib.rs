#![deny(clippy::all)]
//! Infisical SDK for Node.js: a pure Rust core (`client`, typed requests,
//! usable from Rust alone) under a napi binding (`node`) whose exports are the
//! public JavaScript API (`InfisicalSDK` and the enums); the only JavaScript
//! left is the entry files (index.js, index.mjs, loader.js).

pub mod client;
mod node;
