/**
 * Type-level test of the augmentation, written as a user would: compiled by `tsc -p api-augment`
 * (the conformance test runs it), never executed. Each `@ts-expect-error` proves a wrong use is refused.
 */
import 'trainchain/api-augment';
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { FrameSystemAccountInfo, PalletBalancesEvent, PalletJobsJobInfo, SpRuntimeDispatchError } from '@polkadot/types/lookup';
import type { Option, u32, u64, u128 } from '@polkadot/types-codec';

export async function typedUse(api: ApiPromise, bob: string): Promise<void> {
  const transfer: SubmittableExtrinsic<'promise'> = api.tx.balances.transferKeepAlive(bob, 10n ** 18n);
  void transfer;
  // @ts-expect-error: transferKeepAlive takes (dest, value)
  api.tx.balances.transferKeepAlive(bob);
  // @ts-expect-error: no such call in the balances pallet
  api.tx.balances.noSuchCall(bob);
  api.tx.sudo.sudo(api.tx.system.remark('0x00'));
  // TrainChain's own pallets are typed the same way.
  const post: SubmittableExtrinsic<'promise'> = api.tx.jobs.postInferenceJob(1, `0x${'11'.repeat(32)}`, 'bafy…', 10n ** 18n);
  void post;
  // @ts-expect-error: modelId is a u64, not an object
  api.tx.jobs.postInferenceJob({ id: 1 }, `0x${'11'.repeat(32)}`, 'bafy…', 1);
  const job: Option<PalletJobsJobInfo> = await api.query.jobs.jobs(1);
  void job;

  const account: FrameSystemAccountInfo = await api.query.system.account(bob);
  const free: u128 = account.data.free;
  const nonce: u32 = account.nonce;
  void free;
  void nonce;
  const entries = await api.query.system.account.entries();
  const first: FrameSystemAccountInfo | undefined = entries[0]?.[1];
  void first;
  const issuance: u128 = await api.query.balances.totalIssuance();
  void issuance;
  const now: u64 = await api.query.timestamp.now();
  void now;

  const ed: u128 = api.consts.balances.existentialDeposit;
  const hashCount: u32 = api.consts.system.blockHashCount;
  void ed;
  void hashCount;

  const records = await api.query.system.events();
  for (const { event } of records) {
    if (api.events.balances.Transfer.is(event)) {
      const [from, to, amount] = event.data;
      const sum: u128 = amount;
      void from;
      void to;
      void sum;
    }
    if (api.events.system.ExtrinsicFailed.is(event)) {
      const dispatchError: SpRuntimeDispatchError = event.data.dispatchError;
      if (dispatchError.isModule && api.errors.sudo.RequireSudo.is(dispatchError.asModule)) void dispatchError;
    }
  }
  const balancesEvent: PalletBalancesEvent | undefined = undefined;
  void balancesEvent;

  const nonceViaCall: u32 = await api.call.accountNonceApi.accountNonce(bob);
  void nonceViaCall;
}
