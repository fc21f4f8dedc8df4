'use strict';

// Differential tests of sdk.kms(): keys().create/delete/getByName, encryption().encrypt/decrypt,
// signing().sign/verify/listSigningAlgorithms/getPublicKey (RSA and ECDSA, over data and over
// digests), object identity, server errors, authentication faults, bad input, and the
// deliberate difference in how key ids and the getByName project id reach the URL.
//
// Keys, ciphertexts and signatures are random on every run (each side gets its own server
// reset, so its own key material): the scenarios verify them (with the server and locally with
// node:crypto) and return their shape instead; `maskCrypto` hides them in the recorded requests.

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const {
  PROJECT_ID: P,
  FIXED_NOW_ISO,
  useServer,
  runDiff,
  runDeliberate,
  assertRejected,
  assertResolved,
  queryObject,
  callOutcome,
  apiRequests,
  rejectedShape,
  settleAll,
  assertRefusedLocally,
} = require('./helpers/diff');

const h = useServer();
const diff = (name, scenario, opts) => test(name, () => runDiff(h, scenario, opts));

const KEYS = '/api/v1/kms/keys';
const UNKNOWN_KEY = '99999999-9999-4999-8999-999999999999';

const b64 = (s) => Buffer.from(s).toString('base64');
const sha256 = (s) => crypto.createHash('sha256').update(s).digest();
const REQUEST_422 = rejectedShape('InfisicalSDKError', 'Request failed with status 422');

const isBase64 = (v) => typeof v === 'string' && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v);

// Random base64 in request bodies (ciphertexts sent to decrypt, signatures sent to verify)
function maskCrypto(out) {
  const requests = out.requests.map((r) => {
    if (!r.body || typeof r.body !== 'object') return r;
    const body = { ...r.body };
    if (r.path.endsWith('/decrypt') && isBase64(body.ciphertext)) body.ciphertext = '<ciphertext>';
    if (r.path.endsWith('/verify') && isBase64(body.signature)) body.signature = '<signature>';
    return { ...r, body };
  });
  return { ...out, requests };
}
const MASK = { normalize: { custom: maskCrypto } };

// The shape of a signature: its byte length (RSA 4096: always 512), or "DER" for ECDSA, whose
// length varies with the random nonce.
function signatureShape(alg, signature) {
  assert.ok(isBase64(signature), `signature is base64: ${signature}`);
  const bytes = Buffer.from(signature, 'base64');
  if (alg.startsWith('ECDSA')) {
    assert.equal(bytes[0], 0x30, 'ECDSA signatures are DER sequences');
    assert.ok(bytes.length >= 8 && bytes.length <= 72, `DER length ${bytes.length}`);
    return '<ECDSA DER signature>';
  }
  return `<${bytes.length}-byte signature>`;
}

// Verify locally with the public key the SDK returned. With isDigest the data signed was the
// SHA-256 of `message`, so the signature verifies as a signature of `message` itself.
function verifyLocally(publicKeyB64, alg, message, signature) {
  const key = crypto.createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  const sig = Buffer.from(signature, 'base64');
  if (alg.startsWith('RSASSA_PSS')) {
    return crypto.verify('sha256', Buffer.from(message), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig);
  }
  return crypto.verify('sha256', Buffer.from(message), key, sig);
}

function publicKeyShape(publicKeyB64) {
  assert.ok(isBase64(publicKeyB64));
  const key = crypto.createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  const d = key.asymmetricKeyDetails;
  return { type: key.asymmetricKeyType, bits: d.modulusLength, curve: d.namedCurve };
}

function ciphertextShape(ciphertext) {
  assert.ok(isBase64(ciphertext), `ciphertext is base64: ${ciphertext}`);
  return `<${Buffer.from(ciphertext, 'base64').length}-byte ciphertext>`;
}

const encKey = (m, ctx, extra) => ({ projectId: ctx.projectId, name: 'enc-key', ...extra });
const eccKey = (m, ctx) => ({ projectId: ctx.projectId, name: 'ecc-key', keyUsage: m.KeyUsage.SIGNING, encryptionAlgorithm: m.EncryptionAlgorithm.ECC_NIST_P256 });
const rsaKey = (m, ctx) => ({ projectId: ctx.projectId, name: 'rsa-key', keyUsage: m.KeyUsage.SIGNING, encryptionAlgorithm: m.EncryptionAlgorithm.RSA_4096 });

// =============================================================================================
// keys()

diff(
  'keys().create minimal (projectId, name): server defaults to aes-256-gcm, resolves to key',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.kms().keys().create(encKey(m, ctx));
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, KEYS);
      assert.equal(r.contentType, 'application/json');
      assert.equal(r.authorization, 'Bearer <token#1>');
      assert.deepEqual(r.body, { projectId: P, name: 'enc-key' });
      const k = assertResolved(side);
      assert.deepEqual(Object.keys(k), [
        'id',
        'description',
        'isDisabled',
        'orgId',
        'name',
        'createdAt',
        'updatedAt',
        'projectId',
        'keyUsage',
        'kmipMetadata',
        'version',
        'encryptionAlgorithm',
      ]);
      assert.equal(k.name, 'enc-key');
      assert.equal(k.projectId, P);
      assert.equal(k.keyUsage, 'encrypt-decrypt');
      assert.equal(k.encryptionAlgorithm, 'aes-256-gcm');
      assert.equal(k.description, null);
      assert.equal(k.createdAt, FIXED_NOW_ISO);
    },
  },
);

