/** Starts a real `trainchain` process on a free port and waits until its RPC answers. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/trainchain.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface NodeProcess {
  readonly port: number;
  readonly ws: string;
  readonly http: string;
  readonly child: ChildProcess;
  /** Everything the node wrote to stderr so far. */
  logs(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startNodeProcess(args: string[], opts: { port?: number; timeoutMs?: number } = {}): Promise<NodeProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [BIN, ...args, '--rpc-port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start in time:\n${out}`)), opts.timeoutMs ?? 30_000);
    const check = setInterval(() => {
      if (out.includes('Running JSON-RPC server')) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`node exited with ${code} before starting:\n${out}`));
    });
  });
  return {
    port,
    ws: `ws://127.0.0.1:${port}`,
    http: `http://127.0.0.1:${port}`,
    child,
    logs: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** Runs the CLI to completion and returns its output. */
export async function runCli(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
