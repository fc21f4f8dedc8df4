'use strict';
// Folders (contract section 6, server/routes/v1/deprecated-secret-folder-router.ts
// + services/secret-folder/secret-folder-service.ts):
//   POST /api/v1/folders   create (mkdir -p, idempotent: an existing folder is returned)
//   GET  /api/v1/folders   list children of `path` (or every folder below it with recursive)
//   GET    /api/v1/folders/:id               one folder, with its environment, path and project
//   PATCH  /api/v1/folders/:folderId         rename a child of `path` (by id, or by name as the CLI does)
//   DELETE /api/v1/folders/:folderIdOrName   delete a child of `path` (a uuid is an id, else a name)
//                                            with everything below it
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

// An update takes the same fields as a create (name: the new name).
const updateBody = createBody;

const deleteBody = z.object({
  workspaceId: z.string().trim(),
  environment: z.string().trim(),
  path: folderPathSchema(),
  directory: folderPathSchema(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

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

  // The folder with this id in any project (ids are unique server-wide).
  const folderById = (id) => {
    for (const project of state.projects.values()) {
      for (const folder of project.folders.values()) if (folder.id === id) return { project, folder };
    }
    return undefined;
  };

  // A child folder of `path` in the body's environment, looked up the way each route does.
  // `notFoundName`: the `error` of the 404 when there is no such folder (the real service names
  // the delete's "Delete folder"; an update's is the default NotFound).
  const childOf = (req, b, action, pick, notFoundName = undefined) => {
    const path = b.path || b.directory || '/';
    const project = projectOr404(state, b.workspaceId);
    requirePermission(req, action, 'secrets'); // folders are guarded by the secrets subject
    const parent = state.getFolder(project, b.environment, path);
    if (!parent) throw notFound('Secret path not found');
    if (!state.getEnv(project, b.environment)) throw notFound('Environment not found');
    const folder = state.childFolders(project, parent).find((f) => !f.isReserved && pick(f));
    if (!folder) throw notFound('Folder not found', notFoundName);
    return { project, parent, folder };
  };

  // The folder and every folder below it, with their map keys.
  const subtree = (project, folder) =>
    [...project.folders.entries()].filter(
      ([, f]) => f.envId === folder.envId && (f.path === folder.path || f.path.startsWith(`${folder.path}/`)),
    );

  router.add('GET', '/api/v1/folders/:id', { auth: true }, (req) => {
    const found = folderById(String(req.params.id).trim());
    if (!found) throw notFound('Folder not found');
    const { project, folder } = found;
    return {
      folder: folderOut(folder, {
        environment: { envId: folder.env.id, envName: folder.env.name, envSlug: folder.env.slug },
        path: folder.path,
        projectId: project.id,
      }),
    };
  });

  router.add('PATCH', '/api/v1/folders/:folderId', { auth: true, limit: 'secrets' }, (req) => {
    const b = updateBody.parse(req.body);
    const id = req.params.folderId;
    // by id; the CLI still sends a name, which the server falls back to
    const { project, parent, folder } = childOf(req, b, 'edit', (f) => f.id === id || (!UUID.test(id) && f.name === id));
    if (b.name !== folder.name && state.childFolders(project, parent).some((f) => f.name === b.name)) {
      throw badRequest('Folder with specified name already exists', 'Update folder');
    }
    if (b.name !== folder.name) {
      // every folder below moves with it: new paths, new map keys
      const oldPath = folder.path;
      const newPath = parent.path === '/' ? `/${b.name}` : `${parent.path}/${b.name}`;
      for (const [key, f] of subtree(project, folder)) {
        project.folders.delete(key);
        f.path = newPath + f.path.slice(oldPath.length);
        project.folders.set(`${f.envId}:${f.path}`, f);
      }
      folder.name = b.name;
      folder.version += 1;
    }
    if (b.description !== undefined) folder.description = b.description;
    folder.updatedAt = state.nowIso();
    return { folder: folderOut(folder, { path: folder.path }) };
  });

  router.add('DELETE', '/api/v1/folders/:folderIdOrName', { auth: true, limit: 'secrets' }, (req) => {
    const b = deleteBody.parse(req.body);
    const idOrName = req.params.folderIdOrName;
    const byId = UUID.test(idOrName);
    const { project, folder } = childOf(req, b, 'delete', (f) => (byId ? f.id === idOrName : f.name === idOrName), 'Delete folder');
    for (const [key] of subtree(project, folder)) project.folders.delete(key);
    return { folder: folderOut(folder) };
  });
};
