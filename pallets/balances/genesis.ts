/**
 * Balances genesis: `{ balances: [[account, amount], …] }` as in a chain spec. Accounts are SS58 addresses or
 * 0x-prefixed 32-byte hex; amounts are decimal strings (u128 does not fit a JSON number), safe integers or bigints.
 */
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { GenesisSpec } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { OverlayState } from '../../runtime/state/overlay.ts';
import type { AccountStore } from '../system/index.ts';
import type { BalancesStorage } from './storage.ts';
import { MAX_U128 } from './types.ts';

/** Decodes an SS58 address or 0x hex into a 32-byte AccountId32; throws a clear Error otherwise. */
export function parseAccountId(text: string): AccountId {
  let bytes: Uint8Array;
  try {
    bytes = decodeAddress(text);
  } catch (e) {
    throw new Error(`"${text}" is not an SS58 address or 0x hex account id (${(e as Error).message})`);
  }
  if (bytes.length !== 32) throw new Error(`"${text}" is ${bytes.length} bytes; an AccountId32 has 32`);
  return bytes;
}

const AccountIdText = z.string().refine(
  (s) => {
    try {
      parseAccountId(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an SS58 address or a 0x-prefixed 32-byte hex account id' },
);
const Amount = z.union([
  z.bigint().nonnegative().max(MAX_U128),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d+$/, 'expected a decimal integer string').refine((s) => BigInt(s) <= MAX_U128, 'exceeds u128'),
]);

/** The genesis config as a chain spec writes it. */
export const BalancesGenesisSchema = z.object({ balances: z.array(z.tuple([AccountIdText, Amount])) });
/** `{ balances: [account, amount][] }` before validation. */
export type BalancesGenesisConfig = z.input<typeof BalancesGenesisSchema>;

/**
 * Builds the endowed accounts (one provider each, `NEW_LOGIC` flag as `emptyAccount()` sets it) and
 * `TotalIssuance`. Asserts FRAME's invariants first — every balance ≥ ED, no account twice — and throws a clear
 * Error before writing anything.
 */
export function balancesGenesis(ed: bigint, accounts: AccountStore, storage: BalancesStorage): GenesisSpec<BalancesGenesisConfig> {
  return {
    schema: BalancesGenesisSchema,
    build(state: OverlayState, config: BalancesGenesisConfig) {
      const parsed = BalancesGenesisSchema.parse(config);
      const seen = new Set<string>();
      const endowed: [AccountId, bigint][] = [];
      let total = 0n;
      for (const [text, raw] of parsed.balances) {
        const who = parseAccountId(text);
        const amount = BigInt(raw);
        const key = Buffer.from(who).toString('hex');
        if (seen.has(key)) throw new Error(`Balances genesis: duplicate balances for ${encodeAddress(who)}`);
        seen.add(key);
        if (amount < ed) throw new Error(`Balances genesis: ${encodeAddress(who)} has ${amount}, below the existential deposit ${ed}`);
        total += amount;
        if (total > MAX_U128) throw new Error('Balances genesis: the total issuance overflows u128');
        endowed.push([who, amount]);
      }
      storage.TotalIssuance.set(state, total);
      for (const [who, free] of endowed) {
        const info = accounts.get(state, who);
        // `inc_providers` then `AccountStore::insert(AccountData { free, ..Default::default() })`.
        accounts.set(state, who, { ...info, providers: info.providers + 1, data: { ...info.data, free, reserved: 0n, frozen: 0n } });
      }
    },
  };
}
