/**
 * How to start the TypeScript verifier worker. The worker source is `.ts`, so its thread needs
 * tsx's loader. On Node 20 `execArgv: ['--import', 'tsx']` does not reach a worker's entry module
 * (it fails with ERR_UNKNOWN_FILE_EXTENSION), so the thread starts from a tiny eval'd bootstrap
 * that registers tsx through its API and then imports the worker. This works under
 * `node --import tsx`, the tsx CLI and vitest alike, and tsx is resolved to an absolute URL so
 * the working directory does not matter.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** The worker entry point. */
export const WORKER_URL = new URL('./verifier-worker.ts', import.meta.url);

let bootstrap: string | undefined;

/** Source of the eval'd bootstrap that loads `entry` (a `.ts` module URL) under tsx. */
export function tsxBootstrap(entry: URL): string {
  // `tsx/esm/api` resolves (require conditions) to dist/esm/api/index.cjs; its ESM twin sits beside it.
  const api = join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs');
  const apiUrl = pathToFileURL(api).href;
  return `import(${JSON.stringify(apiUrl)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/** The bootstrap source and options for `new Worker(source, options)`. */
export function verifierWorkerSpawn(): { source: string; options: WorkerOptions } {
  bootstrap ??= tsxBootstrap(WORKER_URL);
  // execArgv is replaced, not inherited: the parent's loader flags are what fails on Node 20.
  return { source: bootstrap, options: { eval: true, execArgv: [] } };
}
