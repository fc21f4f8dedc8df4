'use strict';
// Project lookups shared by the routes, with the real server's errors.

const { badRequest, notFound, forbidden } = require('./http');

// project-service extractProjectIdFromSlug: the id wins; else the slug is looked up.
function extractProjectId(state, { projectId, projectSlug }) {
  if (projectId) return projectId;
  if (!projectSlug) throw badRequest('You must provide projectSlug or workspaceId');
  const project = state.findProjectBySlug(projectSlug);
  if (!project) throw notFound(`No project found with slug ${projectSlug}`);
  return project.id;
}

// permission-service getProjectPermission: the project must exist. (Every
// identity of this server is a member of every project, with admin rights.)
function projectOr404(state, projectId) {
  const project = state.getProject(projectId);
  if (!project) throw notFound(`Project with ${projectId} not found`);
  return project;
}

// The same for routes where the real server checks the membership first (environments): an unknown
// project is one the identity is not a member of, 403 (checked against the real server).
function projectMemberOr403(state, projectId) {
  const project = state.getProject(projectId);
  if (!project) throw forbidden('You are not allowed to access this resource', 'Identity is not a member of the specified project');
  return project;
}

// Project by slug for the routes addressed by projectSlug (dynamic secrets).
function projectBySlugOr404(state, projectSlug) {
  const project = state.findProjectBySlug(projectSlug);
  if (!project) throw notFound(`Project with slug '${projectSlug}' not found`);
  return project;
}

// permission-service + CASL: an identity with the read-only `viewer` project role may only read;
// a write is 403 PermissionDenied "You are not allowed to <action> on <subject>" (as the real
// server answers it; every other identity is an admin).
function requirePermission(req, action, subject) {
  const identity = req.auth && req.auth.identity;
  if (identity && identity.projectRole === 'viewer' && action !== 'read') {
    throw forbidden(`You are not allowed to ${action} on ${subject}`, 'PermissionDenied');
  }
}

module.exports = { extractProjectId, projectOr404, projectMemberOr403, projectBySlugOr404, requirePermission };
