'use strict';
// Dynamic secrets and leases (contract section 3, ee/routes/v1/dynamic-secret-router.ts,
// dynamic-secret-lease-router.ts, dynamic-secret-lease-service.ts):
//   POST   /api/v1/dynamic-secrets                       create
//   GET    /api/v1/dynamic-secrets                       list (query projectSlug, environmentSlug, path)
//   GET    /api/v1/dynamic-secrets/:name                 get
//   PATCH  /api/v1/dynamic-secrets/:name                 update (the changes nested under `data`;
//                                                        new `inputs` are merged into the stored ones)
//   DELETE /api/v1/dynamic-secrets/:name                 delete (its leases go too)
//   GET    /api/v1/dynamic-secrets/:name/leases          list leases
//   POST   /api/v1/dynamic-secrets/leases                create a lease -> { lease, dynamicSecret, data }
//   GET    /api/v1/dynamic-secrets/leases/:leaseId       lease details
//   DELETE /api/v1/dynamic-secrets/leases/:leaseId       revoke -> { lease }
//   POST   /api/v1/dynamic-secrets/leases/:leaseId/renew renew  -> { lease } (expireAt += ttl, capped by maxTTL from creation)
// Providers are simulated: no database is contacted, a lease's credentials are
// generated here. Expired leases disappear (the real revocation queue deletes them).

const crypto = require('node:crypto');
const { badRequest, notFound, internal } = require('../http');
const { z, slugSchema, removeTrailingSlash } = require('../schema');
const { projectBySlugOr404 } = require('../lookup');

// ---------------------------------------------------------------- ms()
// vercel/ms parsing: "1h", "30m", "2 days", "1.5h", plain numbers are milliseconds.
const UNITS = {
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1e3, sec: 1e3, secs: 1e3, second: 1e3, seconds: 1e3,
  m: 6e4, min: 6e4, mins: 6e4, minute: 6e4, minutes: 6e4,
  h: 36e5, hr: 36e5, hrs: 36e5, hour: 36e5, hours: 36e5,
  d: 864e5, day: 864e5, days: 864e5,
  w: 6048e5, week: 6048e5, weeks: 6048e5,
  y: 315576e5, yr: 315576e5, yrs: 315576e5, year: 315576e5, years: 315576e5,
};
function ms(str) {
  if (typeof str !== 'string' || str.length === 0 || str.length > 100) return undefined;
  const m = /^(-?(?:\d+)?\.?\d+) *([a-z]+)?$/i.exec(str);
  if (!m) return undefined;
  const unit = (m[2] || 'ms').toLowerCase();
  if (!(unit in UNITS)) return undefined;
  return parseFloat(m[1]) * UNITS[unit];
}

// TTL strings must be >= 1 min and <= 10 years (superRefine in the router).
// An unparseable string passes validation (ms() gives undefined) and fails later.
const ttlSchema = () =>
  z.string().superRefine((val, addIssue) => {
    const valMs = ms(val);
    if (valMs < 60 * 1000) addIssue('TTL must be a greater than 1min');
    if (valMs > ms('10y')) addIssue('TTL must be less than 10 years');
  });

const pathSchema = () => z.string().trim().default('/').transform(removeTrailingSlash);

// ---------------------------------------------------------------- providers
const PROVIDERS = [
  'sql-database', 'cassandra', 'aws-iam', 'redis', 'aws-elasticache', 'mongo-db-atlas', 'elastic-search',
  'mongo-db', 'rabbit-mq', 'azure-entra-id', 'ldap', 'sap-hana', 'snowflake', 'totp', 'sap-ase',
  'kubernetes', 'vertica', 'gcp-iam', 'github', 'couchbase',
];
const sqlInputs = z.object({
  client: z.enum(['postgres', 'mysql2', 'oracledb', 'mssql', 'sap-ase']),
  host: z.string().trim().toLowerCase(),
  port: z.number(),
  database: z.string().trim(),
  username: z.string().trim(),
  password: z.string().trim(),
  creationStatement: z.string().trim(),
  revocationStatement: z.string().trim(),
  renewStatement: z.string().trim().optional(),
  ca: z.string().optional(),
  passwordRequirements: z.any().optional(),
  gatewayId: z.string().nullable().optional(),
});
// sql-database is validated field by field; the other providers only need an object.
const providerSchema = z.discriminatedUnion(
  'type',
  PROVIDERS.map((type) => z.object({ type: z.literal(type), inputs: type === 'sql-database' ? sqlInputs : z.record(z.any()) })),
);

