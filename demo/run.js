'use strict';
// Runs the README quickstart (demo/quickstart.js) against the local test
// server, in-process: `node demo/run.js`. Exits 0 on success.

const { startServer, DEFAULTS } = require('../testing');
const { quickstart } = require('./quickstart');

async function main() {
  const server = await startServer();
  try {
    const projectId = server.project.id;
    server.setSecret(projectId, 'dev', '/', 'DATABASE_URL', 'postgres://demo:demo@localhost:5432/demo');
    server.setSecret(projectId, 'dev', '/', 'API_KEY', 'demo-api-key');
    console.log(`test server at ${server.url}, project ${projectId}, seeded 2 secrets in dev`);

    const { before, after } = await quickstart({
      siteUrl: server.url,
      clientId: DEFAULTS.clientId,
      clientSecret: DEFAULTS.clientSecret,
      projectId,
    });
    if (before !== 2 || after !== 2) throw new Error(`unexpected secret counts: ${before} / ${after}`);
    console.log(`quickstart OK (${server.requests.length} requests)`);
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`quickstart FAILED: ${err && err.message}`);
    process.exit(1);
  },
);
