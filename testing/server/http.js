'use strict';
// HTTP plumbing shared by every route: the error classes of the real server
// (backend/src/lib/errors), the error envelope of its error handler
// (backend/src/server/plugins/error-handler.ts), query-string and body parsing
// the way Fastify does it, and JSON replies.

const crypto = require('node:crypto');
const querystring = require('node:querystring');

// ---------------------------------------------------------------------------
// Errors. `name` becomes the `error` field of the envelope, like the real
// error classes whose `name` defaults to the values below.
// ---------------------------------------------------------------------------
class ApiError extends Error {
  constructor(statusCode, name, message, details) {
    super(typeof message === 'string' ? message : 'Validation failed');
    this.statusCode = statusCode;
    this.bodyMessage = message; // a string, or the array of zod issues for 422
    this.name = name;
    if (details !== undefined) this.details = details;
  }
}

const badRequest = (message, name = 'BadRequest') => new ApiError(400, name, message);
const unauthorized = (message = 'Unauthorized', name = 'UnauthorizedError') =>
  new ApiError(401, name, message);
const forbidden = (message = 'You are not allowed to access this resource', name = 'ForbiddenError', details) =>
  new ApiError(403, name, message, details);
const notFound = (message, name = 'NotFound') => new ApiError(404, name, message);
const rateLimited = (message) => new ApiError(429, 'RateLimitExceeded', message);
const internal = () => new ApiError(500, 'InternalServerError', 'Something went wrong');

// jsonwebtoken errors are mapped to 403 "TokenError" by the real handler, with
// three messages rewritten; any other jsonwebtoken message is passed through.
const JWT_MESSAGES = {
  'jwt expired': 'Your token has expired. Please re-authenticate.',
  'jwt malformed':
    'The provided access token is malformed. Please use a valid token or generate a new one and try again.',
  'invalid algorithm':
    'The access token is signed with an invalid algorithm. Please provide a valid token and try again.',
};
const tokenError = (jwtMessage) => new ApiError(403, 'TokenError', JWT_MESSAGES[jwtMessage] || jwtMessage);

// A ZodError: 422, error "ValidationFailure", message = the ARRAY of issues.
const validationError = (issues) => new ApiError(422, 'ValidationFailure', issues);

// ---------------------------------------------------------------------------
// Envelope. The real server adds DefaultResponseErrorsSchema to every route and
// serializes errors through those zod schemas, so the key order is the schema
// order: reqId, statusCode, message, error (+ details on 400, before error on 403).
// ---------------------------------------------------------------------------
function errorBody(reqId, err) {
  const { statusCode } = err;
  if (statusCode === 403) {
    const body = { reqId, statusCode, message: err.bodyMessage };
    if (err.details !== undefined) body.details = err.details;
    body.error = err.name;
    return body;
  }
  const body = { reqId, statusCode, message: err.bodyMessage, error: err.name };
  if (statusCode === 400 && err.details !== undefined) body.details = err.details;
  return body;
}

// Request ids look like `req-<14 alphanumerics>`. Given a seed (the server's
// request counter) they are deterministic, so two identical runs match.
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function newReqId(seed) {
  const bytes =
    seed === undefined ? crypto.randomBytes(14) : crypto.createHash('sha256').update(`req:${seed}`).digest().subarray(0, 14);
  let id = 'req-';
  for (const b of bytes) id += ALNUM[b % ALNUM.length];
  return id;
}

// ---------------------------------------------------------------------------
// Query strings, parsed like Fastify's default parser: `+` is a space, a
// repeated key becomes an array. A malformed %-escape gives the 400 of the
// newest error handler.
// ---------------------------------------------------------------------------
function parseQuery(raw) {
  const out = Object.create(null);
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawVal = eq === -1 ? '' : part.slice(eq + 1);
    let key;
    let val;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      val = decodeURIComponent(rawVal.replace(/\+/g, ' '));
    } catch {
      throw badRequest('Malformed URL encoding in query parameters');
    }
    if (key in out) {
      out[key] = Array.isArray(out[key]) ? [...out[key], val] : [out[key], val];
    } else {
      out[key] = val;
    }
  }
  return { ...out };
}

// ---------------------------------------------------------------------------
// Bodies, the Fastify way: JSON and form bodies are parsed, text/plain stays a
// string, GET/HEAD bodies are ignored. Fastify's own content-type / JSON
// errors are not classes the Infisical handler knows, so they end in its
// generic 500 branch (contract section 9).
// ---------------------------------------------------------------------------
const BODY_LIMIT = 1024 * 1024;

function parseBody(method, headers, raw) {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const type = String(headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (!type) {
    if (raw.length === 0) return undefined;
    throw internal(); // FST_ERR_CTP_INVALID_MEDIA_TYPE
  }
  if (Buffer.byteLength(raw) > BODY_LIMIT) throw internal(); // FST_ERR_CTP_BODY_TOO_LARGE
  if (type === 'application/json' || type.endsWith('+json')) {
    if (raw.length === 0) throw internal(); // FST_ERR_CTP_EMPTY_JSON_BODY
    try {
      return JSON.parse(raw);
    } catch {
      throw internal(); // FST_ERR_CTP_INVALID_JSON_BODY
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ...querystring.parse(raw) };
  if (type === 'text/plain') return raw;
  throw internal(); // FST_ERR_CTP_INVALID_MEDIA_TYPE
}

// ---------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------
function sendJson(res, statusCode, payload, extraHeaders = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(payload);
  res.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}

module.exports = {
  ApiError,
  badRequest,
  unauthorized,
  forbidden,
  notFound,
  rateLimited,
  internal,
  tokenError,
  validationError,
  errorBody,
  newReqId,
  parseQuery,
  parseBody,
  sendJson,
};
