#!/usr/bin/env node
'use strict';
// npx infisical-sdk-native dev-server [--port 8080] [--host 127.0.0.1] [--seed secrets.json] [--log]
//
// Starts the local Infisical server (infisical-sdk-native/testing), prints its URL and the
// seeded machine identity's test credentials, and runs until SIGINT/SIGTERM. A bad flag or
// seed file is reported before the server starts (exit code 2).

const fs = require('node:fs');

const USAGE = `Usage: infisical-sdk-native dev-server [options]

Runs a local, in-memory Infisical server for offline development and tests.

Options:
  --port <n>       port to listen on (default: a free port)
  --host <addr>    address to listen on (default: 127.0.0.1)
  --seed <file>    JSON file of projects, environments, folders, secrets, imports and tags
  --log            log every request to stderr
  -h, --help       show this help
`;

class UsageError extends Error {
  constructor(message, { showUsage = true } = {}) {
    super(message);
    this.showUsage = showUsage;
  }
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port: expected a port number (0-65535), got ${JSON.stringify(v)}`);
        opts.port = Number(v);
        break;
      }
      case '--host':
        opts.host = value();
        break;
      case '--seed':
        opts.seedFile = value();
        break;
      case '--log':
        opts.log = true;
        break;
      case '-h':
      case '--help':
        opts.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

function readSeed(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--seed: cannot read ${file}: ${err.code || err.message}`, { showUsage: false });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--seed: ${file} is not valid JSON: ${err.message}`, { showUsage: false });
  }
}

async function devServer(argv) {
  const opts = parseArgs(argv);
  if (opts.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { startInfisical, InfisicalSeedError } = require('../testing.js');
  const seed = opts.seedFile ? readSeed(opts.seedFile) : undefined;
  let server;
  try {
    server = await startInfisical({ port: opts.port, host: opts.host, seed, log: opts.log });
  } catch (err) {
    if (err instanceof InfisicalSeedError) throw new UsageError(`--seed ${opts.seedFile}: ${err.message}`, { showUsage: false });
    if (err && err.code === 'EADDRINUSE') throw new UsageError(`--port ${opts.port}: the port is already in use`);
    throw err;
  }
  const lines = [
    `Infisical dev server running at ${server.url}`,
    '',
    `  siteUrl        ${server.url}`,
    `  clientId       ${server.clientId}`,
    `  clientSecret   ${server.clientSecret}`,
    `  identityId     ${server.identityId}`,
    `  projectId      ${server.projectId}`,
    `  projectSlug    ${server.projectSlug}`,
    `  environments   ${server.environments.join(', ')}`,
    `  awsIdentityId  ${server.awsIdentityId}`,
    '',
    'These are test credentials of an in-memory server: every change is lost when it stops.',
    'Press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === 'dev-server') return devServer(rest);
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)} (expected: dev-server)`);
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) {
    process.stderr.write(`infisical-sdk-native: ${err.message}\n${err.showUsage ? `\n${USAGE}` : ''}`);
    process.exit(2);
  }
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
