/** Timestamp storage, with FRAME's names and docs. */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { Moment } from '../../runtime/primitives.ts';
import { bool } from '../../runtime/scale/codec.ts';

/** The storage items, with FRAME's names and docs. */
export const timestampStorage = defineStorage('Timestamp', {
  Now: storage.value({ value: Moment, default: 0n, docs: [' The current time for the current block.'] }),
  DidUpdate: storage.value({
    value: bool,
    default: false,
    docs: [
      ' Whether the timestamp has been updated in this block.',
      '',
      ' This value is updated to `true` upon successful submission of a timestamp by a node.',
      ' It is then checked at the end of each block execution in the `on_finalize` hook.',
    ],
  }),
});
/** The bound storage items of Timestamp. */
export type TimestampStorage = typeof timestampStorage;
