/**
 * The TrainChain runtime: pallets at their indices (`construct_runtime!`), version, limits and fees.
 * Everything the node needs from the runtime goes through this object.
 */
import { blake2AsU8a } from '@polkadot/util-crypto';
import { balancesPallet } from '../pallets/balances/index.ts';
import { ethereumBlockHash, ethereumPallet } from '../pallets/ethereum/index.ts';
import { createEvmApi } from '../pallets/evm/api.ts';
import { evmPallet, type PrecompileFactory } from '../pallets/evm/index.ts';
import { sudoPallet } from '../pallets/sudo/index.ts';
import { systemPallet } from '../pallets/system/index.ts';
import { eventRecord, type RuntimeVersionValue } from '../pallets/system/types.ts';
import { timestampPallet } from '../pallets/timestamp/index.ts';
import { transactionPaymentPallet } from '../pallets/transaction-payment/index.ts';
import type { EventRecordValue } from './framework/context.ts';
import { composeRuntime, type ComposedRuntime } from './framework/runtime.ts';
import { type Era, eraBirth } from './extrinsic/era.ts';
import { type AdditionalSigned, type DecodedExtrinsic, decodeExtrinsic } from './extrinsic/unchecked.ts';
import { type DispatchInfo, type Weight, weight } from './primitives.ts';
import type { RuntimeCall } from './framework/pallet.ts';
import { lazy, vec } from './scale/codec.ts';
import { marketplacePallets } from './marketplace.ts';
import type { StateReader } from './state/overlay.ts';

/** Runtime APIs answered through `state_call`, with their versions (advertised in `apis` and in metadata V15). */
export const RUNTIME_APIS: [name: string, version: number][] = [
  ['Core', 5],
  ['Metadata', 2],
  ['TaggedTransactionQueue', 3],
  ['AccountNonceApi', 1],
  ['TransactionPaymentApi', 4],
];

export const SPEC_VERSION = 100;
export const TRANSACTION_VERSION = 1;

export function runtimeVersion(): RuntimeVersionValue {
  return {
    spec_name: 'trainchain',
    impl_name: 'trainchain-node',
    authoring_version: 1,
    spec_version: SPEC_VERSION,
    impl_version: 1,
    apis: RUNTIME_APIS.map(([name, v]) => [blake2AsU8a(name, 64), v] as [Uint8Array, number]),
    transaction_version: TRANSACTION_VERSION,
    system_version: 1,
  };
}

/** 1 TRAIN = 10^18 units, like ether. */
export const UNIT = 10n ** 18n;
/** Picoseconds of reference-machine time: 10^12 per second, as Substrate's `WEIGHT_REF_TIME_PER_SECOND`. */
export const WEIGHT_PER_SECOND = 1_000_000_000_000n;

export const limits = {
  /** Two seconds of execution per block. */
  maxBlock: 2n * WEIGHT_PER_SECOND,
  /** 75% of a block for normal transactions, the rest for operational and mandatory ones (FRAME's default ratio). */
  maxNormal: (2n * WEIGHT_PER_SECOND * 3n) / 4n,
  maxExtrinsic: (2n * WEIGHT_PER_SECOND * 3n) / 4n - 125_000_000n,
  baseBlock: 5_000_000_000n,
  extrinsicBase: 125_000_000n,
  maxBlockLength: 5 * 1024 * 1024,
};
export type Limits = typeof limits;

/** Fee = base + length × 10^9 + weight × 5,000 units (about 0.001 TRAIN for a transfer), plus the tip. */
const WEIGHT_FEE_PER_REF_TIME = 5_000n;
const LENGTH_FEE_PER_BYTE = 1_000_000_000n;
export const EXISTENTIAL_DEPOSIT = UNIT / 1000n;
export const BLOCK_HASH_COUNT = 4096;
export const SS58_PREFIX = 42;
export const MINIMUM_PERIOD_MS = 1n;

/** Options of `createRuntime`: what the node injects. */
export interface RuntimeOptions {
  /** The node's EVM precompiles (the inference precompile at 0x…0a11); settable later with `evm.setPrecompiles`. */
  evmPrecompiles?: PrecompileFactory;
}