diff(
  'keys().create with every option (encryption AES-128, signing ECC P-256) and getByName',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const keys = sdk.kms().keys();
    const a = await keys.create({
      projectId: ctx.projectId,
      name: 'aes-128',
      description: 'for tokens',
      keyUsage: m.KeyUsage.ENCRYPTION,
      encryptionAlgorithm: m.EncryptionAlgorithm.AES_128_GCM,
    });
    const b = await keys.create({ ...eccKey(m, ctx), description: 'signing' });
    const byName = await keys.getByName({ projectId: ctx.projectId, name: 'ecc-key' });
    return { a, b, byName, same: JSON.stringify(byName) === JSON.stringify(b) };
  },
  {
    check(side) {
      const [r1, r2, r3] = apiRequests(side);
      assert.deepEqual(r1.body, { projectId: P, name: 'aes-128', description: 'for tokens', keyUsage: 'encrypt-decrypt', encryptionAlgorithm: 'aes-128-gcm' });
      assert.deepEqual(r2.body, { projectId: P, name: 'ecc-key', keyUsage: 'sign-verify', encryptionAlgorithm: 'ECC_NIST_P256', description: 'signing' });
      assert.equal(r3.method, 'GET');
      assert.equal(r3.path, `${KEYS}/key-name/ecc-key`);
      assert.equal(r3.query.raw, `projectId=${P}`);
      assert.equal(r3.body, undefined);
      assert.equal(r3.contentType, undefined);
      const { a, b, same } = assertResolved(side);
      assert.equal(a.encryptionAlgorithm, 'aes-128-gcm');
      assert.equal(a.description, 'for tokens');
      assert.equal(b.keyUsage, 'sign-verify');
      assert.equal(b.encryptionAlgorithm, 'ECC_NIST_P256');
      assert.equal(same, true);
    },
  },
);

