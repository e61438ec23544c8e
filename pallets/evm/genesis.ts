/**
 * Evm genesis: the chain id, accounts mapped from the start, and EVM accounts (balance, nonce, code, slots) as
 * Geth's `alloc`. Balances go to `toAccountId(address)` and into the total issuance, so Balances' own genesis
 * (built first) and this one add up.
 */
import { hexToU8a, isHex } from '@polkadot/util';
import { z } from 'zod';
import type { GenesisSpec } from '../../runtime/framework/pallet.ts';
import type { OverlayState } from '../../runtime/state/overlay.ts';
import { parseAccountId } from '../balances/genesis.ts';
import { toAddress } from './address.ts';
import { type EvmLedger, setBalance, setCode, setNonce, setSlot } from './ledger.ts';
import { evmStorage } from './storage.ts';

const hexBytes = (len?: number) =>
  z.string().refine((s) => isHex(s) && (len === undefined || s.length === 2 + 2 * len), len ? `expected 0x-prefixed ${len}-byte hex` : 'expected 0x-prefixed hex');
const Amount = z.union([z.bigint().nonnegative(), z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a decimal integer string')]);

const GenesisAccount = z.object({
  balance: Amount.default(0),
  nonce: Amount.default(0),
  code: hexBytes().default('0x'),
  storage: z.record(hexBytes(32), hexBytes(32)).default({}),
});

/** The genesis config as a chain spec writes it. */
export const EvmGenesisSchema = z.object({
  chainId: Amount.default(0),
  /** SS58 or 0x accounts whose address (first 20 bytes) maps back to them. */
  mappedAccounts: z.array(z.string()).default([]),
  /** `0x<address>` → account. */
  accounts: z.record(hexBytes(20), GenesisAccount).default({}),
});
export type EvmGenesisConfig = z.input<typeof EvmGenesisSchema>;

export function evmGenesis(ledger: EvmLedger): GenesisSpec<z.infer<typeof EvmGenesisSchema>> {
  return {
    schema: EvmGenesisSchema,
    build(state: OverlayState, config): void {
      evmStorage.ChainId.set(state, BigInt(config.chainId));
      for (const text of config.mappedAccounts) {
        const who = parseAccountId(text);
        const address = toAddress(who);
        if (evmStorage.OriginalAccount.contains(state, address)) throw new Error(`address 0x${Buffer.from(address).toString('hex')} mapped twice`);
        evmStorage.OriginalAccount.insert(state, who, address);
      }
      for (const [hex, a] of Object.entries(config.accounts)) {
        const address = hexToU8a(hex);
        setBalance(ledger, state, address, BigInt(a.balance));
        setNonce(state, address, BigInt(a.nonce));
        setCode(state, address, hexToU8a(a.code));
        for (const [k, v] of Object.entries(a.storage)) setSlot(state, address, hexToU8a(k), hexToU8a(v));
      }
    },
  };
}