export function createRuntime(options: RuntimeOptions = {}) {
  // biome-ignore lint: the outer enums are only known once every pallet is composed
  let composed: ComposedRuntime = undefined as unknown as ComposedRuntime;
  const eventRecords = vec(eventRecord(lazy(() => composed.event, 'RuntimeEvent')));
  const version = runtimeVersion();
  const system = systemPallet<EventRecordValue>({
    eventRecords,
    blockHashCount: BLOCK_HASH_COUNT,
    ss58Prefix: SS58_PREFIX,
    version,
    blockWeights: {
      base_block: { ref_time: limits.baseBlock, proof_size: 0n },
      max_block: { ref_time: limits.maxBlock, proof_size: 5n * 1024n * 1024n },
      per_class: {
        normal: { base_extrinsic: { ref_time: limits.extrinsicBase, proof_size: 0n }, max_extrinsic: { ref_time: limits.maxExtrinsic, proof_size: 5n * 1024n * 1024n }, max_total: { ref_time: limits.maxNormal, proof_size: 5n * 1024n * 1024n }, reserved: { ref_time: 0n, proof_size: 0n } },
        operational: { base_extrinsic: { ref_time: limits.extrinsicBase, proof_size: 0n }, max_extrinsic: undefined, max_total: { ref_time: limits.maxBlock, proof_size: 5n * 1024n * 1024n }, reserved: { ref_time: limits.maxBlock - limits.maxNormal, proof_size: 0n } },
        mandatory: { base_extrinsic: { ref_time: 0n, proof_size: 0n }, max_extrinsic: undefined, max_total: undefined, reserved: undefined },
      },
    },
    maxBlockLength: limits.maxBlockLength,
    dbWeight: { read: 25_000_000n, write: 100_000_000n },
  });
  const balances = balancesPallet({ existentialDeposit: EXISTENTIAL_DEPOSIT, accounts: system.accounts });
  const weightToFee = (w: Weight) => w.ref_time * WEIGHT_FEE_PER_REF_TIME;
  const payment = transactionPaymentPallet({
    currency: balances.currency,
    weightToFee,
    lengthToFee: (len: number) => BigInt(len) * LENGTH_FEE_PER_BYTE,
    baseFee: limits.extrinsicBase * WEIGHT_FEE_PER_REF_TIME,
    operationalFeeMultiplier: 5,
  });
  const timestamp = timestampPallet({ minimumPeriod: MINIMUM_PERIOD_MS });
  const sudo = sudoPallet({ call: lazy(() => composed.call), callWeight: (c) => composed.callWeight(c) });
  const market = marketplacePallets(balances.currency);
  const evm = evmPallet({
    accounts: system.accounts,
    issuance: { get: (s) => balances.storage.TotalIssuance.get(s), set: (s, v) => balances.storage.TotalIssuance.set(s, v) },
    existentialDeposit: EXISTENTIAL_DEPOSIT,
    now: (s) => timestamp.storage.Now.get(s),
    blockHash: ethereumBlockHash,
  });
  if (options.evmPrecompiles) evm.runner.setPrecompiles(options.evmPrecompiles);
  const ethereum = ethereumPallet({ runner: evm.runner, ledger: evm.ledger, now: (s) => timestamp.storage.Now.get(s) });

  composed = composeRuntime('trainchain_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 1, pallet: timestamp.pallet },
    { index: 2, pallet: balances.pallet },
    { index: 3, pallet: payment.pallet },
    { index: 4, pallet: sudo.pallet },
    { index: 5, pallet: market.randomness.pallet },
    { index: 10, pallet: market.staking.pallet },
    { index: 11, pallet: market.workers.pallet },
    { index: 12, pallet: market.datasets.pallet },
    { index: 13, pallet: market.models.pallet },
    { index: 14, pallet: market.jobs.pallet },
    { index: 20, pallet: evm.pallet },
    { index: 21, pallet: ethereum.pallet },
  ]);

  let genesisHash: Uint8Array = new Uint8Array(32);
  return {
    composed,
    version,
    limits,
    eventRecords,
    system,
    balances,
    timestamp,
    sudo,
    ...market,
    /** The EVM: storage, runner, the read API the Ethereum RPC uses, and the precompile hook. */
    evm: {
      ...evm,
      api: createEvmApi(evm.runner, evm.ledger),
      setPrecompiles: (factory: PrecompileFactory | undefined) => evm.runner.setPrecompiles(factory),
    },
    ethereum,
    fees: {
      ...payment.fees,
      canPay: (state: StateReader, who: Uint8Array, fee: bigint) => balances.currency.canWithdraw(state, who, fee, true),
    },
    weightToFee,
    get genesisHash() {
      return genesisHash;
    },
    /** Set once the genesis block is known; it is part of every signed payload (CheckGenesis). */
    setGenesisHash(hash: Uint8Array) {
      genesisHash = hash;
    },
    decodeExtrinsic: (bytes: Uint8Array): DecodedExtrinsic => decodeExtrinsic(bytes, composed.call),
    /** Pre-dispatch weight (the call's plus the per-extrinsic base), class and `Pays::Yes` (refunds happen after dispatch). */
    dispatchInfo(call: RuntimeCall): DispatchInfo {
      const { spec } = composed.lookupCall(call);
      const w = composed.callWeight(call);
      const dispatchClass = spec.class ?? 'Normal';
      return {
        weight: weight(w.ref_time + (dispatchClass === 'Mandatory' ? 0n : limits.extrinsicBase), w.proof_size),
        class: { tag: dispatchClass },
        pays_fee: { tag: 'Yes' },
      };
    },
    /** CheckMortality: the hash of the block the transaction was signed at, if it is still in `System.BlockHash` (or is `parentHash`). */
    birthHash(state: StateReader, era: Era, current: number, parentHash?: Uint8Array): Uint8Array | undefined {
      const birth = eraBirth(era, current);
      if (birth === 0) return genesisHash;
      if (birth >= current) return undefined;
      // Outside a block (the pool), the parent's hash is not in `BlockHash` yet: it is the best block's.
      if (birth === current - 1 && parentHash) return parentHash;
      return system.storage.BlockHash.contains(state, birth) ? system.storage.BlockHash.get(state, birth) : undefined;
    },
    additionalSigned: (birthHash: Uint8Array): AdditionalSigned => ({
      specVersion: SPEC_VERSION,
      transactionVersion: TRANSACTION_VERSION,
      genesisHash,
      birthHash,
    }),
  };
}
export type Runtime = ReturnType<typeof createRuntime>;
