import { defineErrors } from '../../runtime/framework/pallet.ts';

export const SystemError = defineErrors('System', 'frame_system', {
  InvalidSpecName: { index: 0, docs: [' The name of specification does not match between the current runtime', ' and the new runtime.'] },
  SpecVersionNeedsToIncrease: { index: 1, docs: [' The specification version is not allowed to decrease between the current runtime', ' and the new runtime.'] },
  FailedToExtractRuntimeVersion: { index: 2, docs: [' Failed to extract the runtime version from the new runtime.'] },
  NonDefaultComposite: { index: 3, docs: [' Suicide called when the account has non-default composite data.'] },
  NonZeroRefCount: { index: 4, docs: [' There is a non-zero reference count preventing the account from being purged.'] },
  CallFiltered: { index: 5, docs: [' The origin filter prevent the call to be dispatched.'] },
  MultiBlockMigrationsOngoing: { index: 6, docs: [' A multi-block migration is ongoing and prevents the current code from being replaced.'] },
  NothingAuthorized: { index: 7, docs: [' No upgrade authorized.'] },
  Unauthorized: { index: 8, docs: [' The submitted code is not authorized.'] },
});
