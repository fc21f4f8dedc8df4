'use strict';
// v3 raw secrets (contract section 2, server/routes/v3/deprecated-secret-router.ts
// + secret-v2-bridge-service.ts):
//   GET    /api/v3/secrets/raw
//   GET    /api/v3/secrets/raw/:secretName
//   POST   /api/v3/secrets/raw/:secretName
//   PATCH  /api/v3/secrets/raw/:secretName
//   DELETE /api/v3/secrets/raw/:secretName
//   POST|PATCH|DELETE /api/v3/secrets/batch/raw  (contract 16.2; secret-v2-bridge-service.ts
//   createManySecret / updateManySecret / deleteManySecret: all or nothing)
// The caller is always a machine identity here, so personal secrets can only
// be read (seeded with server.setSecret(..., { type: 'personal' })); writes of
// personal secrets get the real 400 "Must be user to ... personal secret".

const { badRequest, notFound } = require('../http');
const { z, secretPathSchema, stringBoolean, secretNameSchema, removeTrailingSlash } = require('../schema');
const { extractProjectId, projectOr404, requirePermission } = require('../lookup');
const {
  reshapeSecret,
  makeExpander,
  secretsFromImports,
  importedSecretOut,
  updateLinkedReferences,
} = require('../secret-fns');

const secretType = () => z.enum(['shared', 'personal']).default('shared');

// secretValue on create/update: trimmed; one trailing "\n" is put back.
const secretValueSchema = () => z.string().transform((v) => (v.at(-1) === '\n' ? `${v.trim()}\n` : v.trim()));

// ResourceMetadataWithEncryptionSchema
const secretMetadataSchema = () =>
  z.array(
    z.object({
      key: z.string().trim().min(1).max(255),
      value: z.string().trim().max(1020).default(''),
      isEncrypted: z.boolean().optional().default(false),
    }),
  );

// metadataFilter: "key=K,value=V|key=K2,value=V2"
const metadataFilterSchema = () =>
  z
    .string()
    .optional()
    .transform((val) => {
      if (!val) return undefined;
      const result = [];
      for (const pair of val.split('|')) {
        const kv = {};
        const parts = pair.split(/[,=]/);
        for (let i = 0; i < parts.length; i += 2) {
          const id = parts[i].trim().toLowerCase();
          const v = parts[i + 1]?.trim();
          if (id === 'key' && v) kv.key = v;
          else if (id === 'value' && v) kv.value = v;
        }
        if (kv.key && kv.value) result.push(kv);
      }
      return result.length ? result : undefined;
    })
    .superRefine((metadata, addIssue) => {
      if (metadata && metadata.length > 10) addIssue('You can only filter by up to 10 metadata fields');
    });

const listQuery = z.object({
  metadataFilter: metadataFilterSchema(),
  workspaceId: z.string().trim().optional(),
  workspaceSlug: z.string().trim().optional(),
  environment: z.string().trim().optional(),
  secretPath: secretPathSchema(),
  viewSecretValue: stringBoolean(true),
  expandSecretReferences: stringBoolean(),
  recursive: stringBoolean(),
  include_imports: stringBoolean(),
  tagSlugs: z
    .string()
    .optional()
    .transform((el) => (el ? el.split(',').map((i) => i.trim()) : [])),
});

const getParams = z.object({ secretName: z.string().trim() });
const getQuery = z.object({
  workspaceId: z.string().trim().optional(),
  workspaceSlug: z.string().trim().optional(),
  environment: z.string().trim().optional(),
  secretPath: secretPathSchema(),
  version: z.coerceNumber().optional(),
  type: secretType(),
  viewSecretValue: stringBoolean(true),
  expandSecretReferences: stringBoolean(),
  include_imports: stringBoolean(),
});

