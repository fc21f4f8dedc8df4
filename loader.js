'use strict'
// The native addon loader. It loads infisical-sdk.<platform>.node (next to
// this file, or from the optional dependency infisical-sdk-native-<platform>)
// and exports its bindings. When no binary loads it throws ONE error, code
// ERR_INFISICAL_SDK_NATIVE_BINDING, whose `reason` and message name the real
// cause: 'permission' (a runtime such as Deno refused a permission: the flag
// to add), 'missing' (no binary installed: the package that was expected),
// 'load-failed' (a binary was there and did not load: the loader's message)
// or 'unsupported' (no prebuilt binary for this platform). It never throws
// anything else: every probe it makes (C library detection, environment
// variables, package lookups) is guarded, because a runtime may refuse each
// of them (Deno without --allow-sys, --allow-read or --allow-env).
//
// Every `require` of a binary is a string literal inside a `try`, so bundlers
// can follow it: esbuild and Bun copy the .node file next to the bundle
// (`--loader:.node=copy`, `bun build`), `bun build --compile` embeds it, and
// the candidates of other platforms, which do not exist here, are skipped.
// This file replaces the loader `napi build` generates (the build runs with
// --no-js); __test__/packaging/loader.test.js keeps its platform list in step
// with package.json `napi.targets`.

const PACKAGE_NAME = 'infisical-sdk-native'
const BINARY_NAME = 'infisical-sdk'
const CODE = 'ERR_INFISICAL_SDK_NATIVE_BINDING'
// napi-rs platform names of package.json `napi.targets`, in that order.
const PREBUILT = [
  'linux-x64-gnu',
  'linux-arm64-gnu',
  'linux-x64-musl',
  'linux-arm64-musl',
  'darwin-x64',
  'darwin-arm64',
  'win32-x64-msvc',
]

/** Runs `fn`; on any exception (a denied permission included) returns `fallback` and records it in `notes`. */
function guarded(fn, fallback, notes) {
  try {
    return fn()
  } catch (error) {
    if (notes) notes.push(error)
    return fallback
  }
}

/** A non-empty environment variable, or undefined (also when reading it is refused). */
function envVar(name, notes) {
  return guarded(
    () => {
      const value = process.env[name]
      return typeof value === 'string' && value !== '' ? value : undefined
    },
    undefined,
    notes,
  )
}

/** 'gnu' or 'musl' for the C library of this process (Linux only); 'gnu' when no probe answers. */
function linuxLibc(notes) {
  const isMuslFile = (f) => typeof f === 'string' && (f.includes('libc.musl-') || f.includes('ld-musl-'))
  // The C library this process has mapped: one small file read (about 0.1 ms), where
  // process.report.getReport() below costs milliseconds at every start.
  const maps = guarded(() => require('fs').readFileSync('/proc/self/maps', 'utf8'), null, notes)
  if (typeof maps === 'string') {
    if (isMuslFile(maps)) return 'musl'
    if (maps.includes('/libc.so.6')) return 'gnu'
  }
  const report = guarded(
    () => {
      if (!process.report || typeof process.report.getReport !== 'function') return null
      const excludeNetwork = process.report.excludeNetwork
      process.report.excludeNetwork = true
      try {
        return process.report.getReport()
      } finally {
        process.report.excludeNetwork = excludeNetwork
      }
    },
    null,
    notes,
  )
  const header = guarded(() => (report && report.header) || null, null)
  if (header && header.glibcVersionRuntime) return 'gnu'
  const shared = guarded(() => (report && Array.isArray(report.sharedObjects) ? report.sharedObjects : null), null)
  if (shared && shared.some(isMuslFile)) return 'musl'
  const ldd = guarded(() => require('fs').readFileSync('/usr/bin/ldd', 'utf8'), null, notes)
  if (typeof ldd === 'string' && ldd.includes('musl')) return 'musl'
  return 'gnu'
}

/** { name: 'linux-x64-gnu' | 'darwin-arm64' | 'win32-x64-msvc' ..., platform, arch, libc } */
function currentPlatform(notes) {
  const platform = guarded(() => String(process.platform), 'unknown', notes)
  const arch = guarded(() => String(process.arch), 'unknown', notes)
  if (platform === 'linux') {
    const libc = linuxLibc(notes)
    return { name: `linux-${arch}-${libc}`, platform, arch, libc }
  }
  if (platform === 'win32') return { name: `win32-${arch}-msvc`, platform, arch, libc: null }
  return { name: `${platform}-${arch}`, platform, arch, libc: null }
}

