'use strict';
// The in-memory "database" of the test server: identities and their access
// tokens, projects with environments, folders, secrets (with versions), tags,
// imports, dynamic secrets, leases and KMS keys. Everything is reset by
// `reset()` to the seeded defaults.
//
// Ids are uuid-shaped and deterministic per server instance: the first 8 hex
// digits are a counter, so sorting by id (what the real DAL does for secret
// lists: ORDER BY id) gives creation order, and two servers fed the same
// requests hand out the same ids.

const crypto = require('node:crypto');
const jwt = require('./jwt');
const { createIssuer } = require('./jwt-rs256');
const { ociFingerprint, asPublicKey } = require('./oci-signature');

const DEFAULTS = Object.freeze({
  orgId: '00000000-0000-4000-8000-0000000000f0',
  orgSlug: 'test-org',
  identityId: '00000000-0000-0000-0000-00000000aaaa',
  identityName: 'test-identity',
  clientId: 'test-client-id',
  clientSecret: 'test-client-secret',
  awsIdentityId: '00000000-0000-0000-0000-00000000bbbb',
  // The AWS key pair aws-auth logins must be signed with (SigV4, checked like STS does):
  // the example pair from the AWS documentation. More: startServer({ awsCredentials: [...] }).
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // azure-auth: a fake Entra tenant whose tokens (server.signAzureToken) the server verifies.
  azureIdentityId: '00000000-0000-0000-0000-00000000cccc',
  azureTenantId: '00000000-0000-4000-8000-0000000a2e01',
  azureResource: 'https://management.azure.com/',
  azureServicePrincipalId: '00000000-0000-4000-8000-0000000a2e02',
  // oci-auth: a user whose API key (server.ociUser, generated on first use) signs the request.
  ociIdentityId: '00000000-0000-0000-0000-00000000dddd',
  ociTenancyOcid: 'ocid1.tenancy.oc1..aaaaaaaatesttenancy',
  ociUserOcid: 'ocid1.user.oc1..aaaaaaaatestuser',
  ociUsername: 'test-user',
  ociRegion: 'us-ashburn-1',
  // alicloud-auth: the AccessKey pair STS would accept, and the ARN it answers with.
  aliCloudIdentityId: '00000000-0000-0000-0000-00000000eeee',
  aliCloudAccessKeyId: 'LTAI5tTestAccessKeyId',
  aliCloudAccessKeySecret: 'TestAliCloudAccessKeySecret0123',
  aliCloudArn: 'acs:ram::1234567890123456:user/test-user',
  projectId: '11111111-1111-1111-1111-111111111111',
  projectSlug: 'test-project',
  projectName: 'Test Project',
  environments: [
    { slug: 'dev', name: 'Development' },
    { slug: 'staging', name: 'Staging' },
    { slug: 'prod', name: 'Production' },
  ],
  tags: [
    { id: '22222222-2222-4222-8222-000000000001', slug: 'backend', color: '#3b82f6' },
    { id: '22222222-2222-4222-8222-000000000002', slug: 'frontend', color: '#f59e0b' },
  ],
});

// Path helpers: folder paths are '/' or '/a/b'. Secrets routes do not add a
// leading slash; we resolve 'a/b' like '/a/b' (unconfirmed on the real server).
const pathSegments = (p) => String(p || '/').split('/').filter(Boolean);
const normalizePath = (p) => {
  const segs = pathSegments(p);
  return segs.length ? `/${segs.join('/')}` : '/';
};

class State {
  constructor(options = {}) {
    this.options = options;
    this.authSecret = options.authSecret || crypto.randomBytes(32).toString('hex');
    this.frozenAt = null; // survives reset(): see freezeClock()
    // AWS key pairs STS would accept (aws-auth logins are checked against them)
    this.awsKeys = [{ accessKeyId: DEFAULTS.awsAccessKeyId, secretAccessKey: DEFAULTS.awsSecretAccessKey }, ...(options.awsCredentials || [])];
    // Cloud credentials the fake clouds accept; like awsKeys they survive reset() (keys are slow to make).
    this.ociUsers = new Map(); // userOcid -> { userOcid, tenancyOcid, name, publicKey, fingerprint }
    this.aliCloudKeys = [{ accessKeyId: DEFAULTS.aliCloudAccessKeyId, accessKeySecret: DEFAULTS.aliCloudAccessKeySecret, arn: DEFAULTS.aliCloudArn }];
    this.reset();
  }

