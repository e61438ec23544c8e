/**
 * The Ethereum JSON-RPC methods (what ethers, viem, Hardhat, cast and MetaMask call), laid out like
 * `rpc/substrate/`: one module per namespace, exports named by wire names. `ethMethods` binds them to the node.
 */
import pkg from '../../package.json' with { type: 'json' };
import type { EthChainApi } from '../../node/chain-api.ts';
import type { RpcLogger, RpcMethodTable } from '../types.ts';
import { EthBackend, type EthIndexReader } from './backend.ts';
import * as EthBlocksRPC from './eth-blocks.ts';
import * as EthExecRPC from './eth-exec.ts';
import * as EthFiltersRPC from './eth-filters.ts';
import * as EthLogsRPC from './eth-logs.ts';
import * as EthStateRPC from './eth-state.ts';
import * as EthSubscribeRPC from './eth-subscribe.ts';
import type { EvmApi } from './evm-api.ts';
import * as EvmDevRPC from './evm-dev.ts';
import { FilterManager } from './filters.ts';
import * as NetRPC from './net.ts';
import { bindHandlers } from '../bind-handlers.ts';
import type { EthContext } from './shared.ts';
import * as Web3RPC from './web3.ts';

export { EthBlocksRPC, EthExecRPC, EthFiltersRPC, EthLogsRPC, EthStateRPC, EthSubscribeRPC, EvmDevRPC, NetRPC, Web3RPC };
export type { EthContext } from './shared.ts';

/** Options of {@link ethMethods}. */
export interface EthOptions {
  /** `--dev`. */
  dev: boolean;
  /** Where failures that cannot reach a client are reported. */
  log?: RpcLogger;
  /** `web3_clientVersion`; `TrainChain/v<package version>/<platform>/node<version>` by default. */
  clientVersion?: string;
}

/** The bound method table, the backend (for the node) and a `close` that stops the filter sweeper. */
export interface EthRpc {
  readonly methods: RpcMethodTable;
  readonly backend: EthBackend;
  close(): void;
}

/** The `eth_*`, `net_*`, `web3_*` and `evm_*` methods over `chain`, reading through `evm` and `index`. */
export function ethMethods(chain: EthChainApi, evm: EvmApi, index: EthIndexReader, opts: EthOptions): EthRpc {
  const backend = new EthBackend(chain, evm, index);
  const filters = new FilterManager();
  const ctx: EthContext = {
    backend,
    chain,
    evm,
    filters,
    clientVersion: opts.clientVersion ?? `TrainChain/v${pkg.version}/${process.platform}-${process.arch}/node${process.versions.node}`,
    dev: opts.dev,
    log: opts.log ?? (() => {}),
    clockOffsetMs: 0,
    snapshots: new Map(),
    nextSnapshot: 0,
  };
  const offPending = backend.pending.onPending((hash) => filters.pushPending(hash));
  const sweeper = setInterval(() => filters.sweep(), 60_000);
  sweeper.unref();
  const methods = bindHandlers(ctx, [EthStateRPC, EthBlocksRPC, EthExecRPC, EthLogsRPC, EthFiltersRPC, EthSubscribeRPC, NetRPC, Web3RPC, EvmDevRPC], { namespace: 'Ethereum', idFormat: 'hex' });
  return {
    methods,
    backend,
    close: () => {
      clearInterval(sweeper);
      offPending();
    },
  };
}
