/**
 * Secret-URI handling with `sp_core::Pair::from_string_with_seed` semantics, for `trainchain key`.
 *
 * A SURI is `<phrase or 0x seed>[//hard | /soft]*[///password]`; a missing phrase means the dev
 * phrase (so `//Alice` works). Besides the derived public key we return the derived *seed*,
 * which subkey prints as "Secret seed": it exists only while every junction is hard.
 */
import { sr25519_derive_seed_hard as sr25519DeriveSeedHard } from '@polkadot-labs/schnorrkel-wasm';
import { DEV_PHRASE } from '@polkadot/keyring';
import { compactAddLength, hexToU8a, isHex, stringToU8a, u8aConcat, u8aEq } from '@polkadot/util';
import {
  blake2AsU8a,
  ed25519PairFromSeed,
  keyExtractSuri,
  keyFromPath,
  mnemonicToMiniSecret,
  mnemonicValidate,
  secp256k1PairFromSeed,
  sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import type { Keypair } from '@polkadot/util-crypto/types';
import type { SignatureScheme } from './verify.ts';

/** What a secret URI resolves to. */
export interface KeyMaterial {
  /** 32 bytes (33, compressed, for ecdsa). */
  publicKey: Uint8Array;
  /** AccountId32: the public key, or blake2_256 of it for ecdsa. */
  accountId: Uint8Array;
  /** The (derived) 32-byte seed, or null once a soft junction was applied. */
  seed: Uint8Array | null;
}

const PAIR_FROM_SEED: Record<SignatureScheme, (seed: Uint8Array) => Keypair> = {
  sr25519: (seed) => sr25519PairFromSeed(seed),
  ed25519: (seed) => ed25519PairFromSeed(seed),
  ecdsa: (seed) => secp256k1PairFromSeed(seed),
};

// ed25519/ecdsa hard junction: blake2_256(SCALE(("<Scheme>HDKD", seed, chain code))).
function hdkdHard(tag: string, seed: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return blake2AsU8a(u8aConcat(compactAddLength(stringToU8a(tag)), seed, chainCode), 256);
}

const DERIVE_SEED_HARD: Record<SignatureScheme, (seed: Uint8Array, chainCode: Uint8Array) => Uint8Array> = {
  sr25519: (seed, chainCode) => sr25519DeriveSeedHard(seed, chainCode),
  ed25519: (seed, chainCode) => hdkdHard('Ed25519HDKD', seed, chainCode),
  ecdsa: (seed, chainCode) => hdkdHard('Secp256k1HDKD', seed, chainCode),
};

/** AccountId32 for a public key of `scheme`. */
export function accountIdOf(scheme: SignatureScheme, publicKey: Uint8Array): Uint8Array {
  return scheme === 'ecdsa' ? blake2AsU8a(publicKey, 256) : publicKey;
}

/** True iff `phrase` is a valid BIP-39 English mnemonic (the whole of it, no derivation path). */
export function isMnemonic(phrase: string): boolean {
  return mnemonicValidate(phrase);
}

/** Root seed for a phrase: a 0x-prefixed 32-byte hex seed, or a mnemonic (+ optional password). */
export function seedFromPhrase(phrase: string, password = ''): Uint8Array {
  if (phrase.startsWith('0x')) {
    if (!isHex(phrase, 256)) throw new Error('secret seed must be 0x followed by 64 hex digits');
    return hexToU8a(phrase);
  }
  if (!mnemonicValidate(phrase)) throw new Error('invalid secret phrase (not a BIP-39 mnemonic or 0x seed)');
  return mnemonicToMiniSecret(phrase, password);
}

/**
 * Resolves a secret URI for `scheme`. A `password` argument overrides one in the URI, as in
 * sp_core. Throws with a short message on a malformed URI, bad phrase or unsupported junction.
 */
export function keyFromSuri(suri: string, scheme: SignatureScheme, password?: string): KeyMaterial {
  const full = suri.startsWith('/') ? `${DEV_PHRASE}${suri}` : suri;
  let parts: ReturnType<typeof keyExtractSuri>;
  try {
    parts = keyExtractSuri(full);
  } catch {
    throw new Error(`invalid secret URI '${suri}'`);
  }
  const rootSeed = seedFromPhrase(parts.phrase, password ?? parts.password ?? '');
  if (scheme !== 'sr25519' && parts.path.some((junction) => junction.isSoft)) {
    throw new Error(`soft derivation (/) is not supported for ${scheme}`);
  }
  const pair = keyFromPath(PAIR_FROM_SEED[scheme](rootSeed), parts.path, scheme);
  let seed: Uint8Array | null = rootSeed;
  for (const junction of parts.path) {
    seed = junction.isSoft || seed === null ? null : DERIVE_SEED_HARD[scheme](seed, junction.chainCode);
  }
  // The seed must reproduce the key keyring derived; a mismatch would print a wrong secret.
  if (seed !== null && !u8aEq(PAIR_FROM_SEED[scheme](seed).publicKey, pair.publicKey)) {
    throw new Error('internal error: derived seed does not match the derived key');
  }
  return { publicKey: pair.publicKey, accountId: accountIdOf(scheme, pair.publicKey), seed };
}
