'use strict'
// The small pieces every API area shares. The native addon reads the
// arguments, sends the request, parses the response (JSON.parse, called from
// Rust) and rejects with the SDK's error classes.

const { toSdkError } = require('./errors')

/**
 * Runs JavaScript work of an SDK call: any failure becomes a rejected
 * promise carrying an SDK error.
 */
async function guard(run) {
  try {
    return await run()
  } catch (error) {
    throw toSdkError(error)
  }
}

/** A one-options-argument API method: `native[method]`, resolving to what the official one does. */
function apiMethod(native, method) {
  return (options) => native[method](options)
}

module.exports = { guard, apiMethod }
