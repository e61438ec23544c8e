/**
 * `inferPaid`'s payment. The EVM credits a CALL's value to the callee before running it, so the precompile's
 * own account (0x…0a11) holds msg.value when it runs; on success it moves that value on to the model's payee
 * through the EVM journal. The write sits inside the precompile frame's checkpoint, so a revert or out of gas
 * after it (or in a caller) undoes it along with the value transfer itself.
 */
import type { EVMInterface } from '@ethereumjs/evm';
import { Account, Address } from '@ethereumjs/util';
import { INFERENCE_ADDRESS_BYTES } from './attestation.ts';

/** Checks `inferPaid`'s payment before any work: the reason it is refused, or undefined when it may proceed. */
export function checkPayment(offer: { price: bigint } | undefined, value: bigint): 'NotForSale' | 'InsufficientPayment' | undefined {
  if (!offer) return 'NotForSale';
  return value < offer.price ? 'InsufficientPayment' : undefined;
}

/** Moves `value` wei from the precompile's account to `payee` (20 bytes); throws if the precompile holds less. */
export async function forwardPayment(evm: EVMInterface, payee: Uint8Array, value: bigint): Promise<void> {
  if (value === 0n) return;
  const from = new Address(INFERENCE_ADDRESS_BYTES.slice());
  const to = new Address(payee.slice());
  const source = await evm.stateManager.getAccount(from);
  if (!source || source.balance < value) throw new Error('the precompile does not hold the payment');
  source.balance -= value;
  await evm.journal.putAccount(from, source);
  // Read the payee after writing the source: they may be the same account only if the payee is 0x…0a11 itself.
  const target = (await evm.stateManager.getAccount(to)) ?? new Account();
  target.balance += value;
  await evm.journal.putAccount(to, target);
}
