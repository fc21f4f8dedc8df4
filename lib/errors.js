'use strict'
// The official SDK's two error classes, with the same names and messages.
// napi cannot create Error subclasses, so the native layer puts the class name
// in front of the message ("InfisicalSDKRequestError: [URL=...] ...") and
// toSdkError() splits it off here.

class InfisicalSDKError extends Error {
  constructor(message) {
    super(message)
    this.message = message
    this.name = 'InfisicalSDKError'
  }
}

class InfisicalSDKRequestError extends Error {
  constructor(message) {
    super(message)
    this.message = message
    this.name = 'InfisicalSDKRequestError'
  }
}

const NATIVE_ERROR = /^(InfisicalSDKRequestError|InfisicalSDKError): ([\s\S]*)$/

/** Any failure, as the SDK error the official package would throw. */
function toSdkError(error) {
  if (error instanceof InfisicalSDKError || error instanceof InfisicalSDKRequestError) return error
  const message = error && typeof error.message === 'string' ? error.message : String(error)
  const tagged = NATIVE_ERROR.exec(message)
  if (tagged) {
    return tagged[1] === 'InfisicalSDKRequestError'
      ? new InfisicalSDKRequestError(tagged[2])
      : new InfisicalSDKError(tagged[2])
  }
  return new InfisicalSDKError(message || 'An error occurred')
}

module.exports = { InfisicalSDKError, InfisicalSDKRequestError, toSdkError }
