'use strict';
// KMS keys (contract section 7, server/routes/v1/cmek-router.ts + services/cmek/cmek-service.ts):
//   POST   /api/v1/kms/keys                          create
//   GET    /api/v1/kms/keys?projectId=               list
//   GET    /api/v1/kms/keys/:keyId                   get
//   DELETE /api/v1/kms/keys/:keyId                   delete
//   GET    /api/v1/kms/keys/key-name/:keyName?projectId=
//   POST   /api/v1/kms/keys/:keyId/encrypt|decrypt   base64 in, base64 out (real AES-GCM)
//   POST   /api/v1/kms/keys/:keyId/sign|verify       base64 data/signature (real RSA / ECDSA)
//   GET    /api/v1/kms/keys/:keyId/signing-algorithms
//   GET    /api/v1/kms/keys/:keyId/public-key        base64 of the DER SubjectPublicKeyInfo

const { badRequest, notFound, internal } = require('../http');
const { z, slugSchema } = require('../schema');
const { projectOr404 } = require('../lookup');
const kc = require('../kms-crypto');

const SYMMETRIC = ['aes-256-gcm', 'aes-128-gcm'];
const ASYMMETRIC = ['RSA_4096', 'ECC_NIST_P256'];

const isBase64 = (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v);
const base64Size = (v) => Math.floor((v.length * 3) / 4) - (v.endsWith('==') ? 2 : v.endsWith('=') ? 1 : 0);
// the router uses this one schema (and message) for plaintext, ciphertext, data and signature
const base64Schema = () =>
  z.string().superRefine((val, addIssue) => {
    if (!isBase64(val)) addIssue('plaintext must be base64 encoded');
    if (base64Size(val) > 4096) addIssue('data cannot exceed 4096 bytes');
  });

const keyNameSchema = () => slugSchema({ min: 1, max: 32, field: 'Name' });
const keyIdParams = z.object({ keyId: z.string().uuid() });

const createBody = z
  .object({
    projectId: z.string(),
    name: keyNameSchema(),
    description: z.string().trim().max(500).optional(),
    keyUsage: z.enum(['encrypt-decrypt', 'sign-verify']).optional().default('encrypt-decrypt'),
    encryptionAlgorithm: z.enum([...SYMMETRIC, ...ASYMMETRIC]).optional().default('aes-256-gcm'),
  })
  .superRefine((data, addIssue) => {
    if (data.keyUsage === 'encrypt-decrypt' && !SYMMETRIC.includes(data.encryptionAlgorithm)) {
      addIssue(`encryptionAlgorithm must be a valid symmetric encryption algorithm. Valid options are: ${SYMMETRIC.join(', ')}`);
    }
    if (data.keyUsage === 'sign-verify' && !ASYMMETRIC.includes(data.encryptionAlgorithm)) {
      addIssue(`encryptionAlgorithm must be a valid asymmetric sign-verify algorithm. Valid options are: ${ASYMMETRIC.join(', ')}`);
    }
  });

const keyNameParams = z.object({ keyName: slugSchema({ field: 'Key name' }) });
const projectIdQuery = z.object({ projectId: z.string().min(1, 'Project ID is required') });
const listQuery = z.object({
  projectId: z.string(),
  offset: z.coerceNumber().min(0).optional().default(0),
  limit: z.coerceNumber().min(1).max(100).optional().default(100),
  orderBy: z.enum(['name']).optional().default('name'),
  orderDirection: z.enum(['asc', 'desc']).optional().default('asc'),
  search: z.string().trim().optional(),
});
const encryptBody = z.object({ plaintext: base64Schema() });
const decryptBody = z.object({ ciphertext: base64Schema() });
const signingAlgorithm = () => z.enum(kc.SIGNING_ALGORITHMS);
const signBody = z.object({
  signingAlgorithm: signingAlgorithm(),
  isDigest: z.boolean().optional().default(false),
  data: base64Schema(),
});
const verifyBody = z.object({
  isDigest: z.boolean().optional().default(false),
  data: base64Schema(),
  signature: base64Schema(),
  signingAlgorithm: signingAlgorithm(),
});

