import { AccountId32, DispatchError, DispatchInfo, H256 } from '../../runtime/primitives.ts';
import { defineEvents } from '../../runtime/framework/pallet.ts';

export const SystemEvent = defineEvents('System', 'frame_system', {
  ExtrinsicSuccess: { index: 0, fields: { dispatch_info: DispatchInfo }, docs: [' An extrinsic completed successfully.'] },
  ExtrinsicFailed: { index: 1, fields: { dispatch_error: DispatchError, dispatch_info: DispatchInfo }, docs: [' An extrinsic failed.'] },
  CodeUpdated: { index: 2, docs: [' `:code` was updated.'] },
  NewAccount: { index: 3, fields: { account: AccountId32 }, docs: [' A new account was created.'] },
  KilledAccount: { index: 4, fields: { account: AccountId32 }, docs: [' An account was reaped.'] },
  Remarked: { index: 5, fields: { sender: AccountId32, hash: H256 }, docs: [' On on-chain remark happened.'] },
});
