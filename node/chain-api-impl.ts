/** The `ChainApi` the RPC layer uses, backed by the chain, the pool and the block author. */
import { u8aToHex } from '@polkadot/util';
import type { RuntimeApis } from '../runtime/apis.ts';
import { keyString, MemoryState, type StateReader } from '../runtime/state/overlay.ts';
import type { BlockAuthor } from './authoring.ts';
import type { BlockInfo, EthChainApi, StateView } from './chain-api.ts';
import type { Chain } from './chain.ts';
import type { ChainSpec } from './chain-spec.ts';
import type { TxPool } from './txpool.ts';
import { fromTrieValue } from '../storage/state-value.ts';
import { equalBytes } from '../runtime/executive.ts';

/** Historical states are materialized from the trie for runtime calls; a few are kept. */
const HISTORICAL_STATES = 4;

export function chainApi(deps: { chain: Chain; pool: TxPool; author: BlockAuthor | undefined; apis: RuntimeApis; spec: ChainSpec; name: string; isValidator: boolean; peerId: string; instantSeal?: boolean }): EthChainApi {
  const { chain, pool, author, apis, spec } = deps;
  const historical = new Map<string, MemoryState>();

  const materialize = async (block: BlockInfo): Promise<StateReader> => {
    if (equalBytes(block.hash, chain.best().hash)) return chain.bestState;
    const key = u8aToHex(block.hash);
    let state = historical.get(key);
    if (!state) {
      state = new MemoryState();
      for await (const [k, v] of chain.trie.entries(block.stateRoot)) state.entries.set(keyString(k), fromTrieValue(v));
      historical.set(key, state);
      if (historical.size > HISTORICAL_STATES) historical.delete(historical.keys().next().value!);
    }
    return state;
  };

  const stateOf = (block: BlockInfo): StateView => ({
    blockHash: block.hash,
    get: async (key) => {
      if (equalBytes(block.hash, chain.best().hash)) return chain.bestState.get(keyString(key));
      const stored = await chain.trie.get(block.stateRoot, key);
      return stored && fromTrieValue(stored);
    },
    keysPaged: (prefix, count, startKey) => chain.trie.keysPaged(block.stateRoot, prefix, count, startKey),
    call: async (method, data) => apis.call(await materialize(block), block.number, method, data),
  });

  // evm_setAutomine: a pool listener that authors a block per burst of ready transactions (as instant seal does).
  let automineOff: (() => void) | undefined;
  let mining = false;
  const setAutomine = (on: boolean): void => {
    if (!on || !author) {
      automineOff?.();
      automineOff = undefined;
      return;
    }
    if (automineOff || deps.instantSeal) return;
    const off = pool.onReady(() => {
      if (mining) return;
      mining = true;
      setImmediate(() => {
        mining = false;
        void author.produce(1).catch(() => undefined);
      });
    });
    automineOff = () => void off();
  };

  return {
    bestStateReader: () => chain.bestState,
    stateReaderAt: async (hash) => {
      const block = await chain.blockByHash(hash);
      return block ? materialize(block) : undefined;
    },
    setAutomine,
    automine: () => deps.instantSeal === true || automineOff !== undefined,
    revertTo: async (hash) => {
      await chain.revertTo(hash);
    },
    runtime: chain.runtime,
    apis,
    get genesisHash() {
      return chain.genesisHash;
    },
    chainName: spec.name,
    chainType: spec.chainType,
    properties: spec.properties,
    best: () => chain.best(),
    finalized: () => chain.finalized(),
    blockByHash: (hash) => chain.blockByHash(hash),
    hashAt: (n) => chain.hashAt(n),
    stateAt: async (hash) => {
      const block = hash ? await chain.blockByHash(hash) : chain.best();
      return block ? stateOf(block) : undefined;
    },
    on: (listener) => chain.on(listener),
    pool,
    produceBlocks: async (count) => {
      if (!author) throw new Error('this node does not author blocks (start it with --dev or --validator)');
      return author.produce(count);
    },
    setStorage: async (pairs) => {
      if (!author) throw new Error('this node does not author blocks (start it with --dev or --validator)');
      return (await author.produce(1, pairs))[0]!;
    },
    timeTravel: (ms) => author?.timeTravel(ms),
    peerId: deps.peerId,
    nodeName: deps.name,
    isValidator: deps.isValidator,
  };
}
