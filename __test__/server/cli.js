#!/usr/bin/env node
'use strict';
// Starts the test server on $PORT (default: a free port) and prints one line:
//   INFISICAL_TEST_SERVER_URL=http://127.0.0.1:<port>
// Runs until SIGINT/SIGTERM. Set INFISICAL_TEST_SERVER_LOG=1 to log requests to stderr.

const { startServer } = require('./index');

(async () => {
  const server = await startServer({
    port: process.env.PORT ? Number(process.env.PORT) : 0,
    log: process.env.INFISICAL_TEST_SERVER_LOG === '1' ? true : undefined,
  });
  process.stdout.write(`INFISICAL_TEST_SERVER_URL=${server.url}\n`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
