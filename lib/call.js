'use strict'
// The small pieces every API area shares: handing arguments to the native
// client, parsing its response text, and turning failures into SDK errors.

const { InfisicalSDKError, toSdkError } = require('./errors')

/**
 * The arguments of one call as JSON text. JSON.stringify is exactly how the
 * official SDK serializes bodies (undefined fields vanish), and V8 does it
 * faster than napi can read an object property by property.
 */
function encodeArgs(args) {
  const json = JSON.stringify(args)
  if (json === undefined) throw new InfisicalSDKError('Could not serialize the arguments')
  return json
}

/** The response body as the official SDK parses it: JSON, or undefined when empty. */
function parseBody(text) {
  if (text === '') return undefined
  return JSON.parse(text)
}

/** A JSON object response, or a clear error naming the call. */
function parseObject(text, call) {
  let body
  try {
    body = parseBody(text)
  } catch {
    throw new InfisicalSDKError(`${call}: the server's response is not valid JSON`)
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const got = body === undefined ? 'an empty body' : Array.isArray(body) ? 'an array' : `a ${body === null ? 'null' : typeof body}`
    throw new InfisicalSDKError(`${call}: the server answered with ${got} where a JSON object was expected`)
  }
  return body
}

/** `body[key]`, required to be present (the official SDK would return undefined). */
function unwrap(body, key, call) {
  if (!(key in body)) {
    throw new InfisicalSDKError(`${call}: the server's response has no "${key}" field`)
  }
  return body[key]
}

/**
 * Runs one SDK call: every failure, including a bad argument caught before any
 * request, becomes a rejected promise carrying an SDK error.
 */
async function guard(run) {
  try {
    return await run()
  } catch (error) {
    throw toSdkError(error)
  }
}

/**
 * A one-options-argument API method: calls `native[method]`, and resolves to
 * the response's `field` (or the whole body when `field` is omitted).
 */
function apiMethod(native, method, call, field) {
  return (options) =>
    guard(async () => {
      const body = parseObject(await native[method](encodeArgs([options])), call)
      return field ? unwrap(body, field, call) : body
    })
}

module.exports = { encodeArgs, parseBody, parseObject, unwrap, guard, apiMethod }
