/** The connection shell of the `trainchain` commands that talk to a node: connect, run, always disconnect. */
import { type ChainClient, connect } from '../../offchain-workers/trainer/chain.ts';
import { BlobBytes } from '../../offchain-workers/trainer/blobs.ts';

/** The flags every chain command takes, with their defaults. */
export const CHAIN_OPTIONS = {
  rpc: { type: 'string', default: 'ws://127.0.0.1:9944' },
  suri: { type: 'string', default: '//Alice' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Connects to `rpc` as `suri`, runs `fn` with the client and the node's blob store, then disconnects. */
export async function withChain<T>(rpc: string, suri: string, fn: (chain: ChainClient, blobs: BlobBytes) => Promise<T>): Promise<T> {
  const chain = await connect(rpc, suri);
  try {
    return await fn(chain, BlobBytes.fromRpcUrl(rpc));
  } finally {
    await chain.api.disconnect();
  }
}
