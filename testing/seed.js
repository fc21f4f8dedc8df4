'use strict';
// Seed data for the local Infisical server: checks a seed object completely (every
// error names the field, e.g. `secrets.dev.PORT`) before anything is changed, then
// applies it to the server's store.
//
// {
//   environments: ['qa', { slug: 'preview', name: 'Preview' }],  // added to the seeded project
//   tags: ['billing', { slug: 'infra', color: '#ff0000' }],
//   folders: { dev: ['/app/api'] },
//   secrets: {
//     dev: {
//       DATABASE_URL: 'postgres://...',
//       API_URL: { value: 'https://${DOMAIN}/api', comment: 'public', tags: ['backend'] },
//       '/app': { PORT: '8080' },                                 // a key starting with '/' is a folder
//     },
//   },
//   imports: [{ environment: 'dev', path: '/app', from: { environment: 'staging', path: '/' } }],
//   projects: [{ slug: 'billing', environments: ['dev'], secrets: { dev: { K: 'v' } } }],
// }

const TOP_KEYS = ['projects', 'environments', 'folders', 'secrets', 'imports', 'tags'];
const PROJECT_KEYS = ['id', 'slug', 'name', 'description', 'environments', 'folders', 'secrets', 'imports', 'tags'];
const SECRET_KEYS = ['value', 'comment', 'tags', 'skipMultilineEncoding', 'type'];
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const SECRET_KEY = /^[^\s/$]+$/;

