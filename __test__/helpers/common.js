'use strict';
// Helpers every suite shares (the differential helpers in diff.js, the reliability helpers in
// ../reliability/helpers.js and the single-file suites), defined once.

const assert = require('node:assert/strict');
const net = require('node:net');

/** A loopback port nothing listens on (bound once, then released). */
function closedPort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** What `promise` rejected with; fails the test when it resolves. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to reject');
}

module.exports = { closedPort, rejection };