// Fake credentials, shaped like what each provider returns.
function leaseData(type, username, password) {
  switch (type) {
    case 'aws-iam':
      return { ACCESS_KEY: `AKIA${username.slice(0, 16).toUpperCase()}`, SECRET_ACCESS_KEY: password, USERNAME: username };
    case 'totp':
      return { TOTP: String(parseInt(password.slice(0, 8), 16) % 1e6).padStart(6, '0'), TIME_REMAINING: 30 };
    case 'azure-entra-id':
      return { email: `${username}@example.com`, password };
    default:
      return { DB_USERNAME: username, DB_PASSWORD: password };
  }
}

// ---------------------------------------------------------------- schemas
const metadataSchema = () => z.array(z.object({ key: z.string().trim().min(1), value: z.string().trim().default('') }));

const createBody = z.object({
  projectSlug: z.string().min(1),
  provider: providerSchema,
  defaultTTL: ttlSchema(),
  maxTTL: ttlSchema().nullish(),
  path: pathSchema(),
  environmentSlug: z.string().min(1),
  name: slugSchema({ min: 1, max: 64 }),
  metadata: metadataSchema().optional(),
  usernameTemplate: z.string().trim().max(255).nullable().optional(),
});

const nameParams = z.object({ name: z.string().toLowerCase() });
const locationQuery = z.object({
  projectSlug: z.string().min(1),
  path: pathSchema(),
  environmentSlug: z.string().min(1),
});
const updateBody = z.object({
  projectSlug: z.string().min(1),
  path: pathSchema(),
  environmentSlug: z.string().min(1),
  data: z.object({
    inputs: z.any().optional(),
    defaultTTL: ttlSchema().optional(),
    maxTTL: ttlSchema().nullable().optional(),
    newName: slugSchema({ min: 1, max: 64 }).optional(),
    metadata: metadataSchema().optional(),
    usernameTemplate: z.string().trim().max(255).nullable().optional(),
  }),
});
const deleteBody = z.object({
  projectSlug: z.string().min(1),
  path: pathSchema(),
  environmentSlug: z.string().min(1),
  isForced: z.boolean().default(false),
});

const leaseCreateBody = z.object({
  dynamicSecretName: z.string().min(1).toLowerCase(),
  projectSlug: z.string().min(1),
  ttl: ttlSchema().optional(),
  path: pathSchema(),
  environmentSlug: z.string().min(1),
  config: z.any().optional(),
});
const leaseIdParams = z.object({ leaseId: z.string().min(1) });
const leaseDeleteBody = z.object({
  projectSlug: z.string().min(1),
  path: z.string().min(1).trim().default('/').transform(removeTrailingSlash),
  environmentSlug: z.string().min(1),
  isForced: z.boolean().default(false),
});
const leaseRenewBody = z.object({
  ttl: ttlSchema().optional(),
  projectSlug: z.string().min(1),
  path: z.string().min(1).trim().default('/').transform(removeTrailingSlash),
  environmentSlug: z.string().min(1),
});

