/** Sudo storage: the one key that may act as Root. */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { AccountId32 } from '../../runtime/primitives.ts';

/** The storage items, with FRAME's names and docs. */
export const sudoStorage = defineStorage('Sudo', {
  Key: storage.value({ value: AccountId32, docs: [' The `AccountId` of the sudo key.'] }),
});
/** The bound storage items of Sudo. */
export type SudoStorage = typeof sudoStorage;