  // ---------------------------------------------------------------- basics
  reset() {
    this.idCounter = 0;
    this.reqCounter = 0;
    this.clockOffsetMs = 0;
    this.identities = new Map(); // identityId -> identity
    this.tokens = new Map(); // token row id -> row
    this.forcedExpired = new Set(); // access-token strings treated as expired JWTs
    this.lockouts = new Map(); // UA lockout key -> { failedAttempts, lockedOut, expiresAt }
    this.projects = new Map(); // projectId -> project
    this.dynamicSecrets = new Map(); // id -> dynamic secret
    this.leases = new Map(); // id -> lease
    this.kmsKeys = new Map(); // id -> key
    this.users = new Map(); // username -> user (created by membership invites)
    this.lastAwsLogin = undefined;
    this.aliCloudNonces = new Map(); // SignatureNonce -> expiry (ms): STS refuses a nonce seen before
    this.seed();
  }

  now() {
    return (this.frozenAt ?? Date.now()) + this.clockOffsetMs;
  }
  // Pins the clock at `epochMs` (null: real time again). advanceTime() still moves it.
  freezeClock(epochMs) {
    this.frozenAt = epochMs == null ? null : Number(epochMs);
  }
  nowIso() {
    return new Date(this.now()).toISOString();
  }
  nowSeconds() {
    return Math.floor(this.now() / 1000);
  }
  advanceTime(seconds) {
    this.clockOffsetMs += seconds * 1000;
  }

  newId() {
    this.idCounter += 1;
    const h = crypto.createHash('sha256').update(`infisical-test-server:${this.idCounter}`).digest('hex');
    const c = this.idCounter.toString(16).padStart(8, '0');
    return `${c}-${h.slice(0, 4)}-4${h.slice(4, 7)}-${'89ab'[parseInt(h[7], 16) % 4]}${h.slice(8, 11)}-${h.slice(11, 23)}`;
  }

  seed() {
    const o = this.options;
    const identity = o.identity || {};
    this.addIdentity({
      clientId: DEFAULTS.clientId,
      clientSecret: DEFAULTS.clientSecret,
      identityId: DEFAULTS.identityId,
      name: DEFAULTS.identityName,
      ...identity,
    });
    this.addAwsIdentity({ identityId: o.awsIdentityId || DEFAULTS.awsIdentityId });
    this.addLoginIdentity('azure', { identityId: DEFAULTS.azureIdentityId, tenantId: DEFAULTS.azureTenantId, resource: DEFAULTS.azureResource });
    this.addLoginIdentity('oci', { identityId: DEFAULTS.ociIdentityId, tenancyOcid: DEFAULTS.ociTenancyOcid });
    this.addLoginIdentity('aliCloud', { identityId: DEFAULTS.aliCloudIdentityId });
    const project = this.createProject({
      id: o.projectId || DEFAULTS.projectId,
      slug: o.projectSlug || DEFAULTS.projectSlug,
      name: DEFAULTS.projectName,
    });
    for (const t of DEFAULTS.tags) this.createTag(project.id, t);
  }

  // ------------------------------------------------------------ identities
  _identity(identityId, name) {
    let identity = this.identities.get(identityId);
    if (!identity) {
      identity = { identityId, id: identityId, name: name || `identity-${identityId.slice(-4)}`, orgId: DEFAULTS.orgId, ua: null, aws: null };
      this.identities.set(identityId, identity);
    }
    return identity;
  }

