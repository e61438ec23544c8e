/**
 * What the inference precompile needs from the node, implemented by the EVM pallet. Everything is read at the
 * state of the executing block; nothing here writes chain state (the precompile is `view`-only).
 */
import type { MessageFrame } from '../../pallets/evm/message-stack.ts';

/** The precompile's own EVM frame (the top of the EVM pallet's message stack, `pallets/evm/message-stack.ts`). */
export type InferenceFrame = MessageFrame;

/** The fields of the models pallet's `ModelInfo` the precompile reads (a real `ModelInfo` satisfies it). */
export interface InferenceModel {
  /** Binary CID of the model blob in the node's blob store: a raw `.onnx`, or a trained-model pack. */
  cid: Uint8Array;
  /** The pallet's `model_hash` (reported by `modelInfo`; the attestation uses keccak256 of the blob instead). */
  model_hash: Uint8Array;
  owner: Uint8Array;
  /** FLOPs of one inference at batch 1, declared at registration; gas is charged from it. */
  flops_per_inference: bigint;
  /** Declared inputs: a dim of 0 is dynamic and multiplies the FLOPs charged by the size given. */
  inputs: readonly { dims: readonly number[] }[];
  outputs: readonly { dims: readonly number[] }[];
  license: { tag: string };
  published: boolean;
  revoked: boolean;
}

/** A key of the block's inference log. */
export interface InferenceKey {
  /** keccak256 of the model blob. */
  modelHash: Uint8Array;
  /** keccak256 of the ABI-encoded inputs (see `IInference.sol`). */
  inputHash: Uint8Array;
}

/** One logged inference: the ABI-encoded outputs and the author's attestation signature over them. */
export interface InferenceRecord {
  /** `abi.encode(outputs)` (infer) or `abi.encode(output)` (inferFixed); its keccak256 is the `outputHash`. */
  outputs: Uint8Array;
  /** 20-byte address of the signing key. */
  provider: Uint8Array;
  /** 65-byte r ‖ s ‖ v EIP-712 signature. */
  signature: Uint8Array;
}

/**
 * The block's record of inference outputs. The author's node runs in `record` mode and keeps every
 * `(modelHash, inputHash) → (outputs, provider, signature)`; importing nodes run in `replay` mode with the
 * author's record: the precompile still runs onnxruntime and reverts with `InferenceMismatch` unless its output
 * is bit-identical to the recorded one, and returns the author's signature (which it checks), so every node
 * returns the same bytes. `eth_call`/`eth_estimateGas` should get a throwaway `record` log.
 */
export interface InferenceLog {
  readonly mode: 'record' | 'replay';
  /** The recorded outputs for `key`, if any. */
  get(key: InferenceKey): InferenceRecord | undefined;
  /** Records a result (record mode only; a repeated key keeps its first value). */
  put(key: InferenceKey, record: InferenceRecord): void;
}

/**
 * The secp256k1 key that signs EIP-712 attestations (`privateKeyAttester` in attestation.ts makes one from a raw
 * key with @noble/curves; a node may plug in a faster or hardware-backed signer).
 */
export interface Attester {
  /** The key's 20-byte Ethereum address. */
  readonly address: Uint8Array;
  /** Signs a 32-byte digest: 65 bytes r ‖ s ‖ v with v = 27 + recovery id. */
  sign(digest: Uint8Array): Uint8Array;
}

/**
 * Everything the precompile asks of the node. The factory is called once per VM, so `blockNumber`, `chainId`,
 * `attester` and `log` are read on every call: implement them as getters over the executing block.
 */
export interface InferenceHost {
  /** The precompile's frame (top of the EVM message stack), or undefined outside an EVM call. */
  frame(): InferenceFrame | undefined;
  /** The model with this id at the current state, or undefined. */
  model(id: bigint): InferenceModel | undefined;
  /**
   * Whether the 20-byte EVM address may use the model (the models pallet's `hasAccess` of its mapped account).
   * It is the precompile's `msg.sender`: the calling contract (which must hold the grant), not `tx.origin`.
   */
  hasAccess(id: bigint, caller: Uint8Array): boolean;
  /**
   * The blob with this binary CID from the node's blob store, or undefined when it is not stored locally (the
   * call then reverts `ModelNotFound`; an importing node must hold the blobs a block's calls used).
   */
  modelBytes(cid: Uint8Array): Promise<Uint8Array | undefined>;
  /**
   * Optional, for `inferPaid`: the model's per-call price in wei and the 20-byte address it is paid to, or
   * undefined when the model is not sold per call (then `inferPaid` reverts `NotForSale`).
   */
  callPrice?(id: bigint): { price: bigint; payee: Uint8Array } | undefined;
  /** The executing block's number. */
  readonly blockNumber: bigint;
  /** The EVM chain id (EIP-155). */
  readonly chainId: bigint;
  /** The key that signs attestations in `record` mode (in `replay` the author's recorded signature is used). */
  readonly attester: Attester;
  /** The executing block's inference log. */
  readonly log: InferenceLog;
}
