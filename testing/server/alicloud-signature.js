'use strict';
// The Alibaba Cloud RPC signature (SignatureVersion 1.0, HMAC-SHA1) of an alicloud-auth login:
// what Alibaba STS checks when the real server replays GetCallerIdentity with the client's
// parameters. The server knows a set of AccessKey pairs (each with the ARN STS would answer);
// an unknown key, a wrong signature, a stale Timestamp or a reused SignatureNonce is refused.
// Node built-ins only.

const crypto = require('node:crypto');

// STS accepts a Timestamp at most 15 minutes away, and a nonce once within that window.
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

// RFC 3986 percent-encoding (encodeURIComponent leaves !'()* alone).
const percentEncode = (s) => encodeURIComponent(String(s)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** base64(HMAC-SHA1(secret + "&", "GET&%2F&" + enc(sorted, encoded query))) over every parameter but Signature. */
function aliCloudSignature(params, accessKeySecret) {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  const stringToSign = `GET&${percentEncode('/')}&${percentEncode(canonical)}`;
  return crypto.createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/**
 * Checks a login's STS parameters. Returns `{ key }` (the matching key pair) or `{ refused }`
 * with the STS error code. `seenNonces` (nonce -> expiry ms) records accepted nonces.
 */
function verifyAliCloudRequest({ params, keys, nowMs, seenNonces }) {
  const key = keys.find((k) => k.accessKeyId === params.AccessKeyId);
  if (!key) return { refused: 'InvalidAccessKeyId.NotFound' };
  const expected = Buffer.from(aliCloudSignature(params, key.accessKeySecret));
  const given = Buffer.from(String(params.Signature));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { refused: 'SignatureDoesNotMatch' };
  const at = Date.parse(params.Timestamp);
  if (Number.isNaN(at) || Math.abs(nowMs - at) > MAX_CLOCK_SKEW_MS) return { refused: 'InvalidTimeStamp.Expired' };
  for (const [nonce, expiry] of seenNonces) if (expiry <= nowMs) seenNonces.delete(nonce);
  if (seenNonces.has(params.SignatureNonce)) return { refused: 'SignatureNonceUsed' };
  seenNonces.set(params.SignatureNonce, nowMs + MAX_CLOCK_SKEW_MS);
  return { key };
}

module.exports = { aliCloudSignature, verifyAliCloudRequest, percentEncode };