  // Universal-auth identity. TTLs are in seconds (the real defaults for a new
  // UA config are 2592000/2592000; this server defaults to 7200/2592000).
  addIdentity({
    clientId,
    clientSecret,
    identityId,
    name,
    accessTokenTTL = 7200,
    accessTokenMaxTTL = 2592000,
    accessTokenNumUsesLimit = 0,
    accessTokenPeriod = 0,
    clientSecretTTL = 0,
    clientSecretNumUsesLimit = 0,
    lockoutEnabled = true,
    lockoutThreshold = 3,
    lockoutDurationSeconds = 300,
    lockoutCounterResetSeconds = 30,
    projectRole = 'admin',
  } = {}) {
    if (!clientId || !clientSecret) throw new Error('addIdentity needs clientId and clientSecret');
    const identity = this._identity(identityId || this.newId(), name);
    // its role in every project: 'admin' (everything) or 'viewer' (read only)
    identity.projectRole = projectRole;
    identity.ua = {
      clientId,
      clientSecret,
      clientSecretId: this.newId(),
      clientSecretCreatedAt: this.now(),
      clientSecretNumUses: 0,
      clientSecretRevoked: false,
      accessTokenTTL,
      accessTokenMaxTTL,
      accessTokenNumUsesLimit,
      accessTokenPeriod,
      clientSecretTTL,
      clientSecretNumUsesLimit,
      lockoutEnabled,
      lockoutThreshold,
      lockoutDurationSeconds,
      lockoutCounterResetSeconds,
    };
    return identity;
  }

  addAwsIdentity({ identityId, name, accessTokenTTL = 7200, accessTokenMaxTTL = 2592000, accessTokenNumUsesLimit = 0, accessTokenPeriod = 0 } = {}) {
    const identity = this._identity(identityId || this.newId(), name);
    identity.aws = { accessTokenTTL, accessTokenMaxTTL, accessTokenNumUsesLimit, accessTokenPeriod };
    return identity;
  }

  // An OCI user with an API public key (PEM or KeyObject); returns the user with its fingerprint.
  addOciUser({ userOcid, tenancyOcid = DEFAULTS.ociTenancyOcid, name, publicKey }) {
    if (!userOcid || !publicKey) throw new Error('addOciUser needs userOcid and publicKey');
    const user = { userOcid, tenancyOcid, name: name || userOcid, publicKey: asPublicKey(publicKey), fingerprint: ociFingerprint(publicKey) };
    this.ociUsers.set(userOcid, user);
    return user;
  }

  // The seeded OCI user and its private key, made on first use.
  defaultOciUser() {
    if (!this.defaultOciKey) {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.defaultOciKey = privateKey.export({ type: 'pkcs8', format: 'pem' });
      this.addOciUser({ userOcid: DEFAULTS.ociUserOcid, name: DEFAULTS.ociUsername, publicKey });
    }
    const user = this.ociUsers.get(DEFAULTS.ociUserOcid);
    return { ...user, privateKey: this.defaultOciKey };
  }

  addAliCloudKey({ accessKeyId, accessKeySecret, arn }) {
    if (!accessKeyId || !accessKeySecret || !arn) throw new Error('addAliCloudKey needs accessKeyId, accessKeySecret and arn');
    this.aliCloudKeys.push({ accessKeyId, accessKeySecret, arn });
  }

  // Identities of the logins whose credential is a token someone else signs or a password
  // (Kubernetes, JWT, OIDC, LDAP, GCP): `identity.logins[method]` holds the method's
  // configuration and token TTLs. See routes/logins.js for what each method checks.
  addLoginIdentity(method, { identityId, name, accessTokenTTL = 7200, accessTokenMaxTTL = 2592000, accessTokenNumUsesLimit = 0, accessTokenPeriod = 0, ...config } = {}) {
    const identity = this._identity(identityId || this.newId(), name);
    identity.logins = identity.logins || {};
    identity.logins[method] = { ...config, accessTokenTTL, accessTokenMaxTTL, accessTokenNumUsesLimit, accessTokenPeriod };
    return identity;
  }

  loginConfig(identityId, method) {
    const identity = this.identities.get(identityId);
    const config = identity && identity.logins && identity.logins[method];
    return config ? { identity, config } : undefined;
  }

  // The signers of the tokens those logins carry, made on first use (an RSA key each): the
  // cluster's service-account issuer, Google's ID-token issuer. Kept across reset(), like keys.
  issuerFor(name) {
    this.issuers = this.issuers || new Map();
    if (!this.issuers.has(name)) this.issuers.set(name, createIssuer({ kid: `${name}-key-1` }));
    return this.issuers.get(name);
  }