module.exports = function registerDynamicSecretRoutes(router, { state }) {
  // SanitizedDynamicSecretSchema
  const dsOut = (ds, withInputs) => {
    const out = {
      id: ds.id,
      name: ds.name,
      version: ds.version,
      type: ds.type,
      defaultTTL: ds.defaultTTL,
      maxTTL: ds.maxTTL,
      folderId: ds.folderId,
      status: ds.status,
      statusDetails: ds.statusDetails,
      createdAt: ds.createdAt,
      updatedAt: ds.updatedAt,
      projectGatewayId: null,
      gatewayId: null,
      usernameTemplate: ds.usernameTemplate,
      metadata: ds.metadata.map((m) => ({ key: m.key, value: m.value })),
    };
    if (withInputs) out.inputs = ds.inputs;
    return out;
  };
  // DynamicSecretLeasesSchema
  const leaseOut = (l) => ({
    id: l.id,
    version: l.version,
    externalEntityId: l.externalEntityId,
    expireAt: new Date(l.expireAt).toISOString(),
    status: l.status,
    statusDetails: l.statusDetails,
    dynamicSecretId: l.dynamicSecretId,
    createdAt: new Date(l.createdAt).toISOString(),
    updatedAt: new Date(l.updatedAt).toISOString(),
    config: l.config ?? null,
  });

  // the real revocation queue deletes expired leases
  const sweepLeases = () => {
    const now = state.now();
    for (const [id, l] of state.leases) if (l.expireAt <= now) state.leases.delete(id);
  };

  const locate = ({ projectSlug, environmentSlug, path }) => {
    const project = projectBySlugOr404(state, projectSlug);
    const folder = state.getFolder(project, environmentSlug, path);
    if (!folder) throw notFound(`Folder with path '${path}' in environment with slug '${environmentSlug}' not found`);
    return { project, folder };
  };
  const findDs = (folder, name, path) => {
    const ds = [...state.dynamicSecrets.values()].find((d) => d.folderId === folder.id && d.name === name);
    if (!ds) throw notFound(`Dynamic secret with name '${name}' in folder with path '${path}' not found`);
    return ds;
  };
  const findLease = (folder, leaseId) => {
    sweepLeases();
    const lease = state.leases.get(leaseId);
    const ds = lease && state.dynamicSecrets.get(lease.dynamicSecretId);
    if (!lease || !ds || ds.folderId !== folder.id) throw notFound(`Dynamic secret lease with ID '${leaseId}' not found`);
    return { lease, ds };
  };
  const msOr500 = (ttl) => {
    const v = ms(ttl);
    if (v === undefined || Number.isNaN(v)) throw internal(); // invalid date on insert
    return v;
  };

  router.add('POST', '/api/v1/dynamic-secrets', { auth: true }, (req) => {
    const b = createBody.parse(req.body);
    const { folder } = locate(b);
    if ([...state.dynamicSecrets.values()].some((d) => d.folderId === folder.id && d.name === b.name)) {
      throw badRequest('Provided dynamic secret already exist under the folder');
    }
    msOr500(b.defaultTTL);
    const ts = state.nowIso();
    const ds = {
      id: state.newId(),
      name: b.name,
      version: 1,
      type: b.provider.type,
      defaultTTL: b.defaultTTL,
      maxTTL: b.maxTTL ?? null,
      folderId: folder.id,
      status: null,
      statusDetails: null,
      createdAt: ts,
      updatedAt: ts,
      usernameTemplate: b.usernameTemplate ?? null,
      metadata: b.metadata || [],
      inputs: b.provider.inputs,
    };
    state.dynamicSecrets.set(ds.id, ds);
    return { dynamicSecret: dsOut(ds, true) };
  });

  router.add('GET', '/api/v1/dynamic-secrets', { auth: true }, (req) => {
    const q = locationQuery.parse(req.query);
    const { folder } = locate(q);
    return { dynamicSecrets: [...state.dynamicSecrets.values()].filter((d) => d.folderId === folder.id).map((d) => dsOut(d, false)) };
  });

  router.add('GET', '/api/v1/dynamic-secrets/:name', { auth: true }, (req) => {
    const { name } = nameParams.parse(req.params);
    const q = locationQuery.parse(req.query);
    const { folder } = locate(q);
    return { dynamicSecret: dsOut(findDs(folder, name, q.path), true) };
  });

  router.add('PATCH', '/api/v1/dynamic-secrets/:name', { auth: true }, (req) => {
    const { name } = nameParams.parse(req.params);
    const b = updateBody.parse(req.body);
    const { folder } = locate(b);
    const ds = findDs(folder, name, b.path);
    const d = b.data;
    if (d.newName && d.newName !== ds.name && [...state.dynamicSecrets.values()].some((x) => x.folderId === folder.id && x.name === d.newName)) {
      throw badRequest('Provided dynamic secret already exist under the folder');
    }
    if (d.defaultTTL !== undefined) msOr500(d.defaultTTL);
    if (d.inputs !== undefined && (typeof d.inputs !== 'object' || d.inputs === null || Array.isArray(d.inputs))) {
      throw badRequest('Provider connection failed');
    }
    if (d.inputs) ds.inputs = { ...ds.inputs, ...d.inputs };
    if (d.defaultTTL !== undefined) ds.defaultTTL = d.defaultTTL;
    if (d.maxTTL !== undefined) ds.maxTTL = d.maxTTL;
    if (d.newName) ds.name = d.newName;
    if (d.metadata) ds.metadata = d.metadata;
    if (d.usernameTemplate !== undefined) ds.usernameTemplate = d.usernameTemplate;
    ds.version += 1;
    ds.updatedAt = state.nowIso();
    return { dynamicSecret: dsOut(ds, true) };
  });

  router.add('DELETE', '/api/v1/dynamic-secrets/:name', { auth: true }, (req) => {
    const { name } = nameParams.parse(req.params);
    const b = deleteBody.parse(req.body);
    const { folder } = locate(b);
    const ds = findDs(folder, name, b.path);
    for (const [id, l] of state.leases) if (l.dynamicSecretId === ds.id) state.leases.delete(id);
    state.dynamicSecrets.delete(ds.id);
    return { dynamicSecret: dsOut(ds, false) };
  });

  router.add('GET', '/api/v1/dynamic-secrets/:name/leases', { auth: true }, (req) => {
    const { name } = nameParams.parse(req.params);
    const q = locationQuery.parse(req.query);
    const { folder } = locate(q);
    const ds = findDs(folder, name, q.path);
    sweepLeases();
    return { leases: [...state.leases.values()].filter((l) => l.dynamicSecretId === ds.id).map(leaseOut) };
  });

  router.add('POST', '/api/v1/dynamic-secrets/leases', { auth: true }, (req) => {
    const b = leaseCreateBody.parse(req.body);
    const { folder } = locate(b);
    const ds = findDs(folder, b.dynamicSecretName, b.path);
    const now = state.now();
    const expireAt = now + msOr500(b.ttl || ds.defaultTTL);
    if (ds.maxTTL && expireAt > now + ms(ds.maxTTL)) throw badRequest('TTL cannot be larger than max TTL');

    const h = crypto.createHash('sha256').update(`lease:${state.idCounter}`).digest('hex');
    const username = `inf-${h.slice(0, 12)}`;
    const password = h.slice(12, 44);
    const lease = {
      id: state.newId(),
      version: 1,
      externalEntityId: username,
      expireAt,
      status: null,
      statusDetails: null,
      dynamicSecretId: ds.id,
      createdAt: now,
      updatedAt: now,
      config: b.config ?? null,
    };
    state.leases.set(lease.id, lease);
    return { lease: leaseOut(lease), dynamicSecret: dsOut(ds, false), data: leaseData(ds.type, username, password) };
  });

  router.add('GET', '/api/v1/dynamic-secrets/leases/:leaseId', { auth: true }, (req) => {
    const { leaseId } = leaseIdParams.parse(req.params);
    const q = locationQuery.parse(req.query);
    const { folder } = locate(q);
    const { lease, ds } = findLease(folder, leaseId);
    return { lease: { ...leaseOut(lease), dynamicSecret: dsOut(ds, false) } };
  });

  router.add('DELETE', '/api/v1/dynamic-secrets/leases/:leaseId', { auth: true }, (req) => {
    const { leaseId } = leaseIdParams.parse(req.params);
    const b = leaseDeleteBody.parse(req.body);
    const { folder } = locate(b);
    const { lease } = findLease(folder, leaseId);
    state.leases.delete(lease.id);
    return { lease: leaseOut(lease) };
  });

  router.add('POST', '/api/v1/dynamic-secrets/leases/:leaseId/renew', { auth: true }, (req) => {
    const { leaseId } = leaseIdParams.parse(req.params);
    const b = leaseRenewBody.parse(req.body);
    const { folder } = locate(b);
    const { lease, ds } = findLease(folder, leaseId);
    // renew extends the CURRENT expiry; max TTL counts from the lease's creation
    const expireAt = lease.expireAt + msOr500(b.ttl || ds.defaultTTL);
    if (ds.maxTTL && expireAt > lease.createdAt + ms(ds.maxTTL)) {
      throw badRequest('The requested renewal would exceed the maximum allowed lease duration. Please choose a shorter TTL');
    }
    lease.expireAt = expireAt;
    lease.updatedAt = state.now();
    return { lease: leaseOut(lease) };
  });
};

module.exports.ms = ms;
