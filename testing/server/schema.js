'use strict';
// A very small subset of zod v3, enough to validate requests the way the real
// server does (it validates every body/query/params object with zod and answers
// 422 with the list of zod issues). Issues have zod v3's shape, key order and
// default messages, e.g.
//   { code: 'invalid_type', expected: 'string', received: 'undefined', path: ['environment'], message: 'Required' }
// Objects strip unknown keys, like zod's default.

const { validationError } = require('./http');

function typeOf(v) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : 'number';
  if (v instanceof Date) return 'date';
  return typeof v; // string, boolean, object, bigint, function, symbol
}

const joinValues = (arr) => arr.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(' | ');

function invalidType(ctx, path, expected, input) {
  const received = typeOf(input);
  ctx.issues.push({
    code: 'invalid_type',
    expected,
    received,
    path,
    message: received === 'undefined' ? 'Required' : `Expected ${expected}, received ${received}`,
  });
}

// Each schema implements _run(input, ctx, path) -> { status: 'valid'|'dirty'|'aborted', value }
class Schema {
  optional() {
    return new Wrap(this, (input) => (input === undefined ? { done: true, value: undefined } : null));
  }
  nullable() {
    return new Wrap(this, (input) => (input === null ? { done: true, value: null } : null));
  }
  nullish() {
    return new Wrap(this, (input) => (input == null ? { done: true, value: input } : null));
  }
  default(def) {
    return new Wrap(this, (input) =>
      input === undefined ? { done: false, value: typeof def === 'function' ? def() : def } : null,
    );
  }
  transform(fn) {
    return new Effect(this, 'transform', fn);
  }
  refine(check, message) {
    return new Effect(this, 'refine', (value, ctx, path) => {
      if (!check(value)) {
        const msg = typeof message === 'string' ? message : (message && message.message) || 'Invalid input';
        ctx.issues.push({ code: 'custom', message: msg, path });
        return false;
      }
      return true;
    });
  }
  // fn(value, addIssue(message, extraPath?))
  superRefine(fn) {
    return new Effect(this, 'refine', (value, ctx, path) => {
      let ok = true;
      fn(value, (message, extra = []) => {
        ok = false;
        ctx.issues.push({ code: 'custom', message, path: [...path, ...extra] });
      });
      return ok;
    });
  }
  // Returns the parsed value or throws the 422 ApiError.
  parse(input) {
    const ctx = { issues: [] };
    const r = this._run(input, ctx, []);
    if (ctx.issues.length || r.status !== 'valid') throw validationError(ctx.issues);
    return r.value;
  }
}

class Wrap extends Schema {
  constructor(inner, pre) {
    super();
    this.inner = inner;
    this.pre = pre;
  }
  _run(input, ctx, path) {
    const p = this.pre(input);
    if (p && p.done) return { status: 'valid', value: p.value };
    return this.inner._run(p ? p.value : input, ctx, path);
  }
}

class Effect extends Schema {
  constructor(inner, kind, fn) {
    super();
    this.inner = inner;
    this.kind = kind;
    this.fn = fn;
  }
  _run(input, ctx, path) {
    const r = this.inner._run(input, ctx, path);
    if (r.status === 'aborted') return r;
    if (this.kind === 'transform') {
      if (r.status !== 'valid') return r;
      return { status: 'valid', value: this.fn(r.value) };
    }
    // refinements run on dirty values too, like zod
    const ok = this.fn(r.value, ctx, path);
    return { status: ok && r.status === 'valid' ? 'valid' : 'dirty', value: r.value };
  }
}

class StringSchema extends Schema {
  constructor(checks = []) {
    super();
    this.checks = checks;
  }
  _with(check) {
    return new StringSchema([...this.checks, check]);
  }
  trim() {
    return this._with({ kind: 'trim' });
  }
  toLowerCase() {
    return this._with({ kind: 'lower' });
  }
  min(n, message) {
    return this._with({ kind: 'min', n, message: typeof message === 'object' ? message.message : message });
  }
  max(n, message) {
    return this._with({ kind: 'max', n, message: typeof message === 'object' ? message.message : message });
  }
  uuid(message) {
    return this._with({ kind: 'uuid', message });
  }
  email(message) {
    return this._with({ kind: 'email', message });
  }
  _run(input, ctx, path) {
    if (typeof input !== 'string') {
      invalidType(ctx, path, 'string', input);
      return { status: 'aborted' };
    }
    let value = input;
    let status = 'valid';
    for (const c of this.checks) {
      if (c.kind === 'trim') value = value.trim();
      else if (c.kind === 'lower') value = value.toLowerCase();
      else if (c.kind === 'min' && value.length < c.n) {
        status = 'dirty';
        ctx.issues.push({
          code: 'too_small',
          minimum: c.n,
          type: 'string',
          inclusive: true,
          exact: false,
          message: c.message || `String must contain at least ${c.n} character(s)`,
          path,
        });
      } else if (c.kind === 'max' && value.length > c.n) {
        status = 'dirty';
        ctx.issues.push({
          code: 'too_big',
          maximum: c.n,
          type: 'string',
          inclusive: true,
          exact: false,
          message: c.message || `String must contain at most ${c.n} character(s)`,
          path,
        });
      } else if (c.kind === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
        status = 'dirty';
        ctx.issues.push({ validation: 'uuid', code: 'invalid_string', message: c.message || 'Invalid uuid', path });
      } else if (c.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
        status = 'dirty';
        ctx.issues.push({ validation: 'email', code: 'invalid_string', message: c.message || 'Invalid email', path });
      }
    }
    return { status, value };
  }
}

