/** `net_*`: the network id is the chain id, the node always listens, and it has no Ethereum peers. */
import { call } from './shared.ts';

/** The chain id as a decimal string (geth's form). */
export const net_version = call(({ backend }) => backend.chainId().toString());

/** Always true while the RPC answers. */
export const net_listening = call(() => true);

/** Ethereum devp2p peers: none. */
export const net_peerCount = call(() => '0x0');
