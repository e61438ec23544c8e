/**
 * The trainer's view of the chain through @polkadot/api: connecting, signing and waiting for inclusion (with
 * the module error decoded), and training jobs decoded from `api.query.jobs.jobs` into plain values.
 */
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import WebSocket from 'ws';

/** A pallet call builder, untyped: the marketplace pallets are not in @polkadot/api's built-in augmentation. */
export type TxBuilder = (...args: unknown[]) => SubmittableExtrinsic<'promise'>;
/** A storage getter, untyped for the same reason. */
export type QueryFn = ((...args: unknown[]) => Promise<Codec>) & { entries: () => Promise<[{ args: Codec[] }, Codec][]> };

/** One event of an included extrinsic, by section and method, with its data as JSON. */
export interface TxEvent {
  section: string;
  method: string;
  data: unknown[];
}

/** A connected client and the signer it acts as. */
export interface ChainClient {
  api: ApiPromise;
  signer: KeyringPair;
  tx(section: string, method: string): TxBuilder;
  query(section: string, item: string): QueryFn;
  /** Signs, sends and waits until included; throws `section.Error` when the call failed. */
  send(ext: SubmittableExtrinsic<'promise'>): Promise<TxEvent[]>;
}

/**
 * Resolves once a WebSocket to `rpc` opens, or throws one clear line. Checked with a bare socket first because
 * @polkadot/api's provider retries an unreachable node forever, logging every attempt.
 */
export async function ensureReachable(rpc: string, timeoutMs = 10_000): Promise<void> {
  if (!/^wss?:\/\//.test(rpc)) throw new Error(`--rpc must be a ws:// or wss:// URL (got ${rpc})`);
  await new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(rpc);
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(`cannot reach a node at ${rpc} (${why}); is it running? (--rpc URL)`));
    };
    const timer = setTimeout(() => fail(`no answer in ${timeoutMs / 1000} s`), timeoutMs);
    socket.once('open', () => {
      clearTimeout(timer);
      socket.close();
      resolve();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
  });
}

/** Connects to `rpc` as the account of `suri` (`//Alice`, a mnemonic, …); throws at once for an unreachable node. */
export async function connect(rpc: string, suri: string): Promise<ChainClient> {
  await Promise.all([cryptoWaitReady(), ensureReachable(rpc)]);
  // Reconnects on its own (every 2.5 s) if the node goes away later; see worker.ts.
  const api = await ApiPromise.create({ provider: new WsProvider(rpc, 2_500), noInitWarn: true });
  const signer = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
  const lookup = <T>(root: unknown, section: string, name: string): T => {
    const found = (root as Record<string, Record<string, unknown> | undefined>)[section]?.[name];
    if (found === undefined) throw new Error(`the chain has no ${section}.${name}`);
    return found as T;
  };
  return {
    api,
    signer,
    tx: (section, method) => lookup<TxBuilder>(api.tx, section, method),
    query: (section, item) => lookup<QueryFn>(api.query, section, item),
    send: (ext) =>
      new Promise((resolve, reject) => {
        ext
          .signAndSend(signer, (result) => {
            if (!result.status.isInBlock) return;
            const e = result.dispatchError;
            if (e !== undefined) {
              const meta = e.isModule ? api.registry.findMetaError(e.asModule) : undefined;
              return reject(new Error(meta ? `${meta.section}.${meta.name}` : e.toString()));
            }
            resolve(result.events.map(({ event }) => ({ section: event.section, method: event.method, data: event.data.map((d) => d.toJSON()) })));
          })
          .catch(reject);
      }),
  };
}

/** The parts of a training job the trainer needs. */
export interface TrainingJob {
  id: number;
  owner: string;
  status: string;
  workers: string[];
  seed: Uint8Array | undefined;
  trainStepModel: Uint8Array;
  datasetId: number;
  totalSteps: number;
  segmentLength: number;
  cpuExact: boolean;
  deadline: number;
  result: { modelHash: string; modelCid: Uint8Array; checkpointRoot: string; segmentLosses: number[] } | undefined;
}

interface JobJson {
  owner: string;
  status: string;
  workers: string[];
  seed: string | null;
  kind: { training?: { trainStepModel: string; datasetId: number; totalSteps: number; segmentLength: number; mode: Record<string, unknown>; deadline: number } };
  result: { training?: { modelHash: string; modelCid: string; checkpointRoot: string; segmentLosses: number[] } } | null;
}

/** Decodes a `JobInfo` codec; `undefined` for an absent job or an inference job. */
export function decodeTrainingJob(id: number, codec: Codec): TrainingJob | undefined {
  if (codec.isEmpty) return undefined;
  const j = codec.toJSON() as unknown as JobJson;
  const t = j.kind.training;
  if (t === undefined) return undefined;
  const r = j.result?.training;
  return {
    id,
    owner: j.owner,
    status: j.status,
    workers: j.workers,
    seed: j.seed === null ? undefined : hexToU8a(j.seed),
    trainStepModel: hexToU8a(t.trainStepModel),
    datasetId: Number(t.datasetId),
    totalSteps: t.totalSteps,
    segmentLength: t.segmentLength,
    cpuExact: 'cpuExact' in t.mode,
    deadline: t.deadline,
    result: r && { modelHash: r.modelHash, modelCid: hexToU8a(r.modelCid), checkpointRoot: r.checkpointRoot, segmentLosses: r.segmentLosses },
  };
}

/** Every training job on chain, by id. */
export async function trainingJobs(c: ChainClient): Promise<TrainingJob[]> {
  const entries = await c.query('jobs', 'jobs').entries();
  return entries
    .map(([key, value]) => decodeTrainingJob(Number(key.args[0]!.toString()), value))
    .filter((j): j is TrainingJob => j !== undefined)
    .sort((a, b) => a.id - b.id);
}

/** One training job, or `undefined`. */
export async function trainingJob(c: ChainClient, id: number): Promise<TrainingJob | undefined> {
  return decodeTrainingJob(id, await c.query('jobs', 'jobs')(id));
}