diff(
  'keys().delete: DELETE without a body, resolves to key; afterwards 404 everywhere',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const k = await sdk.kms().keys().create(encKey(m, ctx));
    const deleted = await sdk.kms().keys().delete({ keyId: k.id });
    return {
      deleted: deleted.id === k.id && deleted.name,
      again: await callOutcome(() => sdk.kms().keys().delete({ keyId: k.id })),
      byName: await callOutcome(() => sdk.kms().keys().getByName({ projectId: ctx.projectId, name: 'enc-key' })),
      encrypt: await callOutcome(() => sdk.kms().encryption().encrypt({ keyId: k.id, plaintext: b64('x') })),
    };
  },
  {
    check(side) {
      const reqs = apiRequests(side);
      const id = reqs[1].path.split('/').pop();
      assert.equal(reqs[1].method, 'DELETE');
      assert.equal(reqs[1].path, `${KEYS}/${id}`);
      assert.equal(reqs[1].body, undefined);
      assert.equal(reqs[1].contentType, undefined);
      const u = h.server.url;
      assert.deepEqual(assertResolved(side), {
        deleted: 'enc-key',
        again: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${id}] [Method=DELETE] [StatusCode=404] Key with ID ${id} not found`),
        byName: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/key-name/enc-key?projectId=${P}] [Method=GET] [StatusCode=404] Key with name "enc-key" not found for project with ID "${P}"`),
        encrypt: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${id}/encrypt] [Method=POST] [StatusCode=404] Key with ID "${id}" not found`),
      });
    },
  },
);

diff(
  'keys() errors: duplicate name 400, bad name 422, usage/algorithm mismatch 422, unknown project 404, getByName with a bad name 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const keys = sdk.kms().keys();
    await keys.create(encKey(m, ctx));
    return {
      duplicate: await callOutcome(() => keys.create(encKey(m, ctx))),
      badName: await callOutcome(() => keys.create(encKey(m, ctx, { name: 'Not A Slug' }))),
      mismatch: await callOutcome(() => keys.create(encKey(m, ctx, { name: 'rsa-enc', encryptionAlgorithm: m.EncryptionAlgorithm.RSA_4096 }))),
      mismatch2: await callOutcome(() => keys.create(encKey(m, ctx, { name: 'aes-sign', keyUsage: m.KeyUsage.SIGNING }))),
      unknownProject: await callOutcome(() => keys.create({ projectId: 'no-such-project', name: 'k' })),
      getBadName: await callOutcome(() => keys.getByName({ projectId: ctx.projectId, name: 'Bad Name' })),
      deleteBadId: await callOutcome(() => keys.delete({ keyId: 'not-a-uuid' })),
      deleteUnknown: await callOutcome(() => keys.delete({ keyId: UNKNOWN_KEY })),
    };
  },
  {
    check(side) {
      const u = h.server.url;
      const reqs = apiRequests(side);
      assert.equal(reqs[6].path, `${KEYS}/key-name/Bad%20Name`);
      const r = assertResolved(side);
      assert.deepEqual(r.duplicate, rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}] [Method=POST] [StatusCode=400] A KMS key with the name "enc-key" already exists for the project with ID "${P}"`));
      assert.deepEqual(r.badName, REQUEST_422);
      assert.deepEqual(r.mismatch, REQUEST_422);
      assert.deepEqual(r.mismatch2, REQUEST_422);
      assert.ok(r.unknownProject.rejected.message.startsWith(`[URL=${u}${KEYS}] [Method=POST] [StatusCode=404]`), r.unknownProject.rejected.message);
      assert.deepEqual(r.getBadName, REQUEST_422);
      assert.deepEqual(r.deleteBadId, REQUEST_422);
      assert.deepEqual(r.deleteUnknown, rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${UNKNOWN_KEY}] [Method=DELETE] [StatusCode=404] Key with ID ${UNKNOWN_KEY} not found`));
    },
  },
);

// =============================================================================================
// encryption()

diff(
  'encryption(): encrypt/decrypt round trips (AES-256 and AES-128, text, binary, empty)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const k256 = await sdk.kms().keys().create(encKey(m, ctx));
    const k128 = await sdk.kms().keys().create(encKey(m, ctx, { name: 'k128', encryptionAlgorithm: m.EncryptionAlgorithm.AES_128_GCM }));
    const { encrypt, decrypt } = sdk.kms().encryption();
    const plaintexts = [b64('hello, world'), b64('ünïcødé 😀'), Buffer.from([0, 1, 2, 253, 254, 255]).toString('base64'), ''];
    const out = [];
    for (const k of [k256, k128]) {
      for (const plaintext of plaintexts) {
        const ciphertext = await encrypt({ keyId: k.id, plaintext });
        const back = await decrypt({ keyId: k.id, ciphertext });
        out.push({ alg: k.encryptionAlgorithm, ciphertext: ciphertextShape(ciphertext), roundTrip: back === plaintext, back });
      }
    }
    return out;
  },
  {
    ...MASK,
    check(side) {
      const reqs = apiRequests(side).slice(2);
      const id = reqs[0].path.split('/')[5];
      assert.equal(reqs[0].method, 'POST');
      assert.equal(reqs[0].path, `${KEYS}/${id}/encrypt`);
      assert.deepEqual(reqs[0].body, { keyId: id, plaintext: b64('hello, world') });
      assert.equal(reqs[1].path, `${KEYS}/${id}/decrypt`);
      assert.deepEqual(reqs[1].body, { keyId: id, ciphertext: '<ciphertext>' });
      const out = assertResolved(side);
      assert.equal(out.length, 8);
      assert.ok(out.every((o) => o.roundTrip), JSON.stringify(out));
      assert.deepEqual(out.map((o) => o.ciphertext), [40, 44, 34, 28, 40, 44, 34, 28].map((n) => `<${n}-byte ciphertext>`));
      assert.equal(out[0].back, b64('hello, world'));
      assert.equal(out[3].back, '');
    },
  },
);

diff(
  'encryption() errors: non-base64 plaintext 422, too large 422, bad ciphertext 500, signing key 400, unknown key 404, non-uuid key 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const k = await sdk.kms().keys().create(encKey(m, ctx));
    const ecc = await sdk.kms().keys().create(eccKey(m, ctx));
    const { encrypt, decrypt } = sdk.kms().encryption();
    return {
      notBase64: await callOutcome(() => encrypt({ keyId: k.id, plaintext: 'not base64!' })),
      tooLarge: await callOutcome(() => encrypt({ keyId: k.id, plaintext: Buffer.alloc(5000, 1).toString('base64') })),
      decryptNotBase64: await callOutcome(() => decrypt({ keyId: k.id, ciphertext: 'äöü' })),
      decryptGarbage: await callOutcome(() => decrypt({ keyId: k.id, ciphertext: Buffer.alloc(40, 7).toString('base64') })),
      signingKey: await callOutcome(() => encrypt({ keyId: ecc.id, plaintext: b64('x') })),
      unknown: await callOutcome(() => decrypt({ keyId: UNKNOWN_KEY, ciphertext: b64('x') })),
      notUuid: await callOutcome(() => encrypt({ keyId: 'enc-key', plaintext: b64('x') })),
    };
  },
  {
    check(side) {
      const u = h.server.url;
      const r = assertResolved(side);
      const id = apiRequests(side)[2].body.keyId;
      const eccId = apiRequests(side)[6].body.keyId;
      assert.deepEqual(r.notBase64, REQUEST_422);
      assert.deepEqual(r.tooLarge, REQUEST_422);
      assert.deepEqual(r.decryptNotBase64, REQUEST_422);
      assert.equal(r.decryptGarbage.rejected.name, 'InfisicalSDKRequestError');
      assert.ok(r.decryptGarbage.rejected.message.startsWith(`[URL=${u}${KEYS}/${id}/decrypt] [Method=POST] [StatusCode=500]`), r.decryptGarbage.rejected.message);
      assert.deepEqual(r.signingKey, rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${eccId}/encrypt] [Method=POST] [StatusCode=400] Key with ID '${eccId}' is not intended for encryption`));
      assert.deepEqual(r.unknown, rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${UNKNOWN_KEY}/decrypt] [Method=POST] [StatusCode=404] Key with ID "${UNKNOWN_KEY}" not found`));
      assert.deepEqual(r.notUuid, REQUEST_422);
    },
  },
);

// =============================================================================================
// signing()

// Sign `message` with every variant, verify each signature with the server and locally, and
// check that a tampered signature and other data do not verify.
async function signingRoundTrip(sdk, keyId, algs) {
  const signing = sdk.kms().signing();
  const listed = await signing.listSigningAlgorithms({ keyId });
  const publicKey = await signing.getPublicKey({ keyId });
  const message = 'the quick brown fox';
  const results = [];
  for (const alg of algs) {
    for (const isDigest of [false, true]) {
      const data = isDigest ? sha256(message).toString('base64') : b64(message);
      const opts = { keyId, data, signingAlgorithm: alg };
      if (isDigest) opts.isDigest = true;
      const signed = await signing.sign(opts);
      const verified = await signing.verify({ ...opts, signature: signed.signature });
      const sig = Buffer.from(signed.signature, 'base64');
      sig[Math.floor(sig.length / 2)] ^= 0x01;
      const tampered = await signing.verify({ ...opts, signature: sig.toString('base64') });
      const otherData = await signing.verify({ ...opts, data: isDigest ? sha256('other').toString('base64') : b64('other'), signature: signed.signature });
      results.push({
        alg,
        isDigest,
        signed: { ...signed, signature: signatureShape(alg, signed.signature) },
        verified,
        tampered: tampered.signatureValid,
        otherData: otherData.signatureValid,
        local: verifyLocally(publicKey, alg, message, signed.signature),
      });
    }
  }
  return { listed, publicKey: publicKeyShape(publicKey), results };
}

function checkRoundTrip(side, { algs, listed, publicKey, sigShape }) {
  const r = assertResolved(side);
  assert.deepEqual(r.listed, listed);
  assert.deepEqual(r.publicKey, publicKey);
  assert.equal(r.results.length, algs.length * 2);
  for (const res of r.results) {
    assert.equal(res.signed.signature, sigShape, JSON.stringify(res));
    assert.equal(res.signed.signingAlgorithm, res.alg);
    assert.deepEqual(Object.keys(res.signed), ['signature', 'keyId', 'signingAlgorithm']);
    assert.deepEqual(res.verified, { signatureValid: true, keyId: res.signed.keyId, signingAlgorithm: res.alg });
    assert.equal(res.tampered, false, `${res.alg} tampered`);
    assert.equal(res.otherData, false, `${res.alg} other data`);
    assert.equal(res.local, true, `${res.alg} isDigest=${res.isDigest} verifies locally`);
  }
  const reqs = apiRequests(side).slice(1);
  const keyId = r.results[0].signed.keyId;
  assert.deepEqual(reqs.slice(0, 2).map((x) => [x.method, x.path, x.body]), [
    ['GET', `${KEYS}/${keyId}/signing-algorithms`, undefined],
    ['GET', `${KEYS}/${keyId}/public-key`, undefined],
  ]);
  const [sign, verify] = reqs.slice(2, 4);
  assert.equal(sign.path, `${KEYS}/${keyId}/sign`);
  assert.deepEqual(sign.body, { keyId, data: b64('the quick brown fox'), signingAlgorithm: algs[0] });
  assert.equal(verify.path, `${KEYS}/${keyId}/verify`);
  assert.deepEqual(verify.body, { keyId, data: b64('the quick brown fox'), signingAlgorithm: algs[0], signature: '<signature>' });
  const digestSign = reqs[6];
  assert.deepEqual(digestSign.body, { keyId, data: sha256('the quick brown fox').toString('base64'), signingAlgorithm: algs[0], isDigest: true });
}

diff(
  'signing() with an RSA 4096 key: RSASSA_PSS_SHA_256 and RSASSA_PKCS1_V1_5_SHA_256, over data and digests',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const k = await sdk.kms().keys().create(rsaKey(m, ctx));
    return signingRoundTrip(sdk, k.id, [m.SigningAlgorithm.RSASSA_PSS_SHA_256, m.SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256]);
  },
  {
    ...MASK,
    check(side) {
      checkRoundTrip(side, {
        algs: ['RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256'],
        listed: ['RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512'],
        publicKey: { type: 'rsa', bits: 4096, curve: undefined },
        sigShape: '<512-byte signature>',
      });
    },
  },
);

diff(
  'signing() with an ECC P-256 key: ECDSA_SHA_256 over data and digests',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const k = await sdk.kms().keys().create(eccKey(m, ctx));
    return signingRoundTrip(sdk, k.id, [m.SigningAlgorithm.ECDSA_SHA_256]);
  },
  {
    ...MASK,
    check(side) {
      checkRoundTrip(side, {
        algs: ['ECDSA_SHA_256'],
        listed: ['ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512'],
        publicKey: { type: 'ec', bits: undefined, curve: 'prime256v1' },
        sigShape: '<ECDSA DER signature>',
      });
    },
  },
);

diff(
  'signing() errors: wrong algorithm family 400, bad digest length 400, encryption key 400, non-base64 422, unknown key 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const ecc = await sdk.kms().keys().create(eccKey(m, ctx));
    const enc = await sdk.kms().keys().create(encKey(m, ctx));
    const s = sdk.kms().signing();
    const data = b64('data');
    return {
      wrongFamily: await callOutcome(() => s.sign({ keyId: ecc.id, data, signingAlgorithm: m.SigningAlgorithm.RSASSA_PSS_SHA_256 })),
      badDigest: await callOutcome(() => s.sign({ keyId: ecc.id, data, signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256, isDigest: true })),
      encKeySign: await callOutcome(() => s.sign({ keyId: enc.id, data, signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256 })),
      encKeyAlgs: await callOutcome(() => s.listSigningAlgorithms({ keyId: enc.id })),
      encKeyPublic: await callOutcome(() => s.getPublicKey({ keyId: enc.id })),
      notBase64: await callOutcome(() => s.verify({ keyId: ecc.id, data, signature: '***', signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256 })),
      unknownAlg: await callOutcome(() => s.sign({ keyId: ecc.id, data, signingAlgorithm: 'ECDSA_SHA_1' })),
      unknownSign: await callOutcome(() => s.sign({ keyId: UNKNOWN_KEY, data, signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256 })),
      unknownVerify: await callOutcome(() => s.verify({ keyId: UNKNOWN_KEY, data, signature: data, signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256 })),
      unknownAlgs: await callOutcome(() => s.listSigningAlgorithms({ keyId: UNKNOWN_KEY })),
      unknownPublic: await callOutcome(() => s.getPublicKey({ keyId: UNKNOWN_KEY })),
    };
  },
  {
    check(side) {
      const u = h.server.url;
      const reqs = apiRequests(side);
      const eccId = reqs[2].body.keyId;
      const encId = reqs[4].path.split('/')[5];
      const nf = (path, method) => rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${UNKNOWN_KEY}${path}] [Method=${method}] [StatusCode=404] Key with ID "${UNKNOWN_KEY}" not found`);
      const notSigning = (path, method) => rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${encId}${path}] [Method=${method}] [StatusCode=400] Key with ID '${encId}' is not intended for signing`);
      assert.deepEqual(assertResolved(side), {
        wrongFamily: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${eccId}/sign] [Method=POST] [StatusCode=400] Invalid signing algorithm RSASSA_PSS_SHA_256 for key algorithm ECC_NIST_P256`),
        badDigest: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${KEYS}/${eccId}/sign] [Method=POST] [StatusCode=400] Invalid digest length for ECDSA_SHA_256`),
        encKeySign: notSigning('/sign', 'POST'),
        encKeyAlgs: notSigning('/signing-algorithms', 'GET'),
        encKeyPublic: notSigning('/public-key', 'GET'),
        notBase64: REQUEST_422,
        unknownAlg: REQUEST_422,
        unknownSign: nf('/sign', 'POST'),
        unknownVerify: nf('/verify', 'POST'),
        unknownAlgs: nf('/signing-algorithms', 'GET'),
        unknownPublic: nf('/public-key', 'GET'),
      });
    },
  },
);

// =============================================================================================
// Object identity and detached methods

diff(
  'kms() is stable; keys(), encryption(), signing() return new objects each call; detached methods work',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const kms = sdk.kms();
    const names = (o) => Object.keys(o);
    const { create, getByName, delete: del } = kms.keys();
    const { encrypt, decrypt } = kms.encryption();
    const { sign, verify, listSigningAlgorithms, getPublicKey } = kms.signing();
    const k = await create(encKey(m, ctx));
    const byName = await getByName({ projectId: ctx.projectId, name: 'enc-key' });
    const ciphertext = await encrypt({ keyId: k.id, plaintext: b64('detached') });
    const plaintext = await decrypt({ keyId: k.id, ciphertext });
    const ecc = await create(eccKey(m, ctx));
    const signed = await sign({ keyId: ecc.id, data: b64('d'), signingAlgorithm: 'ECDSA_SHA_256' });
    const verified = await verify({ keyId: ecc.id, data: b64('d'), signature: signed.signature, signingAlgorithm: 'ECDSA_SHA_256' });
    const algs = await listSigningAlgorithms({ keyId: ecc.id });
    const pk = await getPublicKey({ keyId: ecc.id });
    const deleted = await del({ keyId: k.id });
    return {
      kmsStable: sdk.kms() === kms,
      newKeys: kms.keys() !== kms.keys(),
      newEncryption: kms.encryption() !== kms.encryption(),
      newSigning: kms.signing() !== kms.signing(),
      newMethods: kms.keys().create !== kms.keys().create,
      keyNames: names(kms.keys()),
      encryptionNames: names(kms.encryption()),
      signingNames: names(kms.signing()),
      accessorsOwn: ['keys', 'encryption', 'signing'].map((n) => Object.prototype.hasOwnProperty.call(kms, n) && typeof kms[n]),
      byName: byName.id === k.id,
      plaintext: Buffer.from(plaintext, 'base64').toString(),
      verified: verified.signatureValid,
      algs,
      pk: publicKeyShape(pk),
      deleted: deleted.id === k.id,
    };
  },
  {
    ...MASK,
    check(side) {
      assert.deepEqual(assertResolved(side), {
        kmsStable: true,
        newKeys: true,
        newEncryption: true,
        newSigning: true,
        newMethods: true,
        keyNames: ['create', 'delete', 'getByName'],
        encryptionNames: ['encrypt', 'decrypt'],
        signingNames: ['sign', 'verify', 'listSigningAlgorithms', 'getPublicKey'],
        accessorsOwn: ['function', 'function', 'function'],
        byName: true,
        plaintext: 'detached',
        verified: true,
        algs: ['ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512'],
        pk: { type: 'ec', bits: undefined, curve: 'prime256v1' },
        deleted: true,
      });
    },
  },
);

// =============================================================================================
// Authentication faults

const allCalls = (sdk, projectId, keyId) => ({
  create: () => sdk.kms().keys().create({ projectId, name: 'k' }),
  delete: () => sdk.kms().keys().delete({ keyId }),
  getByName: () => sdk.kms().keys().getByName({ projectId, name: 'enc-key' }),
  encrypt: () => sdk.kms().encryption().encrypt({ keyId, plaintext: b64('x') }),
  decrypt: () => sdk.kms().encryption().decrypt({ keyId, ciphertext: b64('x') }),
  sign: () => sdk.kms().signing().sign({ keyId, data: b64('x'), signingAlgorithm: 'ECDSA_SHA_256' }),
  verify: () => sdk.kms().signing().verify({ keyId, data: b64('x'), signature: b64('x'), signingAlgorithm: 'ECDSA_SHA_256' }),
  listSigningAlgorithms: () => sdk.kms().signing().listSigningAlgorithms({ keyId }),
  getPublicKey: () => sdk.kms().signing().getPublicKey({ keyId }),
});

diff(
  'not logged in: every method gets 401 Token missing',
  async (m, ctx) => settleAll(allCalls(new m.InfisicalSDK({ siteUrl: ctx.url }), ctx.projectId, UNKNOWN_KEY)),
  {
    check(side) {
      assert.equal(side.requests.length, 9);
      assert.ok(side.requests.every((r) => r.authorization === undefined));
      const u = `${h.server.url}${KEYS}`;
      const e = (url, method) => rejectedShape('InfisicalSDKRequestError', `[URL=${url}] [Method=${method}] [StatusCode=401] Token missing`);
      assert.deepEqual(assertResolved(side), {
        create: e(u, 'POST'),
        delete: e(`${u}/${UNKNOWN_KEY}`, 'DELETE'),
        getByName: e(`${u}/key-name/enc-key?projectId=${P}`, 'GET'),
        encrypt: e(`${u}/${UNKNOWN_KEY}/encrypt`, 'POST'),
        decrypt: e(`${u}/${UNKNOWN_KEY}/decrypt`, 'POST'),
        sign: e(`${u}/${UNKNOWN_KEY}/sign`, 'POST'),
        verify: e(`${u}/${UNKNOWN_KEY}/verify`, 'POST'),
        listSigningAlgorithms: e(`${u}/${UNKNOWN_KEY}/signing-algorithms`, 'GET'),
        getPublicKey: e(`${u}/${UNKNOWN_KEY}/public-key`, 'GET'),
      });
    },
  },
);

diff(
  'expired token: every method gets 403',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m, { autoTokenRefresh: false });
    const k = await sdk.kms().keys().create(encKey(m, ctx));
    ctx.server.expireToken(sdk.auth().getAccessToken());
    return settleAll(allCalls(sdk, ctx.projectId, k.id));
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 10);
      const r = assertResolved(side);
      assert.equal(Object.keys(r).length, 9);
      for (const k of Object.keys(r)) {
        assert.equal(r[k].rejected.name, 'InfisicalSDKRequestError', k);
        assert.ok(r[k].rejected.message.endsWith('[StatusCode=403] Your token has expired. Please re-authenticate.'), r[k].rejected.message);
      }
    },
  },
);

// =============================================================================================
// Deliberate: bad input. official: a V8 TypeError message when the options object is missing
// (no request; keys().create() alone sends a body-less POST), else the request goes out as given
// ("undefined" in paths and queries) and the server answers; ours: rejects before any request
// with an InfisicalSDKError naming the option.

const K = '00000009-765a-4abd-8ad7-e13e41bde833'; // any uuid
const BAD_INPUT = [
  // [label, call(kms), option regex, official: requests, official: message (string or regex)]
  ['keys().create()', (k) => k.keys().create(), /options/, 1, 'Request failed with status 422'],
  ['keys().create without name', (k) => k.keys().create({ projectId: P }), /"name"/, 1, 'Request failed with status 422'],
  ['keys().create with a numeric projectId', (k) => k.keys().create({ projectId: 5, name: 'k' }), /projectId/, 1, 'Request failed with status 422'],
  ['keys().create with an unknown keyUsage', (k) => k.keys().create({ projectId: P, name: 'k', keyUsage: 'x' }), /keyUsage/, 1, 'Request failed with status 422'],
  ['keys().create with an unknown encryptionAlgorithm', (k) => k.keys().create({ projectId: P, name: 'k', encryptionAlgorithm: 'aes-512' }), /encryptionAlgorithm/, 1, 'Request failed with status 422'],
  ['keys().delete()', (k) => k.keys().delete(), /options/, 0, "Cannot read properties of undefined (reading 'keyId')"],
  // official: DELETE /keys/undefined → 422 (not a uuid)
  ['keys().delete({})', (k) => k.keys().delete({}), /keyId/, 1, 'Request failed with status 422'],
  ['keys().delete with a numeric keyId', (k) => k.keys().delete({ keyId: 5 }), /keyId/, 1, 'Request failed with status 422'],
  ['keys().getByName()', (k) => k.keys().getByName(), /options/, 0, "Cannot read properties of undefined (reading 'name')"],
  // official: "?projectId=undefined" → 404
  ['keys().getByName without projectId', (k) => k.keys().getByName({ name: 'k' }), /projectId/, 1, /\[StatusCode=404\] Key with name "k" not found for project with ID "undefined"/],
  // official: "/key-name/undefined" → 404
  ['keys().getByName without name', (k) => k.keys().getByName({ projectId: P }), /"name"/, 1, /\[StatusCode=404\] Key with name "undefined" not found/],
  ['encryption().encrypt()', (k) => k.encryption().encrypt(), /options/, 0, "Cannot read properties of undefined (reading 'keyId')"],
  ['encryption().encrypt without plaintext', (k) => k.encryption().encrypt({ keyId: K }), /plaintext/, 1, 'Request failed with status 422'],
  ['encryption().encrypt with a numeric plaintext', (k) => k.encryption().encrypt({ keyId: K, plaintext: 5 }), /plaintext/, 1, 'Request failed with status 422'],
  ['encryption().decrypt without keyId', (k) => k.encryption().decrypt({ ciphertext: b64('x') }), /keyId/, 1, 'Request failed with status 422'],
  ['encryption().decrypt with a Buffer ciphertext', (k) => k.encryption().decrypt({ keyId: K, ciphertext: Buffer.from('x') }), /ciphertext/, 1, 'Request failed with status 422'],
  ['signing().sign()', (k) => k.signing().sign(), /options/, 0, "Cannot read properties of undefined (reading 'keyId')"],
  ['signing().sign without signingAlgorithm', (k) => k.signing().sign({ keyId: K, data: b64('x') }), /signingAlgorithm/, 1, 'Request failed with status 422'],
  ['signing().sign with a string isDigest', (k) => k.signing().sign({ keyId: K, data: b64('x'), signingAlgorithm: 'ECDSA_SHA_256', isDigest: 'yes' }), /isDigest/, 1, 'Request failed with status 422'],
  ['signing().verify without signature', (k) => k.signing().verify({ keyId: K, data: b64('x'), signingAlgorithm: 'ECDSA_SHA_256' }), /signature/, 1, 'Request failed with status 422'],
  ['signing().listSigningAlgorithms()', (k) => k.signing().listSigningAlgorithms(), /options/, 0, "Cannot read properties of undefined (reading 'keyId')"],
  ['signing().listSigningAlgorithms({})', (k) => k.signing().listSigningAlgorithms({}), /keyId/, 1, 'Request failed with status 422'],
  ['signing().getPublicKey()', (k) => k.signing().getPublicKey(), /options/, 0, "Cannot read properties of undefined (reading 'keyId')"],
  ['signing().getPublicKey with a numeric keyId', (k) => k.signing().getPublicKey({ keyId: 7 }), /keyId/, 1, 'Request failed with status 422'],
];

for (const [label, call, optionRe, officialRequests, officialMessage] of BAD_INPUT) {
  test(`deliberate: bad input ${label}`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        return callOutcome(() => call(sdk.kms()));
      },
      {
        official(side) {
          const r = assertResolved(side);
          assert.equal(apiRequests(side).length, officialRequests);
          assert.ok(r.rejected, JSON.stringify(r));
          if (typeof officialMessage === 'string') assert.equal(r.rejected.message, officialMessage);
          else assert.match(r.rejected.message, officialMessage);
        },
        ours: (side) => assertRefusedLocally(side, optionRe, /kms\(\)\./),
      },
    );
  });
}

// =============================================================================================
// Deliberate: key ids and the getByName project id in the URL. official: `keys/${keyId}` and
// `?projectId=${projectId}` glued in raw; ours: one percent-encoded path segment and a proper
// query parameter. For ordinary ids both send exactly the same requests.

diff(
  'ordinary uuid key and project ids: both send identical raw paths and queries for every key route',
  async (m, ctx) => settleAll(allCalls(await ctx.loggedIn(m), ctx.projectId, UNKNOWN_KEY)),
  {
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => [r.method, r.path, r.query.raw]), [
        ['POST', KEYS, ''],
        ['DELETE', `${KEYS}/${UNKNOWN_KEY}`, ''],
        ['GET', `${KEYS}/key-name/enc-key`, `projectId=${P}`],
        ['POST', `${KEYS}/${UNKNOWN_KEY}/encrypt`, ''],
        ['POST', `${KEYS}/${UNKNOWN_KEY}/decrypt`, ''],
        ['POST', `${KEYS}/${UNKNOWN_KEY}/sign`, ''],
        ['POST', `${KEYS}/${UNKNOWN_KEY}/verify`, ''],
        ['GET', `${KEYS}/${UNKNOWN_KEY}/signing-algorithms`, ''],
        ['GET', `${KEYS}/${UNKNOWN_KEY}/public-key`, ''],
      ]);
    },
  },
);

test('deliberate: keys().delete({ keyId: "../x" }): official DELETE /api/v1/kms/x, ours stays on /keys/', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.kms().keys().delete({ keyId: '../x' });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.deepEqual([r.method, r.path, r.query.raw, r.body], ['DELETE', '/api/v1/kms/x', '', undefined]);
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[StatusCode=404] Route DELETE:/api/v1/kms/x not found'] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.deepEqual([r.method, r.path, r.query.raw, r.body], ['DELETE', `${KEYS}/..%2Fx`, '', undefined]);
        // the server's uuid check on :keyId
        assertRejected(side, { name: 'InfisicalSDKError', message: 'Request failed with status 422' });
      },
    },
  );
});

test('deliberate: encrypt with keyId "a/b?c#d": official splits it into path, query and fragment', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.kms().encryption().encrypt({ keyId: 'a/b?c#d', plaintext: b64('x') });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.deepEqual([r.method, r.path, r.query.raw], ['POST', `${KEYS}/a/b`, 'c']);
        assert.deepEqual(r.body, { keyId: 'a/b?c#d', plaintext: b64('x') });
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: [`Route POST:${KEYS}/a/b?c not found`] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.deepEqual([r.method, r.path, r.query.raw], ['POST', `${KEYS}/a%2Fb%3Fc%23d/encrypt`, '']);
        assert.deepEqual(r.body, { keyId: 'a/b?c#d', plaintext: b64('x') });
        assertRejected(side, { name: 'InfisicalSDKError', message: 'Request failed with status 422' });
      },
    },
  );
});

test('deliberate: listSigningAlgorithms with a crafted keyId: official fetches another resource and resolves undefined', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      await sdk.kms().keys().create(encKey(m, ctx));
      return sdk.kms().signing().listSigningAlgorithms({ keyId: `x/../key-name/enc-key?projectId=${ctx.projectId}#` });
    },
    {
      official(side) {
        const [, r] = apiRequests(side);
        assert.deepEqual([r.method, r.path, r.query.raw], ['GET', `${KEYS}/key-name/enc-key`, `projectId=${P}`]);
        // the key-by-name answer has no "signingAlgorithms"
        assert.deepStrictEqual(side.outcome, { resolved: undefined });
      },
      ours(side) {
        const [, r] = apiRequests(side);
        assert.deepEqual([r.method, r.path, r.query.raw], ['GET', `${KEYS}/x%2F..%2Fkey-name%2Fenc-key%3FprojectId%3D${P}%23/signing-algorithms`, '']);
        assertRejected(side, { name: 'InfisicalSDKError', message: 'Request failed with status 422' });
      },
    },
  );
});

