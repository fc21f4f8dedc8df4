'use strict';
// Folders (contract section 6, server/routes/v1/deprecated-secret-folder-router.ts
// + services/secret-folder/secret-folder-service.ts):
//   POST /api/v1/folders   create (mkdir -p, idempotent: an existing folder is returned)
//   GET  /api/v1/folders   list children of `path` (or every folder below it with recursive)
// Folders created here are immediately usable by the secrets routes.

const { notFound, badRequest } = require('../http');
const { z, looseBoolean, prefixWithSlash, removeTrailingSlash } = require('../schema');
const { projectOr404, requirePermission } = require('../lookup');
const { normalizePath, pathSegments } = require('../state');

// A limit of this in-memory server, not of the real one (which stores folders as database rows):
// every folder keeps its whole path, so a 1 MB path of 65,000 segments would need gigabytes.
// No test needs folders this deep; a clear 400 is better than running the test process out of memory.
const MAX_FOLDER_DEPTH = 100;

const isValidFolderName = (name) => /^[a-zA-Z0-9-_]+$/.test(name);

// path/directory: trim, default '/', leading slash added, one trailing slash removed
const folderPathSchema = () =>
  z.string().trim().default('/').transform(prefixWithSlash).transform(removeTrailingSlash).optional();

const createBody = z.object({
  workspaceId: z.string().trim(),
  environment: z.string().trim(),
  name: z
    .string()
    .trim()
    .refine(isValidFolderName, 'Invalid folder name. Only alphanumeric characters, dashes, and underscores are allowed.'),
  path: folderPathSchema(),
  directory: folderPathSchema(),
  description: z.string().optional().nullable(),
});

const listQuery = z.object({
  workspaceId: z.string().trim(),
  environment: z.string().trim(),
  lastSecretModified: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v), 'Invalid datetime')
    .optional(),
  path: z.string().trim().transform(prefixWithSlash).transform(removeTrailingSlash).optional(),
  directory: z.string().trim().transform(prefixWithSlash).transform(removeTrailingSlash).optional(),
  recursive: looseBoolean(false),
});

// SecretFoldersSchema (+ extra keys of the route)
function folderOut(folder, extra = {}) {
  return {
    id: folder.id,
    name: folder.name,
    version: folder.version,
    createdAt: folder.createdAt,
    updatedAt: folder.updatedAt,
    envId: folder.envId,
    parentId: folder.parentId,
    isReserved: folder.isReserved,
    description: folder.description,
    lastSecretModified: folder.lastSecretModified,
    ...extra,
  };
}

module.exports = function registerFolderRoutes(router, { state }) {
  router.add('POST', '/api/v1/folders', { auth: true, limit: 'secrets' }, (req) => {
    const b = createBody.parse(req.body);
    const path = b.path || b.directory || '/';
    const project = projectOr404(state, b.workspaceId);
    requirePermission(req, 'create', 'secrets'); // folders are guarded by the secrets subject
    const env = state.getEnv(project, b.environment);
    if (!env) {
      throw notFound(`Environment with slug '${b.environment}' in project with ID '${project.id}' not found`);
    }
    if (pathSegments(path).length + 1 > MAX_FOLDER_DEPTH) {
      throw badRequest(`Folder depth exceeds ${MAX_FOLDER_DEPTH} (a limit of the local test server)`);
    }
    // create the missing parents, then the folder itself (or return the existing one)
    const parent = state.createFolder(project, b.environment, path);
    const fullPath = normalizePath(parent.path === '/' ? `/${b.name}` : `${parent.path}/${b.name}`);
    let folder = state.getFolder(project, b.environment, fullPath);
    if (!folder) folder = state.createChildFolder(project, b.environment, parent.path, b.name, b.description ?? null);
    return { folder: folderOut(folder, { path: folder.path }) };
  });

  router.add('GET', '/api/v1/folders', { auth: true }, (req) => {
    const q = listQuery.parse(req.query);
    const path = q.path || q.directory || '/';
    const project = projectOr404(state, q.workspaceId);
    const env = state.getEnv(project, q.environment);
    if (!env) throw notFound(`Environment with slug '${q.environment}' not found`);
    const parent = state.getFolder(project, q.environment, path);
    if (!parent) return { folders: [] };

    const since = q.lastSecretModified ? new Date(q.lastSecretModified).getTime() : undefined;
    const modifiedSince = (f) => since === undefined || (f.lastSecretModified && new Date(f.lastSecretModified).getTime() >= since);

    if (q.recursive) {
      // every folder below, with its path relative to the listed one; ordered by name
      const base = parent.path === '/' ? '' : parent.path;
      const folders = state
        .foldersUnder(project, q.environment, parent.path)
        .filter((f) => f.id !== parent.id && modifiedSince(f))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((f) => folderOut(f, { relativePath: f.path.slice(base.length) }));
      return { folders };
    }
    const folders = state
      .childFolders(project, parent)
      .filter((f) => !f.isReserved && modifiedSince(f))
      .map((f) => folderOut(f));
    return { folders };
  });
};