class NumberSchema extends Schema {
  constructor(checks = [], coerce = false) {
    super();
    this.checks = checks;
    this.coerce = coerce;
  }
  min(n, message) {
    return new NumberSchema([...this.checks, { kind: 'min', n, message }], this.coerce);
  }
  max(n, message) {
    return new NumberSchema([...this.checks, { kind: 'max', n, message }], this.coerce);
  }
  int() {
    return new NumberSchema([...this.checks, { kind: 'int' }], this.coerce);
  }
  _run(input, ctx, path) {
    const value = this.coerce ? Number(input) : input;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      invalidType(ctx, path, 'number', value);
      return { status: 'aborted' };
    }
    let status = 'valid';
    for (const c of this.checks) {
      if (c.kind === 'min' && value < c.n) {
        status = 'dirty';
        ctx.issues.push({
          code: 'too_small',
          minimum: c.n,
          type: 'number',
          inclusive: true,
          exact: false,
          message: c.message || `Number must be greater than or equal to ${c.n}`,
          path,
        });
      } else if (c.kind === 'max' && value > c.n) {
        status = 'dirty';
        ctx.issues.push({
          code: 'too_big',
          maximum: c.n,
          type: 'number',
          inclusive: true,
          exact: false,
          message: c.message || `Number must be less than or equal to ${c.n}`,
          path,
        });
      } else if (c.kind === 'int' && !Number.isInteger(value)) {
        status = 'dirty';
        ctx.issues.push({ code: 'invalid_type', expected: 'integer', received: 'float', path, message: 'Expected integer, received float' });
      }
    }
    return { status, value };
  }
}

class BooleanSchema extends Schema {
  _run(input, ctx, path) {
    if (typeof input !== 'boolean') {
      invalidType(ctx, path, 'boolean', input);
      return { status: 'aborted' };
    }
    return { status: 'valid', value: input };
  }
}

class EnumSchema extends Schema {
  constructor(options) {
    super();
    this.options = options;
  }
  _run(input, ctx, path) {
    if (typeof input !== 'string') {
      invalidType(ctx, path, joinValues(this.options), input);
      return { status: 'aborted' };
    }
    if (!this.options.includes(input)) {
      ctx.issues.push({
        received: input,
        code: 'invalid_enum_value',
        options: this.options,
        path,
        message: `Invalid enum value. Expected ${joinValues(this.options)}, received '${input}'`,
      });
      return { status: 'aborted' };
    }
    return { status: 'valid', value: input };
  }
}

class LiteralSchema extends Schema {
  constructor(value) {
    super();
    this.value = value;
  }
  _run(input, ctx, path) {
    if (input !== this.value) {
      ctx.issues.push({
        received: input,
        code: 'invalid_literal',
        expected: this.value,
        path,
        message: `Invalid literal value, expected ${JSON.stringify(this.value)}`,
      });
      return { status: 'aborted' };
    }
    return { status: 'valid', value: input };
  }
}

class AnySchema extends Schema {
  _run(input) {
    return { status: 'valid', value: input };
  }
}

class ArraySchema extends Schema {
  constructor(item, minLen) {
    super();
    this.item = item;
    this.minLen = minLen;
  }
  min(n) {
    return new ArraySchema(this.item, n);
  }
  _run(input, ctx, path) {
    if (!Array.isArray(input)) {
      invalidType(ctx, path, 'array', input);
      return { status: 'aborted' };
    }
    let status = 'valid';
    if (this.minLen !== undefined && input.length < this.minLen) {
      status = 'dirty';
      ctx.issues.push({
        code: 'too_small',
        minimum: this.minLen,
        type: 'array',
        inclusive: true,
        exact: false,
        message: `Array must contain at least ${this.minLen} element(s)`,
        path,
      });
    }
    const value = input.map((el, i) => {
      const r = this.item._run(el, ctx, [...path, i]);
      if (r.status !== 'valid') status = 'dirty';
      return r.value;
    });
    return { status, value };
  }
}

