/**
 * The trainer's checkpoint endpoint for verifiers: `GET /jobs/<id>/checkpoints/<index>` answers a
 * {@link CheckpointProof} as JSON, built from the job's resume file once every segment of the job is committed
 * (before that the root is not final: 409). The checkpoint bytes themselves stay in the node's blob store under
 * `checkpointCid`. Errors are JSON `{ "error": "…" }` with 400, 404, 405 or 409.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkpointProof } from './checkpoint-proof.ts';
import { loadResume } from './resume.ts';

/** A listening checkpoint server. */
export interface CheckpointServer {
  /** The bound port (the one asked for, or the OS's pick for 0). */
  port: number;
  close(): Promise<void>;
}

const ROUTE = /^\/jobs\/(\d{1,15})\/checkpoints\/(\d{1,15})$/;

/** What a request gets: status and JSON body. Exported for tests that skip the socket. */
export async function answer(dataDir: string, method: string | undefined, url: string | undefined): Promise<{ status: number; body: unknown }> {
  if (method !== 'GET') return { status: 405, body: { error: 'only GET is served' } };
  const m = ROUTE.exec((url ?? '').split('?')[0]!);
  if (m === null) return { status: 404, body: { error: 'expected GET /jobs/<id>/checkpoints/<index>' } };
  const jobId = Number(m[1]);
  const index = Number(m[2]);
  const record = await loadResume(dataDir, jobId);
  if (record === undefined) return { status: 404, body: { error: `this worker has no checkpoints of job #${jobId}` } };
  const total = record.totalSegments ?? (record.submitted ? record.segments.length : undefined);
  if (total === undefined || record.segments.length < total) {
    return { status: 409, body: { error: `job #${jobId} has ${record.segments.length}${total ? ` of ${total}` : ''} checkpoints; proofs are served once all are committed` } };
  }
  if (index >= record.segments.length) return { status: 404, body: { error: `job #${jobId} has no checkpoint ${index} (0…${record.segments.length - 1})` } };
  return { status: 200, body: checkpointProof(jobId, record.segments, index) };
}

/** Listens on `host:port` (0: any free port). */
export async function startCheckpointServer(dataDir: string, port = 0, host = '127.0.0.1'): Promise<CheckpointServer> {
  const server: Server = createServer((req, res) => {
    answer(dataDir, req.method, req.url)
      .catch((e: unknown) => ({ status: 500, body: { error: (e as Error).message } }))
      .then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
