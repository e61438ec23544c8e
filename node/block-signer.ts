/**
 * The key that seals authored blocks. Signing goes through @polkadot/wasm-crypto's schnorrkel (0.15 ms) instead
 * of the keyring's pure-JS sr25519 (1.0 ms measured here): with `--instant-seal` every transaction is a block,
 * and the seal was a tenth of a transfer's cost. A `KeyringPair` is a `BlockSigner` too.
 */
import { encodeAddress } from '@polkadot/util-crypto';
import { sr25519Sign } from '@polkadot/wasm-crypto';
import { keypairFromSuri } from './suri.ts';

/** What block authoring needs of its key. */
export interface BlockSigner {
  readonly publicKey: Uint8Array;
  readonly address: string;
  sign(message: Uint8Array): Uint8Array;
}

/** The sr25519 key a SURI names (`//Alice`, or a mnemonic with a derivation path), as the keyring derives it. Needs `cryptoWaitReady()`. */
export function blockSignerFromSuri(suri: string, ss58Format = 42): BlockSigner {
  const pair = keypairFromSuri(suri, 'sr25519');
  return { publicKey: pair.publicKey, address: encodeAddress(pair.publicKey, ss58Format), sign: (message) => sr25519Sign(pair.publicKey, pair.secretKey, message) };
}
