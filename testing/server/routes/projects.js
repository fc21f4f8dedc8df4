'use strict';
// Projects, environments and memberships (contract sections 4 and 5):
//   POST /api/v2/workspace                          create a project  (v2/deprecated-project-router.ts)
//   POST /api/v2/workspace/:projectId/memberships   invite users      (v2/deprecated-project-membership-router.ts)
//   POST /api/v1/workspace/:workspaceId/environments create an env   (v1/deprecated-project-env-router.ts)

const crypto = require('node:crypto');
const { badRequest } = require('../http');
const { z, slugSchema } = require('../schema');
const { projectOr404, projectMemberOr403, requirePermission } = require('../lookup');

const createProjectBody = z.object({
  projectName: z.string().trim().max(64, 'Name must be 64 or fewer characters'),
  projectDescription: z.string().trim().max(1024, 'Description must be 1024 or fewer characters').optional(),
  slug: slugSchema({ min: 5, max: 64 }).optional(),
  kmsKeyId: z.string().optional(),
  template: slugSchema({ field: 'Template Name', max: 64 }).optional().default('default'),
  type: z.enum(['secret-manager', 'cert-manager', 'kms', 'ssh', 'secret-scanning', 'pam']).default('secret-manager'),
  shouldCreateDefaultEnvs: z.boolean().optional().default(true),
  hasDeleteProtection: z.boolean().optional().default(false),
});

const lowercase = (what) => (v) => v.toLowerCase() === v;
const inviteBody = z.object({
  emails: z.array(z.string().trim().email().refine(lowercase(), 'Email must be lowercase')).default([]),
  usernames: z.array(z.string().trim().refine(lowercase(), 'Username must be lowercase')).default([]),
  roleSlugs: z.array(z.string()).min(1).optional(),
});

const createEnvParams = z.object({ workspaceId: z.string().trim() });
const createEnvBody = z.object({
  name: z.string().trim(),
  position: z.number().min(1).optional(),
  slug: slugSchema({ max: 64 }).refine((v) => v === v.toLowerCase(), 'Environment slug must be lowercase'),
});

// slugify(name) like @sindresorhus/slugify (enough for ASCII names)
const slugify = (s) =>
  String(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

module.exports = function registerProjectRoutes(router, { state }) {
  // SanitizedProjectSchema + _id, environments, kmsSecretManagerKeyId
  const projectOut = (p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    type: p.type,
    defaultProduct: p.type,
    slug: p.slug,
    autoCapitalization: false,
    orgId: p.orgId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
    upgradeStatus: null,
    pitVersionLimit: 10,
    kmsCertificateKeyId: null,
    auditLogsRetentionDays: null,
    hasDeleteProtection: Boolean(p.hasDeleteProtection),
    secretSharing: true,
    showSnapshotsLegacy: false,
    secretDetectionIgnoreValues: [],
    enforceEncryptedSecretManagerSecretMetadata: false,
    _id: p.id,
    environments: p.environments.map((e) => ({ name: e.name, slug: e.slug, id: e.id })),
    kmsSecretManagerKeyId: null,
  });

  router.add('POST', '/api/v2/workspace', { auth: true, limit: 'projectCreation' }, (req) => {
    const b = createProjectBody.parse(req.body);
    let slug = b.slug;
    if (!slug) {
      const suffix = crypto.createHash('sha256').update(`${b.projectName}:${state.idCounter}`).digest('hex').slice(0, 4);
      slug = `${slugify(b.projectName)}-${suffix}`;
    }
    if (state.findProjectBySlug(slug)) throw badRequest('Project with the same slug already exists');
    const project = state.createProject({
      name: b.projectName,
      slug,
      description: b.projectDescription ?? null,
      type: b.type,
      environments: b.shouldCreateDefaultEnvs
        ? [
            { slug: 'dev', name: 'Development' },
            { slug: 'staging', name: 'Staging' },
            { slug: 'prod', name: 'Production' },
          ]
        : [],
    });
    project.hasDeleteProtection = b.hasDeleteProtection;
    project.memberships.push({ identityId: req.auth.identity.identityId, roles: ['admin'] });
    return { project: projectOut(project) };
  });

  router.add('POST', '/api/v2/workspace/:projectId/memberships', { auth: true }, (req) => {
    const b = inviteBody.parse(req.body);
    const project = projectOr404(state, req.params.projectId);
    const ts = state.nowIso();
    const memberships = [];
    // every email/username becomes an org user (role no-access) and a project member
    for (const username of [...b.emails, ...b.usernames]) {
      let user = state.users.get(username);
      if (!user) {
        user = { id: state.newId(), username, email: username.includes('@') ? username : null };
        state.users.set(username, user);
      }
      if (project.memberships.some((m) => m.userId === user.id)) continue;
      const membership = { id: state.newId(), createdAt: ts, updatedAt: ts, userId: user.id, projectId: project.id, roles: b.roleSlugs || ['member'] };
      project.memberships.push(membership);
      memberships.push({ id: membership.id, createdAt: ts, updatedAt: ts, userId: user.id, projectId: project.id });
    }
    return { memberships };
  });

  router.add('POST', '/api/v1/workspace/:workspaceId/environments', { auth: true }, (req) => {
    const { workspaceId } = createEnvParams.parse(req.params);
    const b = createEnvBody.parse(req.body);
    const project = projectMemberOr403(state, workspaceId);
    requirePermission(req, 'create', 'environments');
    if (state.getEnv(project, b.slug)) {
      throw badRequest('Environment with slug already exist', 'CreateEnvironment');
    }
    const position = b.position ?? Math.max(0, ...project.environments.map((e) => e.position)) + 1;
    if (b.position !== undefined) {
      // make room: environments at or after the position move down one
      for (const e of project.environments) if (e.position >= position) e.position += 1;
    }
    const env = state.createEnvironment(project, { name: b.name, slug: b.slug, position });
    return {
      message: 'Successfully created new environment',
      workspace: workspaceId,
      environment: {
        id: env.id,
        name: env.name,
        slug: env.slug,
        position: env.position,
        projectId: env.projectId,
        createdAt: env.createdAt,
        updatedAt: env.updatedAt,
      },
    };
  });
};
