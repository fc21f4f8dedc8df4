#![deny(clippy::all)]
//! Infisical SDK for Node.js: a pure Rust core (`client`, typed requests,
//! usable from Rust alone) under a thin napi binding (`node`, which reads the
//! JavaScript arguments). The public JavaScript surface lives in `lib/`.

pub mod client;
mod node;
