/**
 * WebSocket `eth_subscribe` / `eth_unsubscribe` (notifications `eth_subscription`, hex ids): `newHeads` (each new
 * best block's header), `logs` (matching logs of each new best block, one notification per log) and
 * `newPendingTransactions` (hashes accepted by this node).
 */
import { bytesToHex } from '@ethereumjs/util';
import type { BlockInfo } from '../../node/chain-api.ts';
import { RpcError } from '../errors.ts';
import type { EthBlockView } from './block-source.ts';
import { formatHeader } from './format.ts';
import { blockLogs, parseLogFilter } from './logs.ts';
import { invalid } from './params.ts';
import { type EthContext, subscription } from './shared.ts';

/** Calls `fn` with each new best block's Ethereum view, in order, until the returned cleanup runs. */
function onNewBest(c: EthContext, fn: (view: EthBlockView) => void): () => void {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const off = c.chain.on((ev) => {
    if (ev.type !== 'newBlock' || !ev.best) return;
    const sub: BlockInfo = ev.block;
    chain = chain
      .then(() => c.backend.source.load(sub))
      .then((view) => {
        if (!stopped) fn(view);
      })
      .catch((e: unknown) => c.log('warn', 'eth_subscribe: cannot load a new block', { err: String(e) }));
  });
  return () => {
    stopped = true;
    off();
  };
}

/** `["newHeads" | "logs", filter?] | ["newPendingTransactions"]` → subscription id. */
export const eth_subscribe = subscription({
  notification: 'eth_subscription',
  unsubscribe: ['eth_unsubscribe'],
  handler: (c, params, sink) => {
    const kind = params[0];
    if (kind === 'newHeads') return onNewBest(c, (view) => sink.send(formatHeader(view.data.block, view.hash)));
    if (kind === 'logs') {
      const filter = parseLogFilter(params[1], 'filter');
      return onNewBest(c, (view) => {
        for (const log of blockLogs(view, filter.criteria)) sink.send(log);
      });
    }
    if (kind === 'newPendingTransactions') {
      const off = c.backend.pending.onPending((hash) => sink.send(bytesToHex(hash)));
      return () => void off();
    }
    if (typeof kind === 'string') throw new RpcError(-32602, `unsupported subscription type: ${kind.slice(0, 64)}`);
    return invalid('subscription', 'newHeads, logs or newPendingTransactions', kind);
  },
});
