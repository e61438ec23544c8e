/** The node's version string and its random default name (Substrate names nodes with two random words). */
import { randomInt } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { base58Encode } from '@polkadot/util-crypto';

export const VERSION = '0.1.0';

const ADJECTIVES = ['amber', 'brisk', 'calm', 'dusty', 'eager', 'fuzzy', 'gentle', 'hollow', 'icy', 'jolly', 'keen', 'lucky'];
const NOUNS = ['otter', 'falcon', 'maple', 'comet', 'harbor', 'lantern', 'meadow', 'pebble', 'quartz', 'raven', 'summit', 'tundra'];

export function randomNodeName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(10_000)}`;
}

/**
 * A libp2p peer id (`12D3KooW…`): base58 of the identity multihash of the protobuf-encoded ed25519 node key.
 * The key is per process until the networking work persists it under the base path.
 */
export function localPeerId(): string {
  const publicKey = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
  const proto = new Uint8Array([0x08, 0x01, 0x12, 0x20, ...publicKey]);
  return base58Encode(new Uint8Array([0x00, proto.length, ...proto]));
}