test('deliberate: getPublicKey({ keyId: ".." }): official GET /api/v1/kms/public-key, ours refuses locally', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.kms().signing().getPublicKey({ keyId: '..' });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.deepEqual([r.method, r.path], ['GET', '/api/v1/kms/public-key']);
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['Route GET:/api/v1/kms/public-key not found'] });
      },
      ours(side) {
        assert.equal(apiRequests(side).length, 0);
        assertRejected(side, { name: 'InfisicalSDKError', messageMatch: /keyId/ });
      },
    },
  );
});

test('deliberate: getByName with projectId "p&admin=1": official sends two query parameters, ours one', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.kms().keys().getByName({ projectId: 'p&admin=1', name: 'enc-key' });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, `${KEYS}/key-name/enc-key`);
        assert.equal(r.query.raw, 'projectId=p&admin=1');
        assert.deepEqual(r.query.pairs, [
          ['projectId', 'p'],
          ['admin', '1'],
        ]);
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['not found for project with ID "p"'] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, `${KEYS}/key-name/enc-key`);
        assert.equal(r.query.raw, 'projectId=p%26admin%3D1');
        assert.deepEqual(r.query.pairs, [['projectId', 'p&admin=1']]);
        assert.deepEqual(queryObject(r), { projectId: 'p&admin=1' });
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['not found for project with ID "p&admin=1"'] });
      },
    },
  );
});

test('deliberate: getByName with a project id that needs encoding ("a b#c")', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.kms().keys().getByName({ projectId: 'a b#c', name: 'enc-key' });
    },
    {
      official(side) {
        // the "#" starts a fragment: the server sees projectId "a b"
        const [r] = apiRequests(side);
        assert.deepEqual(r.query.pairs, [['projectId', 'a b']]);
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['not found for project with ID "a b"'] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.deepEqual(r.query.pairs, [['projectId', 'a b#c']]);
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['not found for project with ID "a b#c"'] });
      },
    },
  );
});