// The binary next to this file (a build from source: `npm run build`).
function requireLocalBinary(name) {
  try {
    switch (name) {
      case 'linux-x64-gnu':
        return { binding: require('./infisical-sdk.linux-x64-gnu.node') }
      case 'linux-arm64-gnu':
        return { binding: require('./infisical-sdk.linux-arm64-gnu.node') }
      case 'linux-x64-musl':
        return { binding: require('./infisical-sdk.linux-x64-musl.node') }
      case 'linux-arm64-musl':
        return { binding: require('./infisical-sdk.linux-arm64-musl.node') }
      case 'darwin-x64':
        return { binding: require('./infisical-sdk.darwin-x64.node') }
      case 'darwin-arm64':
        return { binding: require('./infisical-sdk.darwin-arm64.node') }
      case 'win32-x64-msvc':
        return { binding: require('./infisical-sdk.win32-x64-msvc.node') }
      default:
        return { error: null }
    }
  } catch (error) {
    return { error }
  }
}

// The binary of the platform package (an optional dependency of the published package).
function requirePlatformPackage(name) {
  try {
    switch (name) {
      case 'linux-x64-gnu':
        return { binding: require('infisical-sdk-native-linux-x64-gnu') }
      case 'linux-arm64-gnu':
        return { binding: require('infisical-sdk-native-linux-arm64-gnu') }
      case 'linux-x64-musl':
        return { binding: require('infisical-sdk-native-linux-x64-musl') }
      case 'linux-arm64-musl':
        return { binding: require('infisical-sdk-native-linux-arm64-musl') }
      case 'darwin-x64':
        return { binding: require('infisical-sdk-native-darwin-x64') }
      case 'darwin-arm64':
        return { binding: require('infisical-sdk-native-darwin-arm64') }
      case 'win32-x64-msvc':
        return { binding: require('infisical-sdk-native-win32-x64-msvc') }
      default:
        return { error: null }
    }
  } catch (error) {
    return { error }
  }
}

// NAPI_RS_NATIVE_LIBRARY_PATH: a .node file to load instead (the napi-rs convention).
function requireOverride(file) {
  try {
    return { binding: require(file) }
  } catch (error) {
    return { error }
  }
}

/** The text of an error, never throwing (a Proxy or a getter can). */
function messageOf(error) {
  return guarded(() => String(error && error.message !== undefined ? error.message : error), 'unknown error')
}

/**
 * 'permission' (with the flag, e.g. --allow-ffi), 'missing' or 'load-failed'.
 * Deno refuses with a NotCapable (Deno 2) or PermissionDenied (Deno 1) error
 * whose message names the flag ("run again with the --allow-ffi flag").
 */
function classify(error) {
  const name = guarded(() => String(error && error.name), '')
  const code = guarded(() => String(error && error.code), '')
  const message = messageOf(error)
  const flag = /--allow-[a-z-]+/.exec(message)
  if (name === 'NotCapable' || name === 'PermissionDenied' || /^Requires \w+ access\b/.test(message)) {
    return { kind: 'permission', flag: flag ? flag[0] : null, message }
  }
  if (
    code === 'MODULE_NOT_FOUND' ||
    code === 'ERR_MODULE_NOT_FOUND' ||
    /Cannot find (module|package)|Could not resolve|Module not found/.test(message)
  ) {
    return { kind: 'missing', flag: null, message }
  }
  return { kind: 'load-failed', flag: null, message }
}

function runtimeName() {
  return guarded(() => (process.versions.deno ? 'Deno' : process.versions.bun ? 'Bun' : 'Node.js'), 'this runtime')
}

