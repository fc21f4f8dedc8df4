'use strict'
// The official SDK's two error classes. The native addon makes them (once per
// environment) and rejects with their instances; this file only hands them to
// the JS layer.

const { NativeClient } = require('./native')

const { InfisicalSDKError, InfisicalSDKRequestError } = NativeClient.errorClasses()

/** Any failure, as the SDK error the official package would throw. */
function toSdkError(error) {
  if (error instanceof InfisicalSDKError || error instanceof InfisicalSDKRequestError) return error
  const message = error && typeof error.message === 'string' ? error.message : String(error)
  return new InfisicalSDKError(message || 'An error occurred')
}

module.exports = { InfisicalSDKError, InfisicalSDKRequestError, toSdkError }
