/**
 * Staking genesis: `{ stakers: [[account, bond, roles], …] }` as a chain spec writes it (the dev chain bonds
 * Alice as a validator). Accounts are SS58 or 0x hex; bonds are decimal strings, safe integers or bigints. Bonds
 * are reserved from balances that Balances' genesis (an earlier pallet) endowed. Era 0 starts at genesis with
 * the validators elected from these stakers.
 */
import { encodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { DispatchContext, GenesisSpec } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { OverlayState } from '../../runtime/state/overlay.ts';
import { parseAccountId } from '../balances/genesis.ts';
import { startEra } from './era.ts';
import { putLedger, type StakingEnv } from './ledger.ts';
import { NO_ROLES, ROLES, type Roles } from './types.ts';

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
const MAX_U128 = (1n << 128n) - 1n;
const Amount = z.union([
  z.bigint().positive().max(MAX_U128),
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d+$/, 'expected a decimal integer string').refine((s) => BigInt(s) > 0n && BigInt(s) <= MAX_U128, 'expected 1..u128::MAX'),
]);

/** The genesis config as a chain spec writes it. */
export const StakingGenesisSchema = z.object({
  stakers: z.array(z.tuple([AccountIdText, Amount, z.array(z.enum(ROLES))])).default([]),
});
/** `{ stakers: [account, bond, roles][] }` before validation. */
export type StakingGenesisConfig = z.input<typeof StakingGenesisSchema>;

// Genesis has no block and keeps no events, but the currency needs a context to reserve.
function genesisContext(state: OverlayState): DispatchContext {
  return {
    state,
    block: { number: 0, parentHash: new Uint8Array(32), author: undefined },
    deposit: () => {},
    dispatch: () => {
      throw new Error('no dispatch at genesis');
    },
    eventCount: () => 0,
    truncateEvents: () => {},
  };
}

/**
 * Writes the minimum bonds, bonds each staker with its roles, and starts era 0. Asserts first — no account twice,
 * each bond meets the minimum of each of its roles and can be reserved — and throws a clear Error before writing.
 */
export function stakingGenesis(env: StakingEnv): GenesisSpec<StakingGenesisConfig> {
  const { currency, minBond } = env.config;
  return {
    schema: StakingGenesisSchema,
    build(state: OverlayState, config: StakingGenesisConfig) {
      const parsed = StakingGenesisSchema.parse(config);
      const seen = new Set<string>();
      const stakers: [AccountId, bigint, Roles][] = [];
      for (const [text, raw, names] of parsed.stakers) {
        const who = parseAccountId(text);
        const bond = BigInt(raw);
        const address = encodeAddress(who);
        const key = Buffer.from(who).toString('hex');
        if (seen.has(key)) throw new Error(`Staking genesis: ${address} is listed twice`);
        seen.add(key);
        const roles: Roles = { ...NO_ROLES };
        for (const role of names) {
          if (bond < minBond[role]) throw new Error(`Staking genesis: ${address} bonds ${bond}, below the ${role} minimum ${minBond[role]}`);
          roles[role] = true;
        }
        if (!currency.canReserve(state, who, bond)) {
          throw new Error(`Staking genesis: ${address} cannot bond ${bond}: its free balance ${currency.free(state, who)} must cover it and keep the existential deposit`);
        }
        stakers.push([who, bond, roles]);
      }
      const ctx = genesisContext(state);
      env.storage.MinBonds.set(state, minBond);
      for (const [who, bond, roles] of stakers) {
        currency.reserve(ctx, who, bond);
        putLedger(env, state, who, { total: bond, active: bond, unlocking: [], roles });
      }
      startEra(env, ctx, 0);
    },
  };
}