function loadError(attempts, platform, override, notes) {
  const { name: platformName, platform: os, arch, libc } = platform
  const libcLabel = libc === 'musl' ? 'musl' : libc === 'gnu' ? 'glibc' : null
  const where = `platform ${os}, arch ${arch}${libcLabel ? `, libc ${libcLabel}` : ''}`
  const expectedPackage = `${PACKAGE_NAME}-${platformName}`
  const expectedFile = `${BINARY_NAME}.${platformName}.node`
  const npmFlags = `--os=${os} --cpu=${arch}${libcLabel ? ` --libc=${libcLabel}` : ''}`
  const dir = guarded(() => __dirname, '(this package)')
  const unsupported = !PREBUILT.includes(platformName)

  const failures = attempts.filter((a) => a.error).map((a) => ({ ...a, ...classify(a.error) }))
  const permission = failures.find((f) => f.kind === 'permission')
  const broken = failures.find((f) => f.kind === 'load-failed')
  const reason = permission ? 'permission' : broken ? 'load-failed' : unsupported && !override ? 'unsupported' : 'missing'

  // Platform packages of OTHER platforms that are installed: node_modules copied from another machine.
  const stray = []
  if (reason === 'missing' && !override) {
    for (const other of PREBUILT) {
      if (other === platformName) continue
      guarded(() => {
        require.resolve(`${PACKAGE_NAME}-${other}/package.json`)
        stray.push(`${PACKAGE_NAME}-${other}`)
      }, null)
    }
  }

  const lines = [`${PACKAGE_NAME}: no native binary could be loaded for this platform (${where}).`]
  const fromSource =
    `build from source: \`npm run build\` in a clone of the ${PACKAGE_NAME} repository (needs Rust), ` +
    'then `npm install <path to the clone>` in your project'
  let fix
  if (reason === 'permission') {
    const runtime = runtimeName()
    const flag = permission.flag
    lines.push(`${runtime} refused a permission the native binary needs: ${permission.message}`)
    if (flag === '--allow-ffi') {
      lines.push(
        'The package is a native addon: loading it needs --allow-ffi, and its HTTP client then runs outside ' +
          "the runtime's sandbox (it is not limited by --allow-net).",
      )
    }
    fix = flag
      ? `Fix: run with ${flag}${flag === '--allow-ffi' ? '' : ' (and --allow-ffi, which loading a native addon always needs)'}, ` +
        'e.g. `deno run --allow-read=. --allow-ffi app.js`; the package needs no other permission to load.'
      : 'Fix: run with --allow-read and --allow-ffi.'
  } else if (override) {
    lines.push(
      `NAPI_RS_NATIVE_LIBRARY_PATH=${override} is set and did not load` +
        (broken ? `: ${broken.message}` : failures.length ? `: ${failures[0].message}` : '') +
        '. Unset it, or point it at a .node file built for this platform.',
    )
  } else if (reason === 'unsupported') {
    lines.push(
      `There is no prebuilt binary for ${platformName} (prebuilt: ${PREBUILT.join(', ')}); ` +
        `the package ${expectedPackage} does not exist.`,
    )
    fix = `Fix: ${fromSource}.`
  } else {
    lines.push(
      `Expected the package ${expectedPackage} (an optional dependency that npm installs only on that platform) ` +
        `or the file ${expectedFile} in ${dir}.`,
    )
    lines.push(broken ? `A binary was found but failed to load: ${broken.message}` : 'Neither is installed.')
  }
  if (stray.length > 0) {
    lines.push(
      `Installed instead: ${stray.join(', ')}, for another platform: node_modules was installed on a ` +
        'different machine (e.g. macOS) and copied here.',
    )
  }
  if (!fix && broken && /Dynamic require of .* is not supported|require is not defined/.test(broken.message)) {
    // esbuild's ES module output has no `require` unless the bundle defines one
    fix =
      'Fix: this package was bundled into an ES module that has no `require`. Mark it external ' +
      `(\`--external:${PACKAGE_NAME}\`), or define \`require\` at the top of the bundle: ` +
      "`--banner:js=\"import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\"`."
  }
  if (!fix) {
    fix =
      `Fix: install the dependencies on this platform (delete node_modules and package-lock.json, then \`npm install\`; ` +
      'npm can skip optional dependencies, npm/cli#4828); when you install on one machine for another ' +
      `(Docker image, AWS Lambda bundle), run \`npm install ${npmFlags}\`; or ${fromSource}.`
  }
  lines.push(fix)

  const error = new Error(lines.join('\n'))
  error.code = CODE
  error.reason = reason
  error.platform = platformName
  error.expectedPackage = expectedPackage
  if (permission && permission.flag) error.flag = permission.flag
  // the loader's own error: the refusal, the failed load, or the first "not found"
  const cause = (permission || broken || failures[0] || {}).error
  if (cause !== undefined && cause !== null) error.cause = cause
  error.attempts = failures.map((f) => ({ from: f.from, kind: f.kind, message: f.message }))
  error.probeErrors = notes.map(messageOf)
  return error
}

function load() {
  const notes = []
  const platform = currentPlatform(notes)
  const override = envVar('NAPI_RS_NATIVE_LIBRARY_PATH', notes)
  const attempts = []
  if (override) {
    attempts.push({ from: override, ...requireOverride(override) })
  } else {
    attempts.push({ from: `./${BINARY_NAME}.${platform.name}.node`, ...requireLocalBinary(platform.name) })
    if (!attempts[0].binding) {
      attempts.push({ from: `${PACKAGE_NAME}-${platform.name}`, ...requirePlatformPackage(platform.name) })
    }
  }
  const loaded = attempts.find((a) => a.binding)
  if (loaded) return loaded.binding
  throw loadError(attempts, platform, override, notes)
}

let binding
try {
  binding = load()
} catch (error) {
  if (error && error.code === CODE) throw error
  // Nothing above should throw anything else; if it does, it is still this error.
  const wrapped = new Error(
    `${PACKAGE_NAME}: no native binary could be loaded (the loader failed: ${messageOf(error)}). ` +
      `Fix: reinstall the package on this platform, or build it from source (\`npm run build\`).`,
  )
  wrapped.code = CODE
  wrapped.reason = 'load-failed'
  wrapped.cause = error
  throw wrapped
}

module.exports = binding