class InfisicalSeedError extends Error {
  constructor(field, message) {
    super(`Invalid seed: ${field}: ${message}`);
    this.name = 'InfisicalSeedError';
    this.field = field;
  }
}

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const fieldName = (parent, key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`);

function fail(field, message) {
  throw new InfisicalSeedError(field, message);
}

function expectObject(value, field) {
  if (!isPlainObject(value)) fail(field, `expected an object, got ${typeOf(value)}`);
}
function expectArray(value, field) {
  if (!Array.isArray(value)) fail(field, `expected an array, got ${typeOf(value)}`);
}
function expectString(value, field, { nonEmpty = true } = {}) {
  if (typeof value !== 'string') fail(field, `expected a string, got ${typeOf(value)}`);
  if (nonEmpty && value.trim() === '') fail(field, 'must not be empty');
}
function onlyKeys(value, allowed, field) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(fieldName(field, key), `unknown field (expected one of: ${allowed.join(', ')})`);
  }
}
function expectSlug(value, field) {
  expectString(value, field);
  if (!SLUG.test(value)) fail(field, `"${value}" is not a slug (lower-case letters, digits, - and _)`);
}
function expectPath(value, field) {
  expectString(value, field);
  if (!value.startsWith('/')) fail(field, `"${value}" is not a folder path (it must start with /)`);
  for (const seg of value.split('/').filter(Boolean)) {
    if (!/^[\w-]+$/.test(seg)) fail(field, `"${value}": folder names are letters, digits, - and _ ("${seg}" is not)`);
  }
}
const joinPath = (base, sub) => {
  const segs = [...base.split('/'), ...sub.split('/')].filter(Boolean);
  return segs.length ? `/${segs.join('/')}` : '/';
};

// environments: ['qa', { slug, name }]
function checkEnvironments(list, field, known) {
  expectArray(list, field);
  return list.map((entry, i) => {
    const f = `${field}[${i}]`;
    const env = typeof entry === 'string' ? { slug: entry } : entry;
    if (typeof entry !== 'string') {
      expectObject(entry, f);
      onlyKeys(entry, ['slug', 'name'], f);
    }
    const slugField = typeof entry === 'string' ? f : `${f}.slug`;
    expectSlug(env.slug, slugField);
    if (env.name !== undefined) expectString(env.name, `${f}.name`);
    if (known.has(env.slug)) fail(slugField, `environment "${env.slug}" already exists`);
    known.add(env.slug);
    return { slug: env.slug, name: env.name || env.slug };
  });
}

// tags: ['billing', { slug, color }]
function checkTags(list, field, knownTags) {
  expectArray(list, field);
  return list.map((entry, i) => {
    const f = `${field}[${i}]`;
    const tag = typeof entry === 'string' ? { slug: entry } : entry;
    if (typeof entry !== 'string') {
      expectObject(entry, f);
      onlyKeys(entry, ['slug', 'color'], f);
    }
    const slugField = typeof entry === 'string' ? f : `${f}.slug`;
    expectSlug(tag.slug, slugField);
    if (tag.color !== undefined) expectString(tag.color, `${f}.color`);
    if (knownTags.has(tag.slug)) fail(slugField, `tag "${tag.slug}" already exists`);
    knownTags.add(tag.slug);
    return { slug: tag.slug, color: tag.color ?? null };
  });
}

function checkEnvKey(env, field, envs) {
  if (!envs.has(env)) fail(field, `unknown environment "${env}" (known: ${[...envs].join(', ')})`);
}

// folders: { dev: ['/a/b'] }
function checkFolders(value, field, envs) {
  expectObject(value, field);
  const out = [];
  for (const [env, paths] of Object.entries(value)) {
    const f = fieldName(field, env);
    checkEnvKey(env, f, envs);
    expectArray(paths, f);
    paths.forEach((p, i) => {
      expectPath(p, `${f}[${i}]`);
      out.push({ env, path: p });
    });
  }
  return out;
}

// secrets: { dev: { KEY: 'v', KEY2: { value, comment, tags, ... }, '/folder': { ... } } }
function checkSecrets(value, field, envs, tags) {
  expectObject(value, field);
  const out = [];
  const walk = (obj, f, env, path) => {
    expectObject(obj, f);
    for (const [key, v] of Object.entries(obj)) {
      const kf = fieldName(f, key);
      if (key.startsWith('/')) {
        expectPath(key, kf);
        walk(v, kf, env, joinPath(path, key));
        continue;
      }
      if (!SECRET_KEY.test(key)) fail(kf, `"${key}" is not a secret name (no spaces, "/" or "$")`);
      if (typeof v === 'string') {
        out.push({ env, path, key, value: v, extra: {} });
        continue;
      }
      if (!isPlainObject(v)) fail(kf, `expected a string value or an object with a string "value", got ${typeOf(v)}`);
      onlyKeys(v, SECRET_KEYS, kf);
      if (typeof v.value !== 'string') fail(`${kf}.value`, `expected a string, got ${typeOf(v.value)}`);
      const extra = {};
      if (v.comment !== undefined) {
        expectString(v.comment, `${kf}.comment`, { nonEmpty: false });
        extra.secretComment = v.comment;
      }
      if (v.skipMultilineEncoding !== undefined) {
        if (typeof v.skipMultilineEncoding !== 'boolean') fail(`${kf}.skipMultilineEncoding`, `expected a boolean, got ${typeOf(v.skipMultilineEncoding)}`);
        extra.skipMultilineEncoding = v.skipMultilineEncoding;
      }
      if (v.type !== undefined) {
        if (v.type !== 'shared' && v.type !== 'personal') fail(`${kf}.type`, `expected "shared" or "personal", got ${JSON.stringify(v.type)}`);
        extra.type = v.type;
      }
      if (v.tags !== undefined) {
        expectArray(v.tags, `${kf}.tags`);
        v.tags.forEach((t, i) => {
          expectString(t, `${kf}.tags[${i}]`);
          if (!tags.has(t)) fail(`${kf}.tags[${i}]`, `unknown tag "${t}" (known: ${[...tags].join(', ')})`);
        });
        extra.tagSlugs = [...v.tags];
      }
      out.push({ env, path, key, value: v.value, extra });
    }
  };
  for (const [env, tree] of Object.entries(value)) {
    const f = fieldName(field, env);
    checkEnvKey(env, f, envs);
    walk(tree, f, env, '/');
  }
  return out;
}

// imports: [{ environment, path = '/', from: { environment, path = '/' } }]
function checkImports(list, field, envs) {
  expectArray(list, field);
  return list.map((entry, i) => {
    const f = `${field}[${i}]`;
    expectObject(entry, f);
    onlyKeys(entry, ['environment', 'path', 'from'], f);
    expectString(entry.environment, `${f}.environment`);
    checkEnvKey(entry.environment, `${f}.environment`, envs);
    if (entry.path !== undefined) expectPath(entry.path, `${f}.path`);
    expectObject(entry.from, `${f}.from`);
    onlyKeys(entry.from, ['environment', 'path'], `${f}.from`);
    expectString(entry.from.environment, `${f}.from.environment`);
    checkEnvKey(entry.from.environment, `${f}.from.environment`, envs);
    if (entry.from.path !== undefined) expectPath(entry.from.path, `${f}.from.path`);
    return { env: entry.environment, path: entry.path || '/', from: { environment: entry.from.environment, path: entry.from.path || '/' } };
  });
}

// One project's part of a seed: environments, tags, folders, secrets, imports.
function checkProjectData(spec, prefix, envs, tags) {
  const at = (k) => (prefix ? `${prefix}.${k}` : k);
  const plan = { environments: [], tags: [], folders: [], secrets: [], imports: [] };
  if (spec.environments !== undefined && prefix === '') plan.environments = checkEnvironments(spec.environments, at('environments'), envs);
  if (spec.tags !== undefined) plan.tags = checkTags(spec.tags, at('tags'), tags);
  if (spec.folders !== undefined) plan.folders = checkFolders(spec.folders, at('folders'), envs);
  if (spec.secrets !== undefined) plan.secrets = checkSecrets(spec.secrets, at('secrets'), envs, tags);
  if (spec.imports !== undefined) plan.imports = checkImports(spec.imports, at('imports'), envs);
  return plan;
}

/**
 * Checks a whole seed against the server's current state and returns the plan to apply.
 * Throws InfisicalSeedError naming the first bad field; nothing has been changed then.
 * @param {unknown} seed
 * @param {{ state: object, projectId: string }} target
 */
function checkSeed(seed, { state, projectId }) {
  if (seed === undefined || seed === null) return { main: null, projects: [] };
  if (!isPlainObject(seed)) fail('seed', `expected an object, got ${typeOf(seed)}`);
  onlyKeys(seed, TOP_KEYS, 'seed');
  const project = state.getProject(projectId);
  const envs = new Set(project.environments.map((e) => e.slug));
  const tags = new Set([...project.tags.values()].map((t) => t.slug));
  const main = checkProjectData(seed, '', envs, tags);

  const projects = [];
  if (seed.projects !== undefined) {
    expectArray(seed.projects, 'projects');
    const ids = new Set(state.projects.keys());
    const slugs = new Set([...state.projects.values()].map((p) => p.slug));
    seed.projects.forEach((p, i) => {
      const f = `projects[${i}]`;
      expectObject(p, f);
      onlyKeys(p, PROJECT_KEYS, f);
      expectSlug(p.slug, `${f}.slug`);
      if (slugs.has(p.slug)) fail(`${f}.slug`, `a project with slug "${p.slug}" already exists`);
      slugs.add(p.slug);
      if (p.id !== undefined) {
        expectString(p.id, `${f}.id`);
        if (ids.has(p.id)) fail(`${f}.id`, `a project with id "${p.id}" already exists`);
        ids.add(p.id);
      }
      if (p.name !== undefined) expectString(p.name, `${f}.name`);
      if (p.description !== undefined) expectString(p.description, `${f}.description`, { nonEmpty: false });
      const penvs = new Set();
      const environments =
        p.environments === undefined
          ? checkEnvironments(['dev', 'staging', 'prod'], `${f}.environments`, penvs).map((e, j) => ({ ...e, name: ['Development', 'Staging', 'Production'][j] }))
          : checkEnvironments(p.environments, `${f}.environments`, penvs);
      const data = checkProjectData(p, f, penvs, new Set());
      projects.push({ id: p.id, slug: p.slug, name: p.name, description: p.description, environments, data });
    });
  }
  return { main, projects };
}

function applyData(state, projectId, plan) {
  for (const env of plan.environments) state.createEnvironment(projectId, env);
  for (const tag of plan.tags) state.createTag(projectId, tag);
  for (const { env, path } of plan.folders) state.createFolder(projectId, env, path);
  const project = state.getProject(projectId);
  const tagId = (slug) => [...project.tags.values()].find((t) => t.slug === slug).id;
  for (const { env, path, key, value, extra } of plan.secrets) {
    const { tagSlugs, ...rest } = extra;
    if (tagSlugs) rest.tagIds = tagSlugs.map(tagId);
    state.setSecret(projectId, env, path, key, value, rest);
  }
  for (const { env, path, from } of plan.imports) state.addImport(projectId, env, path, from);
}

/** Applies a plan made by checkSeed. */
function applySeed(state, projectId, plan) {
  if (plan.main) applyData(state, projectId, plan.main);
  for (const p of plan.projects) {
    const project = state.createProject({ id: p.id, slug: p.slug, name: p.name, description: p.description ?? null, environments: p.environments });
    applyData(state, project.id, p.data);
  }
}

module.exports = { checkSeed, applySeed, InfisicalSeedError };