const createParams = z.object({ secretName: secretNameSchema() });
const createBody = z.object({
  workspaceId: z.string().trim().optional(),
  projectSlug: z.string().trim().optional(),
  environment: z.string().trim(),
  secretPath: secretPathSchema(),
  secretValue: secretValueSchema(),
  secretComment: z.string().trim().optional().default(''),
  secretMetadata: secretMetadataSchema().optional(),
  tagIds: z.array(z.string()).optional(),
  skipMultilineEncoding: z.boolean().nullish(),
  type: secretType(),
  secretReminderRepeatDays: z.number().optional().nullable(),
  secretReminderNote: z.string().max(1024, 'Secret reminder note cannot exceed 1024 characters').optional().nullable(),
});

const updateParams = z.object({ secretName: z.string().trim().min(1) });
const updateBody = z.object({
  workspaceId: z.string().trim().optional(),
  projectSlug: z.string().trim().optional(),
  environment: z.string().trim(),
  secretValue: secretValueSchema().optional(),
  secretPath: secretPathSchema(),
  skipMultilineEncoding: z.boolean().optional(),
  type: secretType(),
  tagIds: z.array(z.string()).optional(),
  metadata: z.record(z.string()).optional(),
  secretMetadata: secretMetadataSchema().optional(),
  secretReminderNote: z.string().max(1024, 'Secret reminder note cannot exceed 1024 characters').optional().nullable(),
  secretReminderRepeatDays: z.number().optional().nullable(),
  secretReminderRecipients: z.array(z.string()).optional(),
  newSecretName: secretNameSchema().optional(),
  secretComment: z.string().optional(),
});

const deleteParams = z.object({ secretName: z.string().min(1) });
const deleteBody = z.object({
  workspaceId: z.string().trim().optional(),
  projectSlug: z.string().trim().optional(),
  environment: z.string().trim(),
  secretPath: secretPathSchema(),
  type: secretType(),
});

