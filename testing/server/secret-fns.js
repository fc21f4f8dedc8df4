'use strict';
// Secret logic ported from the real server:
//  * reshapeSecret: reshapeBridgeSecret (secret-v2-bridge-fns.ts) followed by
//    the route's response schema (sanitizedSchemas.ts secretRawSchema + the
//    per-route .extend), which fixes key order and strips undeclared keys;
//  * makeExpander: expandSecretReferencesFactory (secret-reference-fns.ts);
//  * secretsFromImports: fnSecretsV2FromImports (secret-import-fns.ts);
//  * updateLinkedReferences: fnUpdateSecretLinkedReferences (rename rewrites references).

const posixPath = require('node:path').posix;

const HIDDEN_MASK = '<hidden-by-infisical>';

// ------------------------------------------------------------ response shapes
const BASE_KEYS = [
  'id',
  '_id',
  'workspace',
  'environment',
  'version',
  'type',
  'secretKey',
  'secretValue',
  'secretComment',
  'secretReminderNote',
  'secretReminderRepeatDays',
  'skipMultilineEncoding',
  'createdAt',
  'updatedAt',
  'actor',
  'isRotatedSecret',
  'rotationId',
];
const KEYS = {
  list: [...BASE_KEYS, 'secretPath', 'secretValueHidden', 'secretMetadata', 'tags'],
  get: [...BASE_KEYS, 'secretValueHidden', 'secretPath', 'tags', 'secretMetadata'],
  create: BASE_KEYS,
  write: [...BASE_KEYS, 'secretValueHidden'], // PATCH and DELETE
  imported: [...BASE_KEYS.filter((k) => k !== 'createdAt' && k !== 'updatedAt'), 'secretValueHidden', 'secretMetadata'],
};