class ObjectSchema extends Schema {
  constructor(shape) {
    super();
    this.shape = shape;
  }
  extend(more) {
    return new ObjectSchema({ ...this.shape, ...more });
  }
  _run(input, ctx, path) {
    if (typeOf(input) !== 'object') {
      invalidType(ctx, path, 'object', input);
      return { status: 'aborted' };
    }
    let status = 'valid';
    const value = {};
    for (const [key, schema] of Object.entries(this.shape)) {
      const r = schema._run(input[key], ctx, [...path, key]);
      if (r.status !== 'valid') status = 'dirty';
      if (r.value !== undefined || key in input) value[key] = r.value;
    }
    return { status, value };
  }
}

class RecordSchema extends Schema {
  constructor(valueSchema) {
    super();
    this.valueSchema = valueSchema;
  }
  _run(input, ctx, path) {
    if (typeOf(input) !== 'object') {
      invalidType(ctx, path, 'object', input);
      return { status: 'aborted' };
    }
    let status = 'valid';
    const value = {};
    for (const [k, v] of Object.entries(input)) {
      const r = this.valueSchema._run(v, ctx, [...path, k]);
      if (r.status !== 'valid') status = 'dirty';
      value[k] = r.value;
    }
    return { status, value };
  }
}

// z.discriminatedUnion(key, [objectSchemas])
class DiscriminatedUnionSchema extends Schema {
  constructor(key, options) {
    super();
    this.key = key;
    this.options = options;
  }
  _run(input, ctx, path) {
    if (typeOf(input) !== 'object') {
      invalidType(ctx, path, 'object', input);
      return { status: 'aborted' };
    }
    const values = this.options.map((o) => o.shape[this.key].value);
    const idx = values.indexOf(input[this.key]);
    if (idx === -1) {
      ctx.issues.push({
        code: 'invalid_union_discriminator',
        options: values,
        path: [...path, this.key],
        message: `Invalid discriminator value. Expected ${joinValues(values)}`,
      });
      return { status: 'aborted' };
    }
    return this.options[idx]._run(input, ctx, path);
  }
}

const z = {
  string: () => new StringSchema(),
  number: () => new NumberSchema(),
  coerceNumber: () => new NumberSchema([], true),
  boolean: () => new BooleanSchema(),
  enum: (options) => new EnumSchema(options),
  literal: (v) => new LiteralSchema(v),
  any: () => new AnySchema(),
  array: (item) => new ArraySchema(item),
  object: (shape) => new ObjectSchema(shape),
  record: (valueSchema) => new RecordSchema(valueSchema),
  discriminatedUnion: (key, options) => new DiscriminatedUnionSchema(key, options),
};

// ----- schemas shared by several routes -------------------------------------

// lib/fn removeTrailingSlash: drops ONE trailing '/', leaves '/' alone.
const removeTrailingSlash = (s) => (s === '/' ? s : s.endsWith('/') ? s.slice(0, -1) : s);
const prefixWithSlash = (s) => (s.startsWith('/') ? s : `/${s}`);

// secretPath on the secrets routes: trim, default '/', remove one trailing slash.
const secretPathSchema = () => z.string().trim().default('/').transform(removeTrailingSlash);

// `"true"`/`"false"` query booleans of the secrets routes (convertStringBoolean).
const stringBoolean = (def = false) =>
  z.enum(['true', 'false']).default(def ? 'true' : 'false').transform((v) => v === 'true');

// booleanSchema (folders): a boolean or any string; '', '0', 'false' are false.
const looseBoolean = (def) =>
  new (class extends Schema {
    _run(input, ctx, path) {
      if (input === undefined) return { status: 'valid', value: def };
      if (typeof input === 'boolean') return { status: 'valid', value: input };
      if (typeof input === 'string') {
        const v = input.trim();
        return { status: 'valid', value: Boolean(v) && Number(v) !== 0 && v.toLowerCase() !== 'false' };
      }
      // zod reports a failed union
      ctx.issues.push({ code: 'invalid_union', unionErrors: [], path, message: 'Invalid input' });
      return { status: 'aborted' };
    }
  })();

// slugSchema from server/lib/schemas.ts
const slugSchema = ({ min = 1, max = 32, field = 'Slug' } = {}) =>
  z
    .string()
    .toLowerCase()
    .trim()
    .min(min, `${field} field must be at least ${min} character${min === 1 ? '' : 's'}`)
    .max(max, `${field} field must be at most ${max} character${max === 1 ? '' : 's'}`)
    .refine((v) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), `${field} field can only contain letters, numbers, and hyphens`);

// Secret names on create / rename (SecretNameSchema). Exact refine messages
// were not read from the source: unconfirmed wording.
const secretNameSchema = () =>
  z
    .string()
    .trim()
    .min(1)
    .refine((v) => !v.includes(':'), 'Secret name cannot contain colon.')
    .refine((v) => !v.includes('/'), 'Secret name cannot contain forward slash.');

module.exports = {
  z,
  removeTrailingSlash,
  prefixWithSlash,
  secretPathSchema,
  stringBoolean,
  looseBoolean,
  slugSchema,
  secretNameSchema,
};
