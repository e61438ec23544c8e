/**
 * The Substrate-compatible JSON-RPC methods (what @polkadot/api and Polkadot.js Apps call), laid out
 * like Chopsticks' `rpc/substrate/`: one module per namespace whose exports are named by their wire
 * names. `substrateMethods` binds them to a node and gives the server's handler table.
 */
import pkg from '../../package.json' with { type: 'json' };
import type { ChainApi } from '../../node/chain-api.ts';
import type { RpcLogger, RpcMethodTable } from '../types.ts';
import * as AuthorRPC from './author.ts';
import * as ChainRPC from './chain.ts';
import * as DevRPC from './dev.ts';
import * as PaymentRPC from './payment.ts';
import { bindHandlers } from '../bind-handlers.ts';
import type { SubstrateContext } from './shared.ts';
import * as StateRPC from './state.ts';
import * as SystemRPC from './system.ts';

export { AuthorRPC, ChainRPC, DevRPC, PaymentRPC, StateRPC, SystemRPC };
export type { CallHandler, Handler, SubscribeHandler, SubstrateContext } from './shared.ts';

/** Options of `substrateMethods`. */
export interface SubstrateOptions {
  /** `--dev`: a development node (it expects no peers). The unsafe `dev_*` methods are exposed by the server's unsafe switch. */
  dev: boolean;
  /** `system_version`; the package version when omitted. */
  version?: string;
  /** `system_localListenAddresses` (p2p multiaddrs); none by default. */
  listenAddresses?: readonly string[];
  /** Where subscription failures that cannot reach a client are reported. */
  log?: RpcLogger;
}

/** The `system_*`, `chain_*`, `state_*`, `author_*`, `payment_*` and `dev_*` methods, bound to `chain`. */
export function substrateMethods(chain: ChainApi, opts: SubstrateOptions): RpcMethodTable {
  const ctx: SubstrateContext = {
    chain,
    dev: opts.dev,
    version: opts.version ?? pkg.version,
    listenAddresses: opts.listenAddresses ?? [],
    startingBlock: chain.best().number,
    log: opts.log ?? (() => {}),
  };
  return bindHandlers(ctx, [SystemRPC, ChainRPC, StateRPC, AuthorRPC, PaymentRPC, DevRPC], { namespace: 'Substrate' });
}
