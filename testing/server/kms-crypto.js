'use strict';
// Real cryptography for the KMS routes, node:crypto only:
//   AES-256-GCM / AES-128-GCM encryption (blob = ciphertext | iv(12) | tag(16), base64 on the wire),
//   RSA_4096 signatures (RSASSA-PKCS1-v1_5 and RSASSA-PSS, salt = digest length),
//   ECC_NIST_P256 ECDSA signatures (DER encoded).
// `isDigest: true` means the data already is the hash: PKCS#1 and PSS are then
// encoded by hand and run through the raw RSA operation, and ECDSA over a
// digest uses a small P-256 implementation (Node cannot sign a bare digest).

const crypto = require('node:crypto');

// ------------------------------------------------------------------ symmetric
function generateSymmetricKey(algorithm) {
  return crypto.randomBytes(algorithm === 'aes-128-gcm' ? 16 : 32);
}

function encrypt(algorithm, key, plaintext) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(algorithm, key, iv);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([ct, iv, cipher.getAuthTag()]);
}

// throws on a bad blob (the caller turns that into the generic 500)
function decrypt(algorithm, key, blob) {
  if (blob.length < 28) throw new Error('ciphertext too short');
  const ct = blob.subarray(0, blob.length - 28);
  const iv = blob.subarray(blob.length - 28, blob.length - 16);
  const tag = blob.subarray(blob.length - 16);
  const decipher = crypto.createDecipheriv(algorithm, key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

// ------------------------------------------------------------------ asymmetric
const generateKeyPair = (algorithm) =>
  new Promise((resolve, reject) => {
    const cb = (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }));
    if (algorithm === 'RSA_4096') crypto.generateKeyPair('rsa', { modulusLength: 4096 }, cb);
    else crypto.generateKeyPair('ec', { namedCurve: 'P-256' }, cb);
  });

const publicKeyDer = (publicKey) => publicKey.export({ type: 'spki', format: 'der' });

const SIGNING = {
  RSASSA_PSS_SHA_256: { kind: 'pss', hash: 'sha256' },
  RSASSA_PSS_SHA_384: { kind: 'pss', hash: 'sha384' },
  RSASSA_PSS_SHA_512: { kind: 'pss', hash: 'sha512' },
  RSASSA_PKCS1_V1_5_SHA_256: { kind: 'pkcs1', hash: 'sha256' },
  RSASSA_PKCS1_V1_5_SHA_384: { kind: 'pkcs1', hash: 'sha384' },
  RSASSA_PKCS1_V1_5_SHA_512: { kind: 'pkcs1', hash: 'sha512' },
  ECDSA_SHA_256: { kind: 'ecdsa', hash: 'sha256' },
  ECDSA_SHA_384: { kind: 'ecdsa', hash: 'sha384' },
  ECDSA_SHA_512: { kind: 'ecdsa', hash: 'sha512' },
};
const SIGNING_ALGORITHMS = Object.keys(SIGNING);
const HASH_LEN = { sha256: 32, sha384: 48, sha512: 64 };
const DIGEST_INFO = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

// MGF1 (RFC 8017 B.2.1)
function mgf1(seed, len, hash) {
  const out = [];
  let total = 0;
  for (let c = 0; total < len; c += 1) {
    const C = Buffer.alloc(4);
    C.writeUInt32BE(c);
    const h = crypto.createHash(hash).update(seed).update(C).digest();
    out.push(h);
    total += h.length;
  }
  return Buffer.concat(out).subarray(0, len);
}

// EMSA-PSS-ENCODE with sLen = hLen
function pssEncode(mHash, emBits, hash) {
  const hLen = HASH_LEN[hash];
  const emLen = Math.ceil(emBits / 8);
  const salt = crypto.randomBytes(hLen);
  const H = crypto.createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const DB = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const masked = mgf1(H, emLen - hLen - 1, hash);
  for (let i = 0; i < DB.length; i += 1) DB[i] ^= masked[i];
  DB[0] &= 0xff >> (8 * emLen - emBits);
  return Buffer.concat([DB, H, Buffer.from([0xbc])]);
}

// EMSA-PSS-VERIFY, any salt length
function pssVerify(mHash, EM, emBits, hash) {
  const hLen = HASH_LEN[hash];
  const emLen = Math.ceil(emBits / 8);
  if (EM.length !== emLen || EM[emLen - 1] !== 0xbc) return false;
  const maskedDB = Buffer.from(EM.subarray(0, emLen - hLen - 1));
  const H = EM.subarray(emLen - hLen - 1, emLen - 1);
  const mask = mgf1(H, emLen - hLen - 1, hash);
  for (let i = 0; i < maskedDB.length; i += 1) maskedDB[i] ^= mask[i];
  maskedDB[0] &= 0xff >> (8 * emLen - emBits);
  const one = maskedDB.indexOf(1);
  if (one === -1 || maskedDB.subarray(0, one).some((b) => b !== 0)) return false;
  const salt = maskedDB.subarray(one + 1);
  const H2 = crypto.createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return crypto.timingSafeEqual(H, H2);
}

