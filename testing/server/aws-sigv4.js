'use strict';
// AWS Signature Version 4 check of the signed STS GetCallerIdentity request that an
// aws-auth login carries (what STS does when the real server replays the request).
// Node built-ins only. The server knows a set of AWS key pairs (by default the
// example pair from the AWS documentation, which the SDKs' tests sign with); a request
// signed with an unknown key or a wrong signature is refused.
//
// Not checked (as documented in README.md): the request time (STS refuses requests more
// than 15 minutes old; tests here pin the server clock), and session tokens (any
// x-amz-security-token is accepted as long as it is signed).

const crypto = require('node:crypto');

const sha256Hex = (data) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data, 'utf8').digest();

// "AWS4-HMAC-SHA256 Credential=AKID/20230719/us-east-1/sts/aws4_request, SignedHeaders=a;b, Signature=hex"
function parseAuthorization(value) {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(String(value || '').trim());
  if (!m) return null;
  const fields = {};
  for (const part of m[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return null;
  const scope = fields.Credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return null;
  const [accessKeyId, date, region, service] = scope;
  return { accessKeyId, date, region, service, signedHeaders: fields.SignedHeaders.split(';'), signature: fields.Signature.toLowerCase() };
}

/** The SigV4 signature of a request, given its (lower-case keyed) headers. */
function signature({ method, path = '/', query = '', headers, body, signedHeaders, amzDate, date, region, service, secretAccessKey }) {
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const payloadHash = headers['x-amz-content-sha256'] || sha256Hex(body);
  const canonicalRequest = [method.toUpperCase(), path, query, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, date);
  key = hmac(key, region);
  key = hmac(key, service);
  key = hmac(key, 'aws4_request');
  return crypto.createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Checks a decoded aws-auth login. Returns null when the request is correctly signed with
 * a known key, else the reason (an STS error code).
 * @param {{ method: string, headers: object, body: string }} request
 * @param {{ accessKeyId: string, secretAccessKey: string }[]} keys
 */
function verifyStsRequest(request, keys) {
  const headers = {};
  for (const [k, v] of Object.entries(request.headers || {})) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
  const auth = parseAuthorization(headers.authorization);
  if (!auth || auth.service !== 'sts') return 'IncompleteSignature';
  const key = keys.find((k) => k.accessKeyId === auth.accessKeyId);
  if (!key) return 'InvalidClientTokenId';
  const amzDate = headers['x-amz-date'];
  if (!amzDate || !amzDate.startsWith(auth.date)) return 'IncompleteSignature';
  if (!auth.signedHeaders.includes('host') || !auth.signedHeaders.includes('x-amz-date')) return 'IncompleteSignature';
  if (headers['x-amz-content-sha256'] && headers['x-amz-content-sha256'] !== sha256Hex(request.body)) return 'SignatureDoesNotMatch';
  const expected = signature({ ...auth, method: request.method || 'POST', headers, body: request.body, amzDate, secretAccessKey: key.secretAccessKey });
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(auth.signature, 'hex');
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return 'SignatureDoesNotMatch';
  return null;
}

module.exports = { verifyStsRequest, parseAuthorization, signature };