function pick(obj, keys) {
  const out = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

const tagObjects = (project, tagIds) =>
  tagIds
    .map((id) => project.tags.get(id))
    .filter(Boolean)
    .map((t) => ({ id: t.id, slug: t.slug, color: t.color, name: t.name }));

const metadataOut = (items) => items.map((m) => ({ key: m.key, value: m.value, isEncrypted: m.isEncrypted }));

/**
 * Builds a secret in the wire shape.
 * source:
 *   'read'    a row read with joins (list / get / import fallback): reminder
 *             values from the reminders table, tags, metadata, isRotatedSecret=false, rotationId=null
 *   'write'   a row returned by an insert/update/delete: legacy reminder columns (null),
 *             no rotation fields, no metadata
 *   'version' a secret_versions row (GET ?version=): tags [], no metadata / rotation fields
 */
function reshapeSecret({ project, environment, secretPath, secret, value, comment, hidden, source, keys, tagIds }) {
  const v = value !== undefined ? value : secret.value;
  const obj = {
    secretKey: secret.key,
    secretPath,
    workspace: project.id,
    environment,
    secretComment: (comment !== undefined ? comment : secret.comment) || '',
    version: secret.version,
    type: secret.type,
    _id: secret.id,
    id: secret.id,
    skipMultilineEncoding: secret.skipMultilineEncoding,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
  };
  if (source === 'read') {
    obj.tags = tagObjects(project, tagIds || secret.tagIds);
    obj.secretMetadata = metadataOut(secret.secretMetadata);
    obj.secretReminderNote = secret.reminder ? secret.reminder.note : null;
    obj.secretReminderRepeatDays = secret.reminder ? secret.reminder.repeatDays : null;
    obj.isRotatedSecret = false;
    obj.rotationId = null;
  } else if (source === 'version') {
    obj.tags = [];
    obj.secretReminderNote = null;
    obj.secretReminderRepeatDays = null;
  } else {
    obj.secretReminderNote = null;
    obj.secretReminderRepeatDays = null;
  }
  if (hidden) {
    obj.secretValue = secret.type === 'personal' ? v : HIDDEN_MASK;
    obj.secretValueHidden = true;
  } else {
    obj.secretValue = v || '';
    obj.secretValueHidden = false;
  }
  return pick(obj, KEYS[keys]);
}

// ------------------------------------------------------------ references
const INTERPOLATION = /\$\{([a-zA-Z0-9\-_.]+)\}/;
const INTERPOLATION_G = () => /\$\{([a-zA-Z0-9\-_.]+)\}/g;
const MAX_SECRET_REFERENCE_DEPTH = 10;

// "${dev.a.b.KEY} ${LOCAL}" -> nested [{environment:'dev', secretPath:'/a/b', secretKey:'KEY'}], local ['LOCAL']
function getAllSecretReferences(value) {
  const refs = [...String(value).matchAll(INTERPOLATION_G())].map((m) => m[1]);
  return {
    nestedReferences: refs
      .filter((r) => r.includes('.'))
      .map((r) => {
        const [environment, ...rest] = r.split('.');
        return { environment, secretPath: posixPath.join('/', ...rest.slice(0, -1)), secretKey: rest[rest.length - 1] };
      }),
    localReferences: refs.filter((r) => !r.includes('.')),
  };
}

// Multi-line result of a reference expansion with skipMultilineEncoding=true.
const formatMultiValueEnv = (val) => {
  if (!val) return '';
  if (!val.includes('\n')) return val;
  return `"${val.replaceAll('\n', '\\n')}"`;
};

// Reference resolution reads the SHARED secrets of a folder; a missing folder
// or key resolves to "", and an empty value is never substituted, so an
// unresolvable reference stays literally in the output. Cycles stop, depth is
// capped at 10. This is a faithful port, including how every substitution is
// done on one growing string.
function makeExpander(state, project) {
  const fetchSecret = (environment, secretPath, key) => {
    const folder = state.getFolder(project, environment, secretPath);
    if (!folder) return '';
    const s = folder.secrets.find((x) => x.key === key && x.type === 'shared');
    return s ? s.value || '' : '';
  };

  const recursivelyExpand = ({ value, secretPath, environment, secretKey }) => {
    if (!value) return '';
    const id = (env, p, k) => `${env}:${p}:${k}`;
    const stack = [{ value, secretPath, environment, depth: 0, visited: new Set([id(environment, secretPath, secretKey)]) }];
    let expanded = value;
    while (stack.length) {
      const node = stack.pop();
      if (node.depth > MAX_SECRET_REFERENCE_DEPTH) continue;
      const refs = [...String(node.value || '').matchAll(INTERPOLATION_G())].map((m) => m[0]);
      for (const syntax of refs) {
        const entities = syntax.slice(2, -1).trim().split('.');
        let refEnv;
        let refPath;
        let refKey;
        if (entities.length === 1) {
          [refKey] = entities;
          refEnv = node.environment;
          refPath = node.secretPath;
        } else {
          refEnv = entities[0];
          refPath = posixPath.join('/', ...entities.slice(1, -1));
          refKey = entities[entities.length - 1];
        }
        const refValue = fetchSecret(refEnv, refPath, refKey);
        const refId = id(refEnv, refPath, refKey);
        const circular = node.visited.has(refId);
        if (INTERPOLATION.test(refValue) && !circular) {
          stack.push({
            value: refValue,
            secretPath: refPath,
            environment: refEnv,
            depth: node.depth + 1,
            visited: new Set([...node.visited, refId]),
          });
        }
        if (refValue) expanded = expanded.replaceAll(syntax, () => refValue);
      }
    }
    return expanded;
  };

  return function expand({ value, skipMultilineEncoding, secretPath, environment, secretKey }) {
    if (!value) return value;
    if (!INTERPOLATION.test(value)) return value;
    const expanded = recursivelyExpand({ value, secretPath, environment, secretKey });
    return skipMultilineEncoding ? formatMultiValueEnv(expanded) : expanded;
  };
}

// ------------------------------------------------------------ imports
const LEVEL_BREAK = 10;
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Imported secrets of `rootImports`: one entry per direct import (in order),
 * nested imports flattened into their parent entry after its own secrets,
 * shared secrets only, cycle detection on env+path, depth <= 10. With an
 * expander, each entry is de-duplicated by key (first wins) and its visible
 * values are expanded against the import's env/path.
 * Returns [{ secretPath, environment, folderId, secrets: [{ secret, importEnv, hidden, value }] }]
 * (raw items; use importedSecretOut for the wire shape).
 */
function secretsFromImports(state, project, rootImports, { viewSecretValue, expander }) {
  const cyclic = new Set();
  const stack = [{ imports: rootImports, depth: 0, parent: [] }];
  const processed = [];
  const keyOf = (imp) => `${imp.importEnv.slug}=${imp.importPath}`;

  while (stack.length) {
    const { imports, depth, parent } = stack.pop();
    if (depth > LEVEL_BREAK) continue;
    const sanitized = imports.filter((imp) => !cyclic.has(keyOf(imp)));
    if (!sanitized.length) continue;
    const folders = sanitized.map((imp) => state.getFolder(project, imp.importEnv.slug, imp.importPath));
    if (!folders.some(Boolean)) continue;
    sanitized.forEach((imp) => cyclic.add(keyOf(imp)));

    const isFirstIteration = !processed.length;
    sanitized.forEach((imp, i) => {
      const folder = folders[i];
      const items = (folder ? folder.secrets.filter((s) => s.type === 'shared').sort(byId) : []).map((secret) => ({
        secret,
        environment: imp.importEnv.slug,
        hidden: !viewSecretValue,
        value: viewSecretValue ? secret.value : HIDDEN_MASK,
      }));
      const deeper = folder ? folder.imports.filter((d) => !d.isReplication) : [];
      if (deeper.length) stack.push({ imports: deeper, depth: depth + 1, parent: items });
      if (isFirstIteration) {
        processed.push({ secretPath: imp.importPath, environment: imp.importEnv.slug, folderId: folder ? folder.id : undefined, secrets: items });
      } else {
        parent.push(...items);
      }
    });
  }

  if (expander) {
    for (const entry of processed) {
      const seen = new Set();
      entry.secrets = entry.secrets.filter((it) => (seen.has(it.secret.key) ? false : (seen.add(it.secret.key), true)));
      for (const it of entry.secrets) {
        if (it.hidden) continue;
        it.value =
          expander({
            value: it.value,
            secretPath: entry.secretPath,
            environment: entry.environment,
            skipMultilineEncoding: it.secret.skipMultilineEncoding,
            secretKey: it.secret.key,
          }) || '';
      }
    }
  }
  return processed;
}

// An imported secret in the list response (workspace is "" on purpose: legacy filler).
function importedSecretOut(item) {
  const s = item.secret;
  return pick(
    {
      id: s.id,
      _id: s.id,
      workspace: '',
      environment: item.environment,
      version: s.version,
      type: s.type,
      secretKey: s.key,
      secretValue: item.value,
      secretComment: s.comment || '',
      skipMultilineEncoding: s.skipMultilineEncoding,
      isRotatedSecret: false,
      rotationId: null,
      secretValueHidden: item.hidden,
      secretMetadata: metadataOut(s.secretMetadata),
    },
    KEYS.imported,
  );
}

// ------------------------------------------------------------ rename
/**
 * After renaming OLD -> NEW at env/path: rewrite `${OLD}` in the other secrets
 * of the same folder and `${env.a.b.OLD}` anywhere in the project; each
 * rewritten secret gets a new version (actor "platform").
 */
function updateLinkedReferences(state, project, folder, environment, secretPath, oldKey, newKey, renamedId) {
  const pathPart = secretPath === '/' ? '' : `.${secretPath.slice(1).replace(/\//g, '.')}`;
  const oldRef = `\${${environment}${pathPart}.${oldKey}}`;
  const newRef = `\${${environment}${pathPart}.${newKey}}`;
  const normalized = posixPath.join('/', secretPath);
  for (const f of project.folders.values()) {
    for (const s of f.secrets) {
      if (!s.value) continue;
      let next = s.value;
      if (f === folder && s.id !== renamedId) {
        const { localReferences } = getAllSecretReferences(s.value);
        if (localReferences.includes(oldKey)) next = next.split(`\${${oldKey}}`).join(`\${${newKey}}`);
      }
      const { nestedReferences } = getAllSecretReferences(s.value);
      if (nestedReferences.some((r) => r.environment === environment && r.secretPath === normalized && r.secretKey === oldKey)) {
        next = next.split(oldRef).join(newRef);
      }
      if (next !== s.value) state.updateSecretRow(f, s, { value: next });
    }
  }
}

module.exports = {
  HIDDEN_MASK,
  reshapeSecret,
  makeExpander,
  secretsFromImports,
  importedSecretOut,
  updateLinkedReferences,
  getAllSecretReferences,
};