// ---- P-256 ECDSA over a digest (BigInt, affine coordinates)
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G = [
  0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
];
const mod = (a, m) => ((a % m) + m) % m;
function modPow(b, e, m) {
  let r = 1n;
  b = mod(b, m);
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
const inv = (a, m) => modPow(a, m - 2n, m);
function pointAdd(A, B) {
  if (!A) return B;
  if (!B) return A;
  if (A[0] === B[0] && mod(A[1] + B[1], P) === 0n) return null;
  const l =
    A[0] === B[0] && A[1] === B[1]
      ? mod((3n * A[0] * A[0] - 3n) * inv(2n * A[1], P), P)
      : mod((B[1] - A[1]) * inv(B[0] - A[0], P), P);
  const x = mod(l * l - A[0] - B[0], P);
  return [x, mod(l * (A[0] - x) - A[1], P)];
}
function pointMul(k, Pt) {
  let R = null;
  let Q = Pt;
  while (k > 0n) {
    if (k & 1n) R = pointAdd(R, Q);
    Q = pointAdd(Q, Q);
    k >>= 1n;
  }
  return R;
}
const b2i = (buf) => BigInt(`0x${Buffer.from(buf).toString('hex') || '0'}`);
const i2b = (i, len) => Buffer.from(i.toString(16).padStart(len * 2, '0'), 'hex');
const digestToInt = (d) => b2i(d.length > 32 ? d.subarray(0, 32) : d);

function derInt(i) {
  let b = i2b(i, 32);
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02, b.length]), b]);
}
function derSig(r, s) {
  const body = Buffer.concat([derInt(r), derInt(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
function parseDerSig(sig) {
  if (sig[0] !== 0x30) return null;
  let o = 2;
  if (sig[o] !== 0x02) return null;
  const rl = sig[o + 1];
  const r = b2i(sig.subarray(o + 2, o + 2 + rl));
  o += 2 + rl;
  if (sig[o] !== 0x02) return null;
  const sl = sig[o + 1];
  const s = b2i(sig.subarray(o + 2, o + 2 + sl));
  return { r, s };
}
function ecdsaSignDigest(privateKey, digest) {
  const d = b2i(Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url'));
  const e = digestToInt(digest);
  for (;;) {
    const k = mod(b2i(crypto.randomBytes(32)), N - 1n) + 1n;
    const R = pointMul(k, G);
    const r = mod(R[0], N);
    if (r === 0n) continue;
    const s = mod(inv(k, N) * (e + r * d), N);
    if (s === 0n) continue;
    return derSig(r, s);
  }
}
function ecdsaVerifyDigest(publicKey, digest, sig) {
  const parsed = parseDerSig(sig);
  if (!parsed) return false;
  const { r, s } = parsed;
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
  const jwk = publicKey.export({ format: 'jwk' });
  const Q = [b2i(Buffer.from(jwk.x, 'base64url')), b2i(Buffer.from(jwk.y, 'base64url'))];
  const w = inv(s, N);
  const X = pointAdd(pointMul(mod(digestToInt(digest) * w, N), G), pointMul(mod(r * w, N), Q));
  return Boolean(X) && mod(X[0], N) === r;
}

// ---- sign / verify entry points
function sign(alg, { privateKey }, data, isDigest) {
  const { kind, hash } = SIGNING[alg];
  if (!isDigest) {
    if (kind === 'pss') {
      return crypto.sign(hash, data, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST });
    }
    return crypto.sign(hash, data, privateKey);
  }
  if (kind === 'pkcs1') {
    return crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO[hash], data]));
  }
  if (kind === 'pss') {
    const bits = privateKey.asymmetricKeyDetails.modulusLength;
    return crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(bits / 8 - Math.ceil((bits - 1) / 8)), pssEncode(data, bits - 1, hash)]));
  }
  return ecdsaSignDigest(privateKey, data);
}

function verify(alg, { publicKey }, data, signature, isDigest) {
  const { kind, hash } = SIGNING[alg];
  try {
    if (!isDigest) {
      if (kind === 'pss') {
        return crypto.verify(hash, data, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO }, signature);
      }
      return crypto.verify(hash, data, publicKey, signature);
    }
    if (kind === 'pkcs1') {
      const dec = crypto.publicDecrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
      return dec.equals(Buffer.concat([DIGEST_INFO[hash], data]));
    }
    if (kind === 'pss') {
      const bits = publicKey.asymmetricKeyDetails.modulusLength;
      const EM = crypto.publicDecrypt({ key: publicKey, padding: crypto.constants.RSA_NO_PADDING }, signature);
      const emLen = Math.ceil((bits - 1) / 8);
      return pssVerify(data, EM.subarray(EM.length - emLen), bits - 1, hash);
    }
    return ecdsaVerifyDigest(publicKey, data, signature);
  } catch {
    return false;
  }
}

module.exports = {
  generateSymmetricKey,
  encrypt,
  decrypt,
  generateKeyPair,
  publicKeyDer,
  sign,
  verify,
  SIGNING,
  SIGNING_ALGORITHMS,
  HASH_LEN,
};
