/** Sudo genesis: `{ key?: accountId }` (SS58 or 0x hex); no key means no sudo. */
import { z } from 'zod';
import type { GenesisSpec } from '../../runtime/framework/pallet.ts';
import type { OverlayState } from '../../runtime/state/overlay.ts';
import { parseAccountId } from '../balances/genesis.ts';
import type { SudoStorage } from './storage.ts';

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

/** The genesis config as a chain spec writes it. */
export const SudoGenesisSchema = z.object({ key: AccountIdText.optional() });
/** `{ key?: account }` before validation. */
export type SudoGenesisConfig = z.input<typeof SudoGenesisSchema>;

/** Writes `Sudo.Key` when a key is given. */
export function sudoGenesis(storage: SudoStorage): GenesisSpec<SudoGenesisConfig> {
  return {
    schema: SudoGenesisSchema,
    build(state: OverlayState, config: SudoGenesisConfig) {
      const { key } = SudoGenesisSchema.parse(config);
      if (key !== undefined) storage.Key.set(state, parseAccountId(key));
    },
  };
}
