'use strict';

// scripts/check-glibc.js, which release.yml runs on each Linux binary: it must
// find the highest GLIBC_ symbol version the binary needs and fail above the
// README's floor. Checked on the binary built here (a debug build on this
// machine's glibc, typically 2.3x: the script must report it, and fail it
// against 2.17), against binutils' objdump read independently. Linux only
// (readelf); the release binaries are checked in release.yml.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const h = require('./helpers');
const { compare, readmeFloor } = require('../../scripts/check-glibc');

const SCRIPT = path.join(h.ROOT, 'scripts', 'check-glibc.js');
const check = (args) => h.node([SCRIPT, '--json', ...args], { timeout: 60_000 });

/** The highest GLIBC_x.y in `objdump -T` (dynamic symbols), or null. */
function objdumpHighest(file) {
  const out = execFileSync('objdump', ['-T', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const versions = [...new Set([...out.matchAll(/\bGLIBC_(\d+(?:\.\d+)+)\b/g)].map((m) => m[1]))].sort(compare);
  return versions.length ? versions[versions.length - 1] : null;
}

if (process.platform === 'linux') {
  describe('scripts/check-glibc.js (release.yml: the glibc floor of each Linux binary)', () => {
    const binary = h.localBinary();

    test('the floor comes from README.md, which states glibc 2.17', () => {
      assert.equal(readmeFloor(), '2.17');
    });

    test('finds the highest glibc version the local binary needs, as objdump sees it, and judges it against the floor', async () => {
      const expected = objdumpHighest(binary.path);
      if (binary.platformName.endsWith('-musl')) assert.equal(expected, null);
      const run = await check([binary.path]);
      const [result] = JSON.parse(run.stdout);
      assert.equal(result.highest, expected);
      assert.equal(result.max, '2.17');
      const above = expected !== null && compare(expected, '2.17') > 0;
      assert.equal(result.ok, !above);
      assert.equal(run.code, above ? 1 : 0, run.stderr);
      if (above) assert.match(run.stderr, new RegExp(`needs glibc ${expected.replace(/\./g, '\\.')}, above the floor 2\\.17`));
    });

    test("passes at exactly the highest version, fails one step below it", async () => {
      const highest = objdumpHighest(binary.path);
      assert.ok(highest !== null || binary.platformName.endsWith('-musl'), 'a glibc binary with no GLIBC_ versions');
      if (highest === null) {
        const run = await check(['--max', '2.0', binary.path]);
        assert.equal(run.code, 0, run.stderr);
        return;
      }
      const at = await check(['--max', highest, binary.path]);
      assert.equal(at.code, 0, at.stderr);
      const [major, minor] = highest.split('.').map(Number);
      const below = minor > 0 ? `${major}.${minor - 1}` : `${major - 1}.99`;
      const under = await check(['--max', below, binary.path]);
      assert.equal(under.code, 1, under.stderr);
      assert.deepEqual(JSON.parse(under.stdout)[0].above.includes(highest), true);
    });

    test('a file that is not ELF is an error (exit 2), never a pass', async () => {
      const run = await check([path.join(h.ROOT, 'README.md')]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /Not an ELF file|not an ELF/i);
      const missing = await check([path.join(h.ROOT, 'no-such-file.node')]);
      assert.equal(missing.code, 2);
      assert.ok(!fs.existsSync(path.join(h.ROOT, 'no-such-file.node')));
    });
  });
}
