/**
 * Test support: the real runtime on the `dev` genesis, driven block by block through `BlockExecution` (timestamp
 * inherent, extrinsics awaited with `applyExtrinsicAsync`, finalize), with helpers to sign Ethereum transactions
 * with the Hardhat dev keys.
 */
import { createFeeMarket1559Tx, createLegacyTx, type TypedTransaction } from '@ethereumjs/tx';
import { hexToBytes } from '@ethereumjs/util';
import { genesisStorage, loadChainSpec } from '../../../node/chain-spec.ts';
import { type AppliedExtrinsic, BlockExecution } from '../../../runtime/executive.ts';
import { encodeUnsignedExtrinsic } from '../../../runtime/extrinsic/unchecked.ts';
import type { RuntimeCall } from '../../../runtime/framework/pallet.ts';
import { createRuntime, type Runtime } from '../../../runtime/runtime.ts';
import { type ChangeSet, MemoryState } from '../../../runtime/state/overlay.ts';
import { evmCommon } from '../vm.ts';

/** Hardhat/Anvil dev keys 0-2 ("test test … junk"). */
export const DEV_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
].map((k) => hexToBytes(k as `0x${string}`));
export const GWEI = 1_000_000_000n;
export const CHAIN_ID = 31337n;

/** An EIP-1559 transaction signed with `key` (defaults: 2 gwei max fee, 1 gwei tip, chain 31337). */
export function signed1559(key: Uint8Array, fields: { nonce: bigint; to?: Uint8Array; data?: Uint8Array; value?: bigint; gasLimit?: bigint; maxFeePerGas?: bigint; chainId?: bigint }): TypedTransaction {
  const common = evmCommon(fields.chainId ?? CHAIN_ID);
  return createFeeMarket1559Tx(
    { chainId: fields.chainId ?? CHAIN_ID, nonce: fields.nonce, to: fields.to, data: fields.data, value: fields.value ?? 0n, gasLimit: fields.gasLimit ?? 1_000_000n, maxFeePerGas: fields.maxFeePerGas ?? 2n * GWEI, maxPriorityFeePerGas: GWEI },
    { common },
  ).sign(key);
}

/** A legacy EIP-155 transaction signed with `key`. */
export function signedLegacy(key: Uint8Array, fields: { nonce: bigint; to?: Uint8Array; data?: Uint8Array; value?: bigint; gasLimit?: bigint }): TypedTransaction {
  return createLegacyTx({ nonce: fields.nonce, to: fields.to, data: fields.data, value: fields.value ?? 0n, gasLimit: fields.gasLimit ?? 1_000_000n, gasPrice: 2n * GWEI }, { common: evmCommon(CHAIN_ID) }).sign(key);
}

/** One extrinsic of a test block: a raw Ethereum transaction or a call with an origin. */
export type TestExtrinsic = Uint8Array | { origin: { tag: 'Signed'; who: Uint8Array }; call: RuntimeCall };

export class TestChain {
  readonly runtime: Runtime = createRuntime();
  state: MemoryState;
  number = 0;
  timestamp = 1_700_000_000_000n;

  constructor(readonly author?: Uint8Array) {
    this.state = genesisStorage(loadChainSpec('dev'), this.runtime);
  }

  /** Builds and imports the next block: raw transactions go through `Ethereum.transact` as unsigned extrinsics. */
  async block(exts: TestExtrinsic[]): Promise<{ applied: (AppliedExtrinsic | Error)[]; exec: BlockExecution; changes: ChangeSet }> {
    this.number += 1;
    this.timestamp += 6_000n;
    const exec = new BlockExecution(this.runtime, this.state, { number: this.number, parentHash: new Uint8Array(32).fill(this.number), digest: [], author: this.author });
    exec.applyInherents({ timestamp: this.timestamp });
    const applied: (AppliedExtrinsic | Error)[] = [];
    for (const x of exts) {
      try {
        if (x instanceof Uint8Array) applied.push(await exec.applyExtrinsicAsync(this.unsignedTransact(x), 'verified'));
        else {
          const r = await this.runtime.composed.dispatchAsync(exec.ctx, x.origin, x.call);
          applied.push({ index: -1, result: r, info: this.runtime.dispatchInfo(x.call), fee: 0n });
        }
      } catch (e) {
        applied.push(e as Error);
      }
    }
    const { changes } = exec.finalize();
    const next = this.state.clone();
    next.apply(changes);
    this.state = next;
    return { applied, exec, changes };
  }

  /** `Ethereum.transact { transaction }` as a decoded unsigned extrinsic. */
  unsignedTransact(raw: Uint8Array) {
    const call: RuntimeCall = { tag: 'Ethereum', value: { tag: 'transact', value: { transaction: raw } } };
    return this.runtime.decodeExtrinsic(encodeUnsignedExtrinsic(this.runtime.composed.encodeCall(call)));
  }
}
