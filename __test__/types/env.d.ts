// The two Node globals the samples use, so the type tests need neither
// @types/node nor the DOM library.
declare const console: { log(...data: unknown[]): void };
declare const process: { env: Record<string, string | undefined> };
