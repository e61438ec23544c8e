/**
 * The node's side of the inference precompile: an `InferenceHost` per VM over the state the EVM is executing
 * (models from the models pallet, access through the account mapping, model bytes from the blob store), an
 * attestation key, and the per-block inference log that the block's header carries.
 *
 * The author runs its block with a `record` log and puts the entries in a `Consensus(infr, …)` digest item;
 * an importing node reads that item before executing and runs with a `replay` log, so its precompile checks its
 * own onnxruntime output against the author's, bit for bit, and returns the author's attestation. Every other
 * execution (`eth_call`, `eth_estimateGas`) gets a throwaway `record` log.
 */
import type { PrecompileFunc, PrecompileInput } from '@ethereumjs/evm';
import { cidToString } from '../pallets/common/cid.ts';
import { toAccountId } from '../pallets/evm/address.ts';
import type { MessageFrame, PrecompileFactory } from '../pallets/evm/vm.ts';
import { evmStorage } from '../pallets/evm/storage.ts';
import { type Attester, createInferencePrecompile, type InferenceHost, type InferenceLogEntry, MemoryInferenceLog, privateKeyAttester, type SessionCache } from '../precompiles/inference/index.ts';
import type { OrtProvider } from '../offchain-workers/training/session.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { StateReader } from '../runtime/state/overlay.ts';
import { keypairFromSuri } from './suri.ts';
import type { BlobStore } from '../storage/blobs/blob-store.ts';

/** The secp256k1 key a SURI names (`//Alice`, a mnemonic with a derivation path), as `Keyring({ type: 'ecdsa' })` derives it. */
export function attesterFromSuri(suri: string): Attester {
  return privateKeyAttester(keypairFromSuri(suri, 'ecdsa').secretKey);
}

/** What block authoring and import tell the inference precompile. */
export interface BlockInference {
  /** Starts block `number`: `record` on the author, `replay` with the header's entries on an importer. */
  begin(number: number, replay?: readonly InferenceLogEntry[]): void;
  /** Ends the block; returns what was recorded (the header's entries), [] when nothing ran. */
  end(): InferenceLogEntry[];
}

export interface NodeInferenceOptions {
  runtime: Runtime;
  blobs: BlobStore;
  attester: Attester;
  ortProvider?: OrtProvider;
  /** Bound of the session cache, in model bytes. */
  maxSessionBytes?: number;
  onWarning?: (message: string) => void;
}

/** The precompile factory for `runtime.evm.setPrecompiles`, and the block hooks for `Chain`. */
export function nodeInference(o: NodeInferenceOptions): { precompiles: PrecompileFactory; block: BlockInference; sessions: SessionCache[] } {
  const { runtime } = o;
  let executing: { number: number; log: MemoryInferenceLog } | undefined;
  const sessions: SessionCache[] = [];

  const readAll = async (cid: Uint8Array): Promise<Uint8Array | undefined> => {
    const key = cidToString(cid);
    if (!(await o.blobs.has(key))) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of await o.blobs.get(key)) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  };

  const precompiles: PrecompileFactory = (frame: () => MessageFrame | undefined) => {
    // One host per VM; a VM runs one transaction at a time, so the state slot is the running one's.
    let state: StateReader | undefined;
    const current = (): StateReader => {
      if (!state) throw new Error('inference host used outside a precompile call');
      return state;
    };
    const blockNumber = (): number => runtime.system.storage.Number.get(current());
    const host: InferenceHost = {
      frame,
      model: (id) => runtime.models.registry.get(current(), id),
      hasAccess: (id, caller) => runtime.models.registry.hasAccess(current(), id, toAccountId(current(), caller), blockNumber()),
      modelBytes: readAll,
      get blockNumber() {
        return BigInt(blockNumber());
      },
      get chainId() {
        return evmStorage.ChainId.get(current());
      },
      attester: o.attester,
      // The block being executed logs; any other execution (eth_call at some block) gets a fresh record log.
      get log() {
        return executing && executing.number === blockNumber() ? executing.log : new MemoryInferenceLog('record');
      },
    };
    const inference = createInferencePrecompile(host, { ortProvider: o.ortProvider ?? 'cpu', maxBytes: o.maxSessionBytes, onWarning: o.onWarning });
    sessions.push(inference.sessions);
    const fn: PrecompileFunc = (input: PrecompileInput) => {
      // @ethereumjs/evm passes the VM's state manager (absent from its type); ours exposes the EVM's view of state.
      state = (input as PrecompileInput & { stateManager: { reader: StateReader } }).stateManager.reader;
      return inference.function(input);
    };
    return [{ address: inference.address, function: fn }];
  };

  const block: BlockInference = {
    begin(number, replay) {
      executing = { number, log: replay ? new MemoryInferenceLog('replay', replay) : new MemoryInferenceLog('record') };
    },
    end() {
      const done = executing;
      executing = undefined;
      return done && done.log.mode === 'record' ? done.log.entries() : [];
    },
  };
  return { precompiles, block, sessions };
}
