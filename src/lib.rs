#![deny(clippy::all)]
//! Infisical SDK for Node.js: a pure Rust core (`client`) under a thin napi
//! binding (`node`). The public JavaScript surface lives in `lib/`.

pub mod client;
mod node;
