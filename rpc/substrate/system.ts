/**
 * `system_*`: node identity, health and sync state, and the next account nonce. Polkadot.js Apps
 * calls `system_chain`, `system_chainType`, `system_name`, `system_version` and `system_properties`
 * at startup and `system_health` every 10 s as a keep-alive.
 */
import { decodeAddress } from '@polkadot/util-crypto';
import { invalid, string } from './params.ts';
import { call } from './shared.ts';

/** The chain's name from the chain spec, e.g. `"TrainChain Development"`. */
export const system_chain = call(({ chain }) => chain.chainName);

/** The node implementation's name. */
export const system_name = call(({ chain }) => chain.nodeName);

/** The node implementation's version. */
export const system_version = call(({ version }) => version);

/** `"Development"`, `"Local"`, `"Live"` or `{ "Custom": name }`; Apps shows the dev accounts for `Development`. */
export const system_chainType = call(({ chain }) => chain.chainType);

/** Chain properties from the chain spec (`ss58Format`, `tokenDecimals`, `tokenSymbol`). */
export const system_properties = call(({ chain }) => chain.properties);

/** Peer count and sync status. The node has no p2p layer yet, so it has no peers and is never syncing. */
export const system_health = call(({ chain, dev }) => ({
  peers: 0,
  isSyncing: false,
  // As in Substrate, a development chain is not expected to have peers; anything else is.
  shouldHavePeers: !(dev || chain.chainType === 'Development'),
}));

/** Connected peers: none (no p2p layer). */
export const system_peers = call(() => []);

/** The node's libp2p peer id. */
export const system_localPeerId = call(({ chain }) => chain.peerId);

/** `["Authority"]` for a node that authors blocks, otherwise `["Full"]`. */
export const system_nodeRoles = call(({ chain }) => (chain.isValidator ? ['Authority'] : ['Full']));

/** The multiaddrs the node listens on for p2p. */
export const system_localListenAddresses = call(({ listenAddresses }) => [...listenAddresses]);

/** Sync progress; with no peers the best block is also the highest known one. */
export const system_syncState = call(({ chain, startingBlock }) => {
  const best = chain.best().number;
  return { startingBlock, currentBlock: best, highestBlock: best };
});

/**
 * The next nonce of an account (SS58 address or 32-byte hex account id), counting its transactions
 * already in the pool.
 */
export const system_accountNextIndex = call(({ chain }, params) => {
  const address = string(params[0], 'account', 256);
  let id: Uint8Array;
  try {
    id = decodeAddress(address);
  } catch {
    return invalid('account', 'an SS58 address or a 32-byte hex account id', address);
  }
  if (id.length !== 32) return invalid('account', 'an SS58 address or a 32-byte hex account id', address);
  return chain.pool.nextNonce(id);
});
