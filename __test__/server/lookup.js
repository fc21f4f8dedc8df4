'use strict';
// Project lookups shared by the routes, with the real server's errors.

const { badRequest, notFound } = require('./http');

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

// Project by slug for the routes addressed by projectSlug (dynamic secrets).
function projectBySlugOr404(state, projectSlug) {
  const project = state.findProjectBySlug(projectSlug);
  if (!project) throw notFound(`Project with slug '${projectSlug}' not found`);
  return project;
}

module.exports = { extractProjectId, projectOr404, projectBySlugOr404 };