  // GCP service-account keys whose public half Google would publish at
  // https://www.googleapis.com/service_accounts/v1/metadata/x509/{email}: email -> kid -> PEM.
  registerGcpServiceAccountKey(email, kid, publicKeyPem) {
    this.gcpServiceAccountKeys = this.gcpServiceAccountKeys || new Map();
    if (!this.gcpServiceAccountKeys.has(email)) this.gcpServiceAccountKeys.set(email, new Map());
    this.gcpServiceAccountKeys.get(email).set(kid, publicKeyPem);
  }

  findUaByClientId(clientId) {
    for (const identity of this.identities.values()) {
      if (identity.ua && identity.ua.clientId === clientId) return identity;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- tokens
  // Creates a token row and signs a JWT for it (identity-ua-service login /
  // issueIdentityAccessToken). A periodic config issues TTL=period and a
  // max TTL of 1000000000 s.
  issueToken(identity, authMethod, config) {
    const periodic = Number(config.accessTokenPeriod) > 0;
    const row = {
      id: this.newId(),
      identityId: identity.identityId,
      authMethod,
      clientSecretId: authMethod === 'universal-auth' ? identity.ua.clientSecretId : undefined,
      accessTokenTTL: periodic ? Number(config.accessTokenPeriod) : Number(config.accessTokenTTL),
      accessTokenMaxTTL: periodic ? 1000000000 : Number(config.accessTokenMaxTTL),
      accessTokenPeriod: Number(config.accessTokenPeriod) || 0,
      accessTokenNumUses: 0,
      accessTokenNumUsesLimit: Number(config.accessTokenNumUsesLimit) || 0,
      createdAt: this.now(),
      lastRenewedAt: null,
      revoked: false,
    };
    this.tokens.set(row.id, row);
    return { accessToken: this.signToken(row), row };
  }

  // A JWT for the row; `expiresIn` (seconds) overrides the row's TTL (newer renewals).
  signToken(row, expiresIn = row.accessTokenTTL) {
    return jwt.sign(
      {
        identityId: row.identityId,
        clientSecretId: row.clientSecretId,
        identityAccessTokenId: row.id,
        authTokenType: 'identityAccessToken',
      },
      this.authSecret,
      { nowSeconds: this.nowSeconds(), expiresIn: expiresIn > 0 ? expiresIn : undefined },
    );
  }

  // jwt.verify with the server clock; forced-expired tokens fail like an expired JWT.
  verifyJwt(token) {
    if (this.forcedExpired.has(token)) {
      // still reject garbage first, exactly like jsonwebtoken would
      jwt.verify(token, this.authSecret, { nowSeconds: 0 });
      throw new jwt.JwtError('jwt expired');
    }
    return jwt.verify(token, this.authSecret, { nowSeconds: this.nowSeconds() });
  }

  tokenRowFor(token) {
    try {
      const payload = jwt.verify(token, this.authSecret, { nowSeconds: 0 });
      return this.tokens.get(payload.identityAccessTokenId);
    } catch {
      return undefined;
    }
  }

  expireToken(token) {
    this.forcedExpired.add(token);
  }
  revokeToken(token) {
    const row = this.tokenRowFor(token);
    if (row) row.revoked = true;
    return Boolean(row);
  }
  revokeAll() {
    for (const row of this.tokens.values()) row.revoked = true;
  }

  // -------------------------------------------------------------- projects
  createProject({ id, slug, name, description = null, environments = DEFAULTS.environments, type = 'secret-manager', orgId = DEFAULTS.orgId } = {}) {
    const projectId = id || this.newId();
    if (this.projects.has(projectId)) throw new Error(`project ${projectId} already exists`);
    const ts = this.nowIso();
    const project = {
      id: projectId,
      name: name || slug || `project-${projectId.slice(0, 8)}`,
      slug: slug || `project-${projectId.slice(0, 8)}`,
      description,
      type,
      orgId,
      createdAt: ts,
      updatedAt: ts,
      version: 3,
      environments: [],
      folders: new Map(), // `${envId}:${path}` -> folder
      tags: new Map(), // tagId -> tag
      memberships: [],
    };
    this.projects.set(projectId, project);
    environments.forEach((env) => this.createEnvironment(projectId, env));
    return project;
  }

  getProject(projectId) {
    return this.projects.get(projectId);
  }
  findProjectBySlug(slug) {
    for (const p of this.projects.values()) if (p.slug === slug) return p;
    return undefined;
  }
  _project(projectOrId) {
    const project = typeof projectOrId === 'string' ? this.projects.get(projectOrId) : projectOrId;
    if (!project) throw new Error(`unknown project ${projectOrId}`);
    return project;
  }

  createEnvironment(projectOrId, { name, slug, position }) {
    const project = this._project(projectOrId);
    const ts = this.nowIso();
    const env = {
      id: this.newId(),
      name: name || slug,
      slug,
      position: position ?? project.environments.length + 1,
      projectId: project.id,
      createdAt: ts,
      updatedAt: ts,
    };
    project.environments.push(env);
    project.environments.sort((a, b) => a.position - b.position);
    // every environment has a root folder
    this._newFolder(project, env, null, 'root', '/');
    return env;
  }

  getEnv(projectOrId, envSlug) {
    const project = this._project(projectOrId);
    return project.environments.find((e) => e.slug === envSlug);
  }

  // ---------------------------------------------------------------- folders
  _newFolder(project, env, parent, name, path, description = null) {
    const ts = this.nowIso();
    const folder = {
      id: this.newId(),
      name,
      version: 1,
      createdAt: ts,
      updatedAt: ts,
      envId: env.id,
      env,
      parentId: parent ? parent.id : null,
      isReserved: false,
      description,
      lastSecretModified: null,
      path,
      secrets: [],
      imports: [],
    };
    project.folders.set(`${env.id}:${path}`, folder);
    return folder;
  }

  getFolder(projectOrId, envSlug, path) {
    const project = this._project(projectOrId);
    const env = this.getEnv(project, envSlug);
    if (!env) return undefined;
    return project.folders.get(`${env.id}:${normalizePath(path)}`);
  }

  // Creates one child folder (API semantics; parent must exist).
  createChildFolder(projectOrId, envSlug, parentPath, name, description = null) {
    const project = this._project(projectOrId);
    const env = this.getEnv(project, envSlug);
    const parent = this.getFolder(project, envSlug, parentPath);
    const path = parent.path === '/' ? `/${name}` : `${parent.path}/${name}`;
    return this._newFolder(project, env, parent, name, path, description);
  }

  // mkdir -p; returns the deepest folder.
  createFolder(projectOrId, envSlug, path) {
    const project = this._project(projectOrId);
    const env = this.getEnv(project, envSlug);
    if (!env) throw new Error(`unknown environment ${envSlug}`);
    let folder = this.getFolder(project, envSlug, '/');
    for (const seg of pathSegments(path)) {
      const next = this.getFolder(project, envSlug, folder.path === '/' ? `/${seg}` : `${folder.path}/${seg}`);
      folder = next || this.createChildFolder(project, envSlug, folder.path, seg);
    }
    return folder;
  }

  // Folders of an environment at or under `basePath` (recursivelyGetSecretPaths).
  foldersUnder(projectOrId, envSlug, basePath) {
    const project = this._project(projectOrId);
    const env = this.getEnv(project, envSlug);
    if (!env) return [];
    const base = normalizePath(basePath);
    const out = [];
    for (const folder of project.folders.values()) {
      if (folder.envId !== env.id || folder.isReserved) continue;
      if (base === '/' || folder.path === base || folder.path.startsWith(`${base}/`)) out.push(folder);
    }
    return out;
  }

  childFolders(projectOrId, folder) {
    const project = this._project(projectOrId);
    return [...project.folders.values()].filter((f) => f.parentId === folder.id);
  }

  // ------------------------------------------------------------------ tags
  createTag(projectOrId, { id, slug, color = null }) {
    const project = this._project(projectOrId);
    const tag = { id: id || this.newId(), slug, name: slug, color, projectId: project.id };
    project.tags.set(tag.id, tag);
    return tag;
  }

  // --------------------------------------------------------------- secrets
  // Adds a secret row to a folder (the helpers and the create route both use it).
  insertSecret(folder, { key, value, type = 'shared', userId = null, comment = '', skipMultilineEncoding = false, tagIds = [], secretMetadata = [], reminder = null, actor = null }) {
    const ts = this.nowIso();
    const secret = {
      id: this.newId(),
      folderId: folder.id,
      key,
      type,
      userId: type === 'personal' ? userId : null,
      value,
      comment,
      skipMultilineEncoding: skipMultilineEncoding ?? false,
      tagIds: [...tagIds],
      secretMetadata: secretMetadata.map((m) => ({ key: m.key, value: m.value, isEncrypted: Boolean(m.isEncrypted) })),
      metadata: null,
      reminder,
      version: 1,
      createdAt: ts,
      updatedAt: ts,
      versions: [],
      actor,
    };
    this._recordVersion(secret);
    folder.secrets.push(secret);
    folder.lastSecretModified = ts;
    return secret;
  }

  // Applies changes and bumps the version (every update bumps it on the real server).
  updateSecretRow(folder, secret, changes) {
    Object.assign(secret, changes);
    secret.version += 1;
    secret.updatedAt = this.nowIso();
    folder.lastSecretModified = secret.updatedAt;
    this._recordVersion(secret);
    return secret;
  }

  _recordVersion(secret) {
    secret.versions.push({
      id: this.newId(),
      secretId: secret.id,
      version: secret.version,
      key: secret.key,
      value: secret.value,
      comment: secret.comment,
      skipMultilineEncoding: secret.skipMultilineEncoding,
      type: secret.type,
      userId: secret.userId,
      createdAt: secret.updatedAt,
      updatedAt: secret.updatedAt,
    });
  }

  findSecret(folder, key, type = 'shared', userId = null) {
    return folder.secrets.find(
      (s) => s.key === key && s.type === type && (type === 'personal' ? s.userId === userId : true),
    );
  }

  // Seeding helper: create or update (new version) a secret; creates folders.
  setSecret(projectOrId, envSlug, path, key, value, extra = {}) {
    const folder = this.createFolder(projectOrId, envSlug, path);
    const type = extra.type || 'shared';
    const userId = type === 'personal' ? extra.userId || DEFAULTS.identityId : null;
    const existing = this.findSecret(folder, key, type, userId);
    const reminder =
      extra.secretReminderRepeatDays != null
        ? { note: extra.secretReminderNote ?? null, repeatDays: extra.secretReminderRepeatDays }
        : undefined;
    if (existing) {
      const changes = { value };
      if (extra.secretComment !== undefined) changes.comment = extra.secretComment;
      if (extra.skipMultilineEncoding !== undefined) changes.skipMultilineEncoding = extra.skipMultilineEncoding;
      if (extra.tagIds) changes.tagIds = [...extra.tagIds];
      if (extra.secretMetadata) changes.secretMetadata = extra.secretMetadata.map((m) => ({ key: m.key, value: m.value, isEncrypted: Boolean(m.isEncrypted) }));
      if (reminder) changes.reminder = reminder;
      return this.updateSecretRow(folder, existing, changes);
    }
    return this.insertSecret(folder, {
      key,
      value,
      type,
      userId,
      comment: extra.secretComment ?? '',
      skipMultilineEncoding: extra.skipMultilineEncoding ?? false,
      tagIds: extra.tagIds || [],
      secretMetadata: extra.secretMetadata || [],
      reminder: reminder || null,
    });
  }

  removeSecret(folder, secret) {
    folder.secrets = folder.secrets.filter((s) => s !== secret);
    folder.lastSecretModified = this.nowIso();
  }

  // --------------------------------------------------------------- imports
  addImport(projectOrId, envSlug, path, { environment, path: importPath = '/' }) {
    const project = this._project(projectOrId);
    const folder = this.createFolder(project, envSlug, path);
    const importEnv = this.getEnv(project, environment);
    if (!importEnv) throw new Error(`unknown import environment ${environment}`);
    const imp = {
      id: this.newId(),
      folderId: folder.id,
      importEnv,
      importPath: normalizePath(importPath),
      position: folder.imports.length + 1,
      isReplication: false,
    };
    folder.imports.push(imp);
    return imp;
  }
}

module.exports = { State, DEFAULTS, normalizePath, pathSegments };
