/** pallet_evm storage, with Frontier's names and hashers (docs/evm.md § Storage). */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { AccountId32, H160, H256 } from '../../runtime/primitives.ts';
import { bytes, u64 } from '../../runtime/scale/codec.ts';
import { CodeMetadata } from './types.ts';

/** The pallet's storage items. */
export const evmStorage = defineStorage('Evm', {
  AccountCodes: storage.map('Blake2_128Concat', H160, { value: bytes, docs: [' The code of each contract account.'] }),
  AccountCodesMetadata: storage.map('Blake2_128Concat', H160, { value: CodeMetadata, docs: [' The size and keccak hash of each contract\'s code.'] }),
  AccountStorages: storage.doubleMap(['Blake2_128Concat', H160], ['Blake2_128Concat', H256], {
    value: H256,
    docs: [' Contract storage slots; zero values are deleted.'],
  }),
  AccountNonces: storage.map('Blake2_128Concat', H160, { value: u64, default: 0n, docs: [' The EVM nonce of each address (transactions sent, contracts created).'] }),
  OriginalAccount: storage.map('Blake2_128Concat', H160, { value: AccountId32, docs: [' The 32-byte account behind a mapped address (`map_account`).'] }),
  ChainId: storage.value({ value: u64, default: 0n, docs: [' The EIP-155 chain id.'] }),
});
/** The bound storage items of Evm. */
export type EvmStorage = typeof evmStorage;