// Batch bodies (v3 deprecated-secret-router.ts, newest version: `mode` and a per-secret
// `secretPath` on PATCH; an older server ignores both).
const batchBase = {
  workspaceId: z.string().trim().optional(),
  projectSlug: z.string().trim().optional(),
  environment: z.string().trim(),
  secretPath: secretPathSchema(),
};
const batchCreateBody = z.object({
  ...batchBase,
  secrets: z
    .array(
      z.object({
        secretKey: secretNameSchema(),
        secretValue: secretValueSchema(),
        secretComment: z.string().trim().optional().default(''),
        skipMultilineEncoding: z.boolean().nullish(),
        metadata: z.record(z.string()).optional(),
        secretMetadata: secretMetadataSchema().optional(),
        tagIds: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});
const batchUpdateBody = z.object({
  ...batchBase,
  mode: z.enum(['failOnNotFound', 'upsert', 'ignore']).default('failOnNotFound'),
  secrets: z
    .array(
      z.object({
        secretKey: secretNameSchema(),
        secretValue: secretValueSchema().optional(),
        secretPath: z.string().trim().transform(removeTrailingSlash).optional(),
        secretComment: z.string().trim().optional(),
        skipMultilineEncoding: z.boolean().optional(),
        newSecretName: z.string().min(1).optional(),
        tagIds: z.array(z.string()).optional(),
        secretReminderNote: z.string().max(1024, 'Secret reminder note cannot exceed 1024 characters').optional().nullable(),
        secretReminderRepeatDays: z.number().optional().nullable(),
        secretMetadata: secretMetadataSchema().optional(),
      }),
    )
    .min(1),
});
const batchDeleteBody = z.object({
  ...batchBase,
  secrets: z.array(z.object({ secretKey: z.string().trim(), type: secretType() })).min(1),
});

const byId = (a, b) => (a.secret.id < b.secret.id ? -1 : a.secret.id > b.secret.id ? 1 : 0);

module.exports = function registerSecretRoutes(router, { state }) {
  const folderNotFound = (path, env, name) =>
    notFound(`Folder with path '${path}' in environment with slug '${env}' not found`, name);

  // Tags must all exist in the project: 404 "Tag not found. Found <slugs of the ones that do>".
  const checkTags = (project, tagIds) => {
    if (!tagIds) return;
    const found = tagIds.map((id) => project.tags.get(id)).filter(Boolean);
    if (found.length !== tagIds.length) throw notFound(`Tag not found. Found ${found.map((t) => t.slug).join(',')}`);
  };

  // The project a write names (workspaceId or projectSlug in its body): 404 when unknown.
  const projectOf = (b) => projectOr404(state, extractProjectId(state, { projectId: b.workspaceId, projectSlug: b.projectSlug }));
  // The folder a single-secret write names; `operation` names the 404 as the real service does.
  const writeFolder = (project, b, operation) => {
    const folder = state.getFolder(project, b.environment, b.secretPath);
    if (!folder) throw folderNotFound(b.secretPath, b.environment, operation);
    return folder;
  };

  // A secret as a write answers it: the value shown, with what `fields` adds (value, comment, keys).
  const written = (project, environment, secretPath, secret, fields) =>
    reshapeSecret({ project, environment, secretPath, secret, hidden: false, source: 'write', ...fields });
  // The row changes an update (single or batch item) asks for; `key` is the name after the update.
  const requestedChanges = (item, key) => {
    const changes = { key };
    if (typeof item.secretValue === 'string') changes.value = item.secretValue;
    if (item.secretComment !== undefined) changes.comment = item.secretComment;
    if (item.skipMultilineEncoding !== undefined) changes.skipMultilineEncoding = item.skipMultilineEncoding;
    if (item.tagIds) changes.tagIds = [...item.tagIds];
    if (item.secretMetadata) changes.secretMetadata = item.secretMetadata.map((m) => ({ ...m }));
    if (item.secretReminderRepeatDays) changes.reminder = { note: item.secretReminderNote ?? null, repeatDays: item.secretReminderRepeatDays };
    return changes;
  };

  // --------------------------------------------------------------- list
  router.add('GET', '/api/v3/secrets/raw', { auth: true, limit: 'secrets' }, (req) => {
    const identityId = req.auth.identity.identityId;
    const q = listQuery.parse(req.query);
    const projectId = extractProjectId(state, { projectId: q.workspaceId, projectSlug: q.workspaceSlug });
    const environment = q.environment;
    if (!projectId || !environment) throw badRequest('Missing project id or environment');
    const project = projectOr404(state, projectId);
    const pathNotFound = () =>
      notFound(
        `Folder with path '${q.secretPath}' in environment '${environment}' was not found. Please ensure the environment slug and secret path is correct.`,
        'SecretPathNotFound',
      );

    // folders to read, with the path each secret reports
    let paths;
    if (q.recursive) {
      if (!state.getEnv(project, environment)) {
        throw notFound(`Environment with slug '${environment}' in project with ID ${projectId} not found`);
      }
      const folders = state.foldersUnder(project, environment, q.secretPath);
      if (!folders.length) throw pathNotFound();
      paths = folders.map((folder) => ({ folder, path: folder.path }));
    } else {
      const folder = state.getFolder(project, environment, q.secretPath);
      if (!folder) throw pathNotFound();
      paths = [{ folder, path: q.secretPath }];
    }

    // secrets: shared ones plus the caller's personal ones, ORDER BY id
    const slugs = q.tagSlugs.filter(Boolean);
    let rows = [];
    for (const { folder, path } of paths) {
      for (const secret of folder.secrets) {
        if (secret.type === 'personal' && secret.userId !== identityId) continue;
        let tagIds = secret.tagIds;
        if (slugs.length) {
          // the tag join is filtered, so only matching tags come back
          tagIds = tagIds.filter((id) => slugs.includes(project.tags.get(id)?.slug));
          if (!tagIds.length) continue;
        }
        if (q.metadataFilter && !q.metadataFilter.every((f) => secret.secretMetadata.some((m) => m.key === f.key && m.value === f.value))) {
          continue;
        }
        rows.push({ secret, path, tagIds });
      }
    }
    rows = rows.sort(byId);

    const expander = makeExpander(state, project);
    const secrets = rows.map(({ secret, path, tagIds }) => {
      const isOwnPersonal = secret.type === 'personal' && secret.userId === identityId;
      const out = reshapeSecret({
        project,
        environment,
        secretPath: path,
        secret,
        hidden: !q.viewSecretValue && !isOwnPersonal,
        source: 'read',
        keys: 'list',
        tagIds,
      });
      if (q.expandSecretReferences) {
        out.secretValue =
          expander({ value: out.secretValue, secretPath: path, environment, skipMultilineEncoding: secret.skipMultilineEncoding, secretKey: secret.key }) || '';
      }
      return out;
    });

    let imports = [];
    if (q.include_imports) {
      const rootImports = paths.flatMap(({ folder }) => folder.imports.filter((i) => !i.isReplication));
      // NB: the real getSecrets passes the expander to the import resolver
      // whether or not expandSecretReferences was asked for.
      imports = secretsFromImports(state, project, rootImports, { viewSecretValue: q.viewSecretValue, expander }).map((entry) => {
        const out = { secretPath: entry.secretPath, environment: entry.environment };
        if (entry.folderId !== undefined) out.folderId = entry.folderId;
        out.secrets = entry.secrets.map(importedSecretOut);
        return out;
      });
    }
    return { secrets, imports };
  });

  // --------------------------------------------------------------- get one
  router.add('GET', '/api/v3/secrets/raw/:secretName', { auth: true, limit: 'secrets' }, (req) => {
    const identityId = req.auth.identity.identityId;
    const { secretName } = getParams.parse(req.params);
    const q = getQuery.parse(req.query);
    const projectId = extractProjectId(state, { projectId: q.workspaceId, projectSlug: q.workspaceSlug });
    const environment = q.environment;
    if (!environment) throw badRequest('Missing environment');
    const project = projectOr404(state, projectId);
    const path = q.secretPath;
    const folder = state.getFolder(project, environment, path);
    if (!folder) throw folderNotFound(path, environment, 'GetSecretByName');

    const userId = q.type === 'personal' ? identityId : null;
    let secret;
    let versionRow;
    if (q.version === undefined) {
      secret = state.findSecret(folder, secretName, q.type, userId);
    } else {
      for (const s of folder.secrets) {
        const v = s.versions.find((x) => x.version === q.version && x.key === secretName && x.type === q.type && x.userId === userId);
        if (v) {
          versionRow = v;
          secret = s;
          break;
        }
      }
    }

    const expander = makeExpander(state, project);

    // Not in the folder: search the imports, last import first.
    if (!secret && q.include_imports) {
      const imported = secretsFromImports(state, project, folder.imports.filter((i) => !i.isReplication), {
        viewSecretValue: q.viewSecretValue,
        expander: q.expandSecretReferences && q.viewSecretValue ? expander : undefined,
      });
      for (let i = imported.length - 1; i >= 0; i -= 1) {
        const found = imported[i].secrets.find((it) => it.secret.key === secretName);
        if (found) {
          return {
            secret: reshapeSecret({
              project,
              environment: imported[i].environment,
              secretPath: imported[i].secretPath,
              secret: found.secret,
              value: found.value,
              hidden: !q.viewSecretValue,
              source: 'read',
              keys: 'get',
            }),
          };
        }
      }
    }
    if (!secret) throw notFound(`Secret with name '${secretName}' not found`);

    const row = versionRow ? { ...versionRow, id: secret.id, tagIds: [], secretMetadata: [] } : secret;
    let value = row.value || '';
    if (q.expandSecretReferences && value && q.viewSecretValue) {
      value = expander({ environment, secretPath: path, value, skipMultilineEncoding: row.skipMultilineEncoding, secretKey: row.key }) || '';
    }
    return {
      secret: reshapeSecret({
        project,
        environment,
        secretPath: path,
        secret: row,
        value,
        hidden: !q.viewSecretValue,
        source: versionRow ? 'version' : 'read',
        keys: 'get',
      }),
    };
  });

  // --------------------------------------------------------------- create
  router.add('POST', '/api/v3/secrets/raw/:secretName', { auth: true, limit: 'secrets' }, (req) => {
    const { secretName } = createParams.parse(req.params);
    const b = createBody.parse(req.body);
    const project = projectOf(b);
    requirePermission(req, 'create', 'secrets');
    const folder = writeFolder(project, b, 'CreateSecret');
    if (b.type === 'personal') throw badRequest('Must be user to create personal secret');
    if (state.findSecret(folder, secretName, 'shared')) throw badRequest('Secret already exists');
    checkTags(project, b.tagIds);

    const secret = state.insertSecret(folder, {
      key: secretName,
      value: b.secretValue,
      type: b.type,
      comment: b.secretComment,
      skipMultilineEncoding: b.skipMultilineEncoding ?? false,
      tagIds: b.tagIds || [],
      secretMetadata: b.secretMetadata || [],
      reminder: b.secretReminderRepeatDays ? { note: b.secretReminderNote ?? null, repeatDays: b.secretReminderRepeatDays } : null,
    });
    return {
      secret: written(project, b.environment, b.secretPath, secret, { value: b.secretValue, comment: b.secretComment || '', keys: 'create' }),
    };
  });

  // --------------------------------------------------------------- update
  router.add('PATCH', '/api/v3/secrets/raw/:secretName', { auth: true, limit: 'secrets' }, (req) => {
    const { secretName } = updateParams.parse(req.params);
    const b = updateBody.parse(req.body);
    const project = projectOf(b);
    requirePermission(req, 'edit', 'secrets');
    if (b.newSecretName === '') throw badRequest('New secret name cannot be empty');
    const folder = writeFolder(project, b, 'UpdateSecret');
    if (b.type === 'personal') throw badRequest('Must be user to create personal secret');
    const secret = state.findSecret(folder, secretName, 'shared');
    if (!secret) throw notFound(`Secret with name ${secretName} not found`);
    checkTags(project, b.tagIds);
    if (b.newSecretName && state.findSecret(folder, b.newSecretName, 'shared')) {
      throw badRequest('Secret with the new name already exists');
    }

    state.updateSecretRow(folder, secret, requestedChanges(b, b.newSecretName || secretName));
    if (b.newSecretName) {
      updateLinkedReferences(state, project, folder, b.environment, b.secretPath, secretName, b.newSecretName, secret.id);
    }
    // NB: the response carries the value/comment of the REQUEST ("" when not sent).
    return {
      secret: written(project, b.environment, b.secretPath, secret, { value: b.secretValue || '', comment: b.secretComment || '', keys: 'write' }),
    };
  });

  // --------------------------------------------------------------- delete
  router.add('DELETE', '/api/v3/secrets/raw/:secretName', { auth: true, limit: 'secrets' }, (req) => {
    const { secretName } = deleteParams.parse(req.params);
    const b = deleteBody.parse(req.body);
    const project = projectOf(b);
    requirePermission(req, 'delete', 'secrets');
    const folder = writeFolder(project, b, 'DeleteSecret');
    if (b.type === 'personal') throw badRequest('Must be user to delete personal secret');
    const secret = state.findSecret(folder, secretName, 'shared') || folder.secrets.find((s) => s.key === secretName);
    if (!secret) throw notFound('Secret not found');
    // deleting a shared secret also deletes the personal overrides of that key
    for (const s of [...folder.secrets]) {
      if (s === secret || (secret.type === 'shared' && s.key === secretName && s.type === 'personal')) state.removeSecret(folder, s);
    }
    return { secret: written(project, b.environment, b.secretPath, secret, { keys: 'write' }) };
  });

  // --------------------------------------------------------------- batches
  // Each checks every secret before changing any, as the real service does in one transaction.
  // `name`: the 404's `error`, as the real service names it per call ("Create secret" for the
  // batch create and, as written there, the batch delete; "Update secret" for the batch update).
  const batchFolder = (project, environment, path, name) => {
    const folder = state.getFolder(project, environment, path);
    if (!folder) throw notFound('Folder not found for the given environment slug & secret path', name);
    return folder;
  };

  router.add('POST', '/api/v3/secrets/batch/raw', { auth: true, limit: 'secrets' }, (req) => {
    const b = batchCreateBody.parse(req.body);
    const project = projectOf(b);
    requirePermission(req, 'create', 'secrets');
    const folder = batchFolder(project, b.environment, b.secretPath, 'Create secret');
    const existing = b.secrets.filter((s) => state.findSecret(folder, s.secretKey, 'shared'));
    if (existing.length) throw badRequest(`Secret already exist: ${existing.map((s) => s.secretKey).join(',')}`);
    for (const s of b.secrets) checkTags(project, s.tagIds);
    const secrets = b.secrets.map((s) => {
      const secret = state.insertSecret(folder, {
        key: s.secretKey,
        value: s.secretValue,
        comment: s.secretComment,
        skipMultilineEncoding: s.skipMultilineEncoding ?? false,
        tagIds: s.tagIds || [],
        secretMetadata: s.secretMetadata || [],
      });
      return written(project, b.environment, b.secretPath, secret, { value: s.secretValue, comment: s.secretComment || '', keys: 'create' });
    });
    return { secrets };
  });

  router.add('PATCH', '/api/v3/secrets/batch/raw', { auth: true, limit: 'secrets' }, (req) => {
    const b = batchUpdateBody.parse(req.body);
    const project = projectOf(b);
    requirePermission(req, 'edit', 'secrets');
    // resolve every secret first: its folder (its own secretPath or the batch's) and its row
    const planned = b.secrets.map((s) => {
      const path = s.secretPath || b.secretPath;
      const folder = batchFolder(project, b.environment, path, 'Update secret');
      return { s, path, folder, secret: state.findSecret(folder, s.secretKey, 'shared') };
    });
    const missing = planned.filter((p) => !p.secret);
    if (missing.length && b.mode === 'failOnNotFound') {
      throw notFound(`Secret does not exist: ${missing.map((p) => p.s.secretKey).join(',')}`);
    }
    const renamed = planned.filter((p) => p.s.newSecretName && state.findSecret(p.folder, p.s.newSecretName, 'shared'));
    if (renamed.length) {
      throw badRequest(`Secret with new name already exists: ${renamed.map((p) => p.s.newSecretName).join(',')}`);
    }
    for (const { s } of planned) checkTags(project, s.tagIds);

    const secrets = [];
    for (const { s, path, folder, secret: found } of planned) {
      let secret = found;
      if (!secret && b.mode === 'ignore') continue;
      if (!secret) {
        // upsert: a missing secret is created with what the item gives
        secret = state.insertSecret(folder, {
          key: s.newSecretName || s.secretKey,
          value: s.secretValue ?? '',
          comment: s.secretComment ?? '',
          skipMultilineEncoding: s.skipMultilineEncoding ?? false,
          tagIds: s.tagIds || [],
          secretMetadata: s.secretMetadata || [],
        });
      } else {
        state.updateSecretRow(folder, secret, requestedChanges(s, s.newSecretName || s.secretKey));
        if (s.newSecretName) {
          updateLinkedReferences(state, project, folder, b.environment, path, s.secretKey, s.newSecretName, secret.id);
        }
      }
      secrets.push(written(project, b.environment, path, secret, { keys: 'write' }));
    }
    return { secrets };
  });

  router.add('DELETE', '/api/v3/secrets/batch/raw', { auth: true, limit: 'secrets' }, (req) => {
    const b = batchDeleteBody.parse(req.body);
    const project = projectOf(b);
    requirePermission(req, 'delete', 'secrets');
    const folder = batchFolder(project, b.environment, b.secretPath, 'Create secret');
    if (b.secrets.some((s) => s.type === 'personal')) throw badRequest('Must be user to delete personal secret');
    const found = b.secrets.map((s) => state.findSecret(folder, s.secretKey, 'shared'));
    if (found.some((f) => !f)) {
      throw notFound(`One or more secrets does not exist: ${found.filter(Boolean).map((f) => f.key).join(',')}`);
    }
    const secrets = found.map((secret) => {
      for (const s of [...folder.secrets]) {
        if (s === secret || (s.key === secret.key && s.type === 'personal')) state.removeSecret(folder, s);
      }
      return written(project, b.environment, b.secretPath, secret, { keys: 'write' });
    });
    return { secrets };
  });
};
