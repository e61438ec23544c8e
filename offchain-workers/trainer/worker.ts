/**
 * The trainer worker: follows the chain's best head, volunteers for Open `CpuExact` training jobs, and runs
 * every job it is assigned to once the job has its seed (run-job.ts). After a crash or SIGKILL, a restart
 * finds its assigned Training job again and continues from the last checkpoint in `<dataDir>/jobs/<id>/`.
 * Jobs are handled one at a time; a head that arrives while one runs is folded into the next look.
 *
 * If the node goes away (restarted, network), @polkadot/api reconnects every 2.5 s and resubscribes; a job
 * interrupted by the disconnection is not marked failed but picked up again from its last durable checkpoint at
 * the first head after the reconnection. With `servePort`, checkpoints are served with their Merkle proofs to
 * verifiers (checkpoint-server.ts).
 */
import type { Logger } from '../../node/log.ts';
import type { OrtProvider } from '../training/session.ts';
import { BlobBytes } from './blobs.ts';
import { type ChainClient, connect, ensureReachable, type TrainingJob, trainingJobs } from './chain.ts';
import { type CheckpointServer, startCheckpointServer } from './checkpoint-server.ts';
import { runJob } from './run-job.ts';
import { ensureWorker } from './setup.ts';

/** Options of {@link runTrainer}. */
export interface TrainerOptions {
  /** The node's RPC URL (`ws://127.0.0.1:9944`); its blob store is on the same host and port. */
  rpc: string;
  /** The worker's account (`//Bob`). */
  suri: string;
  ortProvider: OrtProvider;
  /** Where checkpoints and resume files live. */
  dataDir: string;
  log: Logger;
  /** Pause after each checkpoint (demos and tests that interrupt a run). */
  segmentDelayMs?: number;
  /** Serve checkpoints and proofs over HTTP on this port (0: any free one); off when undefined. */
  servePort?: number;
}

/** A running trainer. */
export interface Trainer {
  /** The worker's SS58 address. */
  address: string;
  /** The checkpoint server's port, when serving. */
  servePort?: number;
  /** Unsubscribes and disconnects; resolves once the job in progress (if any) has been left. */
  stop(): Promise<void>;
}

/** Statuses in which an assigned job still needs this worker. */
const ACTIVE = new Set(['Assigned', 'Training']);

/** Connects, makes the account a worker if needed, and starts following the chain. */
export async function runTrainer(o: TrainerOptions): Promise<Trainer> {
  const chain = await connect(o.rpc, o.suri);
  const blobs = BlobBytes.fromRpcUrl(o.rpc);
  const me = chain.signer.address;
  const chainName = (await chain.api.rpc.system.chain()).toString();
  o.log.info(`🏋️ TrainChain trainer worker ${me} on ${chainName} (${o.rpc}), onnxruntime ${o.ortProvider}`);
  await ensureWorker(chain, o.ortProvider, o.log);
  let server: CheckpointServer | undefined;
  if (o.servePort !== undefined) {
    server = await startCheckpointServer(o.dataDir, o.servePort);
    o.log.info(`🧾 Serving checkpoint proofs on http://127.0.0.1:${server.port}/jobs/<id>/checkpoints/<index>`);
  }

  // Jobs that failed here are not retried in a loop; a restart of the worker tries them again.
  const failed = new Set<number>();
  let busy: Promise<void> = Promise.resolve();
  let pending = false;
  let stopped = false;

  const look = async (): Promise<void> => {
    const best = (await chain.api.rpc.chain.getHeader()).number.toNumber();
    const jobs = await trainingJobs(chain);
    const mine = jobs.find((j) => j.workers.includes(me) && ACTIVE.has(j.status) && j.seed !== undefined && !failed.has(j.id));
    if (mine !== undefined) return run(mine);
    const open = jobs.find((j) => canTake(j, me, best) && !failed.has(j.id));
    if (open === undefined) return;
    try {
      await chain.send(chain.tx('jobs', 'volunteer')(open.id));
      o.log.info(`🙋 Volunteered for job #${open.id} (${open.totalSteps} steps, k = ${open.segmentLength})`);
    } catch (e) {
      failed.add(open.id);
      o.log.warn(`Could not volunteer for job #${open.id}: ${(e as Error).message}`);
    }
  };
  const run = async (job: TrainingJob): Promise<void> => {
    try {
      await runJob({ chain, blobs, rpc: o.rpc, dataDir: o.dataDir, ortProvider: o.ortProvider, log: o.log, segmentDelayMs: o.segmentDelayMs }, job);
    } catch (e) {
      // A lost connection is not the job's fault: it continues from its last checkpoint once the node is back.
      if (await offline(chain, o.rpc, e)) return o.log.warn(`Job #${job.id} interrupted: the node is unreachable (${(e as Error).message}); resuming after reconnection`);
      failed.add(job.id);
      o.log.error(`Job #${job.id} failed: ${(e as Error).message}`);
    }
  };
  // Serialises looks: one at a time, and at most one more queued however many heads arrive meanwhile.
  const schedule = (): void => {
    if (pending || stopped) return;
    pending = true;
    busy = busy.then(async () => {
      pending = false;
      if (stopped) return;
      await look().catch((e: unknown) => o.log.warn(`Chain look-up failed: ${(e as Error).message}`));
    });
  };
  const unsubscribe = await chain.api.rpc.chain.subscribeNewHeads(() => schedule());
  const onDisconnected = () => o.log.warn(`🔌 Disconnected from ${o.rpc}; reconnecting…`);
  const onConnected = () => {
    o.log.info(`🔌 Reconnected to ${o.rpc}`);
    schedule();
  };
  chain.api.on('disconnected', onDisconnected);
  chain.api.on('connected', onConnected);
  schedule();
  return {
    address: me,
    servePort: server?.port,
    stop: async () => {
      stopped = true;
      chain.api.off('disconnected', onDisconnected);
      chain.api.off('connected', onConnected);
      unsubscribe();
      await busy;
      await Promise.all([chain.api.disconnect(), server?.close()]);
    },
  };
}

const NETWORK_ERROR = /cannot (reach|upload)|ECONN|EPIPE|socket hang up|disconnected|Abnormal Closure|WebSocket is not connected/i;

/** Whether `error` came from losing the node rather than from the job: the API or the node's port is down. */
async function offline(chain: ChainClient, rpc: string, error: unknown): Promise<boolean> {
  if (!chain.api.isConnected || NETWORK_ERROR.test((error as Error).message)) return true;
  return ensureReachable(rpc, 2_000).then(() => false, () => true);
}

/** An Open CpuExact training job this worker may volunteer for. */
export function canTake(job: TrainingJob, me: string, best: number): boolean {
  return job.status === 'Open' && job.cpuExact && job.owner !== me && !job.workers.includes(me) && job.deadline > best + 1;
}