module.exports = function registerKmsRoutes(router, { state }) {
  // CmekSchema: KmsKeys columns (minus isReserved) + version + encryptionAlgorithm
  const keyOut = (k) => ({
    id: k.id,
    description: k.description,
    isDisabled: k.isDisabled,
    orgId: k.orgId,
    name: k.name,
    createdAt: k.createdAt,
    updatedAt: k.updatedAt,
    projectId: k.projectId,
    keyUsage: k.keyUsage,
    kmipMetadata: null,
    version: k.version,
    encryptionAlgorithm: k.encryptionAlgorithm,
  });

  const keyById = (keyId) => {
    const key = state.kmsKeys.get(keyId);
    if (!key) throw notFound(`Key with ID "${keyId}" not found`);
    return key;
  };
  const usableKey = (keyId) => {
    const key = keyById(keyId);
    if (key.isDisabled) throw badRequest('Key is disabled');
    return key;
  };
  const signingKey = (keyId, alg) => {
    const key = usableKey(keyId);
    if (key.keyUsage !== 'sign-verify') throw badRequest(`Key with ID '${keyId}' is not intended for signing`);
    const family = key.encryptionAlgorithm.startsWith('RSA') ? 'RSASSA' : 'ECDSA';
    if (alg && !alg.startsWith(family)) {
      throw badRequest(`Invalid signing algorithm ${alg} for key algorithm ${key.encryptionAlgorithm}`);
    }
    return key;
  };

  router.add('POST', '/api/v1/kms/keys', { auth: true }, async (req) => {
    const b = createBody.parse(req.body);
    const project = projectOr404(state, b.projectId);
    if ([...state.kmsKeys.values()].some((k) => k.projectId === project.id && k.name === b.name)) {
      throw badRequest(`A KMS key with the name "${b.name}" already exists for the project with ID "${project.id}"`);
    }
    const ts = state.nowIso();
    const key = {
      id: state.newId(),
      description: b.description ?? null,
      isDisabled: false,
      orgId: project.orgId,
      name: b.name,
      createdAt: ts,
      updatedAt: ts,
      projectId: project.id,
      keyUsage: b.keyUsage,
      version: 1,
      encryptionAlgorithm: b.encryptionAlgorithm,
    };
    if (SYMMETRIC.includes(b.encryptionAlgorithm)) key.secretKey = kc.generateSymmetricKey(b.encryptionAlgorithm);
    else key.keyPair = await kc.generateKeyPair(b.encryptionAlgorithm);
    state.kmsKeys.set(key.id, key);
    return { key: keyOut(key) };
  });

  router.add('GET', '/api/v1/kms/keys', { auth: true }, (req) => {
    const q = listQuery.parse(req.query);
    const project = projectOr404(state, q.projectId);
    let keys = [...state.kmsKeys.values()].filter((k) => k.projectId === project.id);
    if (q.search) keys = keys.filter((k) => k.name.includes(q.search));
    keys.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (q.orderDirection === 'desc') keys.reverse();
    return { keys: keys.slice(q.offset, q.offset + q.limit).map(keyOut), totalCount: keys.length };
  });

  router.add('GET', '/api/v1/kms/keys/key-name/:keyName', { auth: true }, (req) => {
    const { keyName } = keyNameParams.parse(req.params);
    const { projectId } = projectIdQuery.parse(req.query);
    const key = [...state.kmsKeys.values()].find((k) => k.projectId === projectId && k.name === keyName);
    if (!key) throw notFound(`Key with name "${keyName}" not found for project with ID "${projectId}"`);
    return { key: keyOut(key) };
  });

  router.add('GET', '/api/v1/kms/keys/:keyId', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    return { key: keyOut(keyById(keyId)) };
  });

  router.add('DELETE', '/api/v1/kms/keys/:keyId', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const key = state.kmsKeys.get(keyId);
    if (!key) throw notFound(`Key with ID ${keyId} not found`);
    state.kmsKeys.delete(keyId);
    return { key: keyOut(key) };
  });

  router.add('POST', '/api/v1/kms/keys/:keyId/encrypt', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const { plaintext } = encryptBody.parse(req.body);
    const key = usableKey(keyId);
    if (!key.secretKey) throw badRequest(`Key with ID '${keyId}' is not intended for encryption`);
    return { ciphertext: kc.encrypt(key.encryptionAlgorithm, key.secretKey, Buffer.from(plaintext, 'base64')).toString('base64') };
  });

  router.add('POST', '/api/v1/kms/keys/:keyId/decrypt', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const { ciphertext } = decryptBody.parse(req.body);
    const key = usableKey(keyId);
    if (!key.secretKey) throw badRequest(`Key with ID '${keyId}' is not intended for encryption`);
    let plain;
    try {
      plain = kc.decrypt(key.encryptionAlgorithm, key.secretKey, Buffer.from(ciphertext, 'base64'));
    } catch {
      throw internal(); // the cipher error is not a known error class on the real server
    }
    return { plaintext: plain.toString('base64') };
  });

  router.add('GET', '/api/v1/kms/keys/:keyId/signing-algorithms', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const key = signingKey(keyId);
    const prefix = key.encryptionAlgorithm.startsWith('RSA') ? 'RSA' : 'ECDSA';
    return { signingAlgorithms: kc.SIGNING_ALGORITHMS.filter((a) => a.startsWith(prefix)) };
  });

  router.add('GET', '/api/v1/kms/keys/:keyId/public-key', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const key = signingKey(keyId);
    return { publicKey: kc.publicKeyDer(key.keyPair.publicKey).toString('base64') };
  });

  router.add('POST', '/api/v1/kms/keys/:keyId/sign', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const b = signBody.parse(req.body);
    const key = signingKey(keyId, b.signingAlgorithm);
    const data = Buffer.from(b.data, 'base64');
    if (b.isDigest && data.length !== kc.HASH_LEN[kc.SIGNING[b.signingAlgorithm].hash]) {
      throw badRequest(`Invalid digest length for ${b.signingAlgorithm}`);
    }
    const signature = kc.sign(b.signingAlgorithm, key.keyPair, data, b.isDigest);
    return { signature: signature.toString('base64'), keyId: key.id, signingAlgorithm: b.signingAlgorithm };
  });

  router.add('POST', '/api/v1/kms/keys/:keyId/verify', { auth: true }, (req) => {
    const { keyId } = keyIdParams.parse(req.params);
    const b = verifyBody.parse(req.body);
    const key = signingKey(keyId, b.signingAlgorithm);
    const signatureValid = kc.verify(b.signingAlgorithm, key.keyPair, Buffer.from(b.data, 'base64'), Buffer.from(b.signature, 'base64'), b.isDigest);
    return { signatureValid, keyId: key.id, signingAlgorithm: b.signingAlgorithm };
  });
};
