//! Turning core results into promise settlements.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;

use crate::client::{SdkError, SdkResult};


/// The rejection's message starts with the class the JS layer must construct
/// (`InfisicalSDKError: ...` or `InfisicalSDKRequestError: ...`), the way a
/// JS error's stack starts. napi 3 async functions can only reject with its
/// standard status codes, so the class travels in the text; `lib/errors.js`
/// splits it off again.
pub fn to_napi(error: SdkError) -> napi::Error {
    napi::Error::new(
        napi::Status::GenericFailure,
        format!("{}: {}", error.class_name(), error),
    )
}

const PANIC_MESSAGE: &str =
    "Internal error in the Infisical SDK native module; the call was abandoned (please report this)";

/// Runs a core future, turning its error into a JS error and a panic into a
/// rejection instead of a pending promise or a dead process.
pub async fn settle<T, F>(future: F) -> napi::Result<T>
where
    F: Future<Output = SdkResult<T>>,
{
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result.map_err(to_napi),
        Err(_) => Err(to_napi(SdkError::sdk(PANIC_MESSAGE))),
    }
}
