'use strict'
// Loads the native addon through the napi-rs loader (../binding.js). When no
// binary loads, that loader throws "Cannot find native binding. npm has a
// bug..." with a chain of causes; this turns it into ONE clear error that
// names the platform, the package that was expected and the fix, and keeps
// the loader's error as `cause`. The message is built only on failure.

const path = require('node:path')

let binding
try {
  binding = require('../binding.js')
} catch (loaderError) {
  throw bindingLoadError(loaderError)
}

module.exports = binding

/** 'gnu' or 'musl' for the C library this Node process runs on (Linux only). */
function linuxLibc() {
  let report = null
  try {
    if (process.report && typeof process.report.getReport === 'function') {
      const excludeNetwork = process.report.excludeNetwork
      process.report.excludeNetwork = true
      try {
        report = process.report.getReport()
      } finally {
        process.report.excludeNetwork = excludeNetwork
      }
    }
  } catch {
    report = null
  }
  if (report && report.header && report.header.glibcVersionRuntime) return 'gnu'
  try {
    if (require('node:fs').readFileSync('/usr/bin/ldd', 'utf8').includes('musl')) return 'musl'
  } catch {
    // no ldd: decide from the report below
  }
  if (report && Array.isArray(report.sharedObjects)) {
    if (report.sharedObjects.some((f) => f.includes('libc.musl-') || f.includes('ld-musl-'))) return 'musl'
  }
  return 'gnu'
}

/** The napi-rs platform name of this process: linux-x64-gnu, darwin-arm64, win32-x64-msvc... */
function currentPlatformName() {
  const { platform, arch } = process
  if (platform === 'linux') {
    const libc = linuxLibc()
    return { name: `linux-${arch}-${libc}`, libc }
  }
  if (platform === 'win32') return { name: `win32-${arch}-msvc`, libc: null }
  return { name: `${platform}-${arch}`, libc: null }
}

/** napi-rs platform name of a Rust target triple from package.json `napi.targets`. */
function platformNameOfTriple(triple) {
  const arch = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm' }[triple.split('-')[0]] || triple.split('-')[0]
  if (triple.endsWith('-apple-darwin')) return `darwin-${arch}`
  if (triple.endsWith('-pc-windows-msvc')) return `win32-${arch}-msvc`
  const linux = /-unknown-linux-(gnu|musl)$/.exec(triple)
  if (linux) return `linux-${arch}-${linux[1]}`
  return triple
}

/** Messages of the loader's error chain (binding.js links each failure by `cause`). */
function chainMessages(error) {
  const messages = []
  const seen = new Set()
  for (let e = error; e && !seen.has(e) && messages.length < 50; e = e.cause) {
    seen.add(e)
    messages.push(String(e && e.message !== undefined ? e.message : e))
  }
  return messages
}

function bindingLoadError(loaderError) {
  const pkgDir = path.join(__dirname, '..')
  let pkg = {}
  try {
    pkg = require('../package.json')
  } catch {
    pkg = {}
  }
  const napi = pkg.napi || {}
  const packageName = napi.packageName || pkg.name || 'infisical-sdk-native'
  const binaryName = napi.binaryName || 'infisical-sdk'
  const supported = (napi.targets || []).map(platformNameOfTriple)

  const { platform, arch } = process
  const { name: platformName, libc } = currentPlatformName()
  const libcLabel = libc === 'musl' ? 'musl' : libc === 'gnu' ? 'glibc' : null
  const where = `platform ${platform}, arch ${arch}${libcLabel ? `, libc ${libcLabel}` : ''}`
  const expectedPackage = `${packageName}-${platformName}`
  const expectedFile = `${binaryName}.${platformName}.node`
  const npmFlags = `--os=${platform} --cpu=${arch}${libcLabel ? ` --libc=${libcLabel}` : ''}`

  // What was found: a loader error other than "Cannot find module" means a
  // binary was there but did not load (wrong file, wrong platform, too-new glibc).
  const messages = chainMessages(loaderError.cause)
  const broken = messages.filter((m) => !/Cannot find module|Cannot find package|MODULE_NOT_FOUND/.test(m))
  const strayPackages = []
  for (const other of supported) {
    if (other === platformName) continue
    try {
      require.resolve(`${packageName}-${other}/package.json`)
      strayPackages.push(`${packageName}-${other}`)
    } catch {
      // not installed: as expected
    }
  }

  const unsupported = supported.length > 0 && !supported.includes(platformName)
  const lines = [`${packageName}: no native binary could be loaded for this platform (${where}).`]
  const override = process.env.NAPI_RS_NATIVE_LIBRARY_PATH
  if (override) {
    lines.push(
      `NAPI_RS_NATIVE_LIBRARY_PATH=${override} is set and did not load` +
        (broken.length ? `: ${broken[0]}` : '') +
        '. Unset it, or point it at a .node file built for this platform.',
    )
  } else if (unsupported) {
    lines.push(
      `There is no prebuilt binary for ${platformName} (prebuilt: ${supported.join(', ')}); ` +
        `the package ${expectedPackage} does not exist.`,
    )
  } else {
    lines.push(
      `Expected the package ${expectedPackage} (an optional dependency that npm installs only on that platform) ` +
        `or the file ${expectedFile} in ${pkgDir}.`,
    )
    lines.push(broken.length > 0 ? `A binary was found but failed to load: ${broken[0]}` : 'Neither is installed.')
  }
  if (strayPackages.length > 0) {
    lines.push(
      `Installed instead: ${strayPackages.join(', ')}, for another platform: node_modules was installed on a ` +
        'different machine (e.g. macOS) and copied here.',
    )
  }
  const fromSource =
    `build from source: \`npm run build\` in a clone of the ${packageName} repository (needs Rust), ` +
    'then `npm install <path to the clone>` in your project'
  lines.push(
    unsupported
      ? `Fix: ${fromSource}.`
      : `Fix: install the dependencies on this platform (delete node_modules and package-lock.json, then \`npm install\`; ` +
          'npm can skip optional dependencies, npm/cli#4828); when you install on one machine for another ' +
          `(Docker image, AWS Lambda bundle), run \`npm install ${npmFlags}\`; or ${fromSource}.`,
  )

  const error = new Error(lines.join('\n'))
  error.code = 'ERR_INFISICAL_SDK_NATIVE_BINDING'
  error.platform = platformName
  error.expectedPackage = expectedPackage
  error.cause = loaderError
  return error
}
