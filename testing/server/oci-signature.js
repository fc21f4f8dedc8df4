'use strict';
// The OCI HTTP-signature check of an oci-auth login: what OCI's identity service does when the
// real server replays `GET https://{host}/20160918/users/{userOcid}` with the headers the client
// signed. The server knows a set of OCI users (their tenancy, name and API public key); a request
// signed with an unknown key, a wrong signature or a stale date is refused. Node built-ins only.

const crypto = require('node:crypto');

// OCI accepts a Date header at most 5 minutes away from its own clock.
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A public KeyObject from a PEM, a public KeyObject or a private one. */
const asPublicKey = (key) => (key instanceof crypto.KeyObject && key.type === 'public' ? key : crypto.createPublicKey(key));

/** An API key's fingerprint as the OCI console shows it: MD5 of the DER public key, colon-separated hex. */
function ociFingerprint(publicKey) {
  const der = asPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  return crypto.createHash('md5').update(der).digest('hex').match(/../g).join(':');
}

// `Signature version="1",keyId="t/u/f",algorithm="rsa-sha256",headers="...",signature="..."`
function parseSignatureHeader(value) {
  const header = String(value || '').trim();
  if (!header.toLowerCase().startsWith('signature ')) return null;
  const params = new Map();
  for (const raw of header.slice('signature '.length).split(',')) {
    const m = /^([A-Za-z]+)\s*=\s*"([^"]*)"$/.exec(raw.trim());
    if (!m) return null;
    const name = m[1].toLowerCase();
    if (params.has(name)) return null;
    params.set(name, m[2]);
  }
  return params;
}

/**
 * Checks the signed headers of a GetUser request. Returns `{ user }` for a correctly signed,
 * fresh request by a known user, else `{ refused }` with the reason (an OCI error message).
 * @param {{ userOcid: string, headers: object, nowMs: number, users: Map<string, object> }} request
 */
function verifyOciRequest({ userOcid, headers, nowMs, users }) {
  const params = parseSignatureHeader(headers.authorization);
  if (!params || !params.get('keyid') || !params.get('signature') || !params.get('headers')) {
    return { refused: 'The required information to complete authentication was not provided or was incorrect.' };
  }
  if ((params.get('algorithm') || '').toLowerCase() !== 'rsa-sha256') return { refused: 'Unsupported signing algorithm' };
  const [tenancyOcid, signerOcid, fingerprint, ...rest] = params.get('keyid').split('/');
  const user = users.get(signerOcid);
  if (rest.length || !user || user.tenancyOcid !== tenancyOcid || user.fingerprint !== fingerprint) {
    return { refused: 'The required information to complete authentication was not provided or was incorrect.' };
  }
  const signed = params.get('headers').toLowerCase().split(/\s+/).filter(Boolean);
  for (const required of ['date', '(request-target)', 'host']) {
    if (!signed.includes(required) && !(required === 'date' && signed.includes('x-date'))) {
      return { refused: `The ${required} header was not signed` };
    }
  }
  const lines = [];
  for (const name of signed) {
    if (name === '(request-target)') lines.push(`(request-target): get /20160918/users/${userOcid}`);
    else if (headers[name] === undefined) return { refused: `The signed header ${name} is missing` };
    else lines.push(`${name}: ${headers[name]}`);
  }
  const valid = crypto.verify('sha256', Buffer.from(lines.join('\n')), user.publicKey, Buffer.from(params.get('signature'), 'base64'));
  if (!valid) return { refused: 'The required information to complete authentication was not provided or was incorrect.' };
  const date = Date.parse(headers['x-date'] ?? headers.date);
  if (Number.isNaN(date) || Math.abs(nowMs - date) > MAX_CLOCK_SKEW_MS) {
    return { refused: 'Date header is out of the allowed clock skew (5 minutes)' };
  }
  if (signerOcid !== userOcid) return { refused: 'Authorization failed or requested resource not found.' };
  return { user };
}

module.exports = { verifyOciRequest, ociFingerprint, asPublicKey, parseSignatureHeader };
