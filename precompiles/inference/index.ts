/**
 * The ONNX inference precompile (`0x…0a11`, ABI in contracts/IInference.sol): what the EVM pallet imports.
 *
 * @example
 * import { createInferencePrecompile, MemoryInferenceLog, privateKeyAttester } from '../precompiles/inference/index.ts';
 * import { MessageStack } from '../pallets/evm/message-stack.ts';
 * const stack = new MessageStack();
 * const inference = createInferencePrecompile(host, { ortProvider: 'cpu' }); // host: InferenceHost, see host.ts
 * const vm = await createVM({ common, evmOpts: { customPrecompiles: [inference] } });
 * stack.attach(vm.evm);
 */
export { attestationDigest, domainSeparator, privateKeyAttester, recoverSigner } from './attestation.ts';
export { SELECTORS } from './calls.ts';
export { InferenceErrors } from './errors.ts';
export { FLOP_PER_GAS, INFERENCE_GAS, outputGas, preRunGas } from './gas.ts';
export type { Attester, InferenceFrame, InferenceHost, InferenceKey, InferenceLog, InferenceModel, InferenceRecord } from './host.ts';
export { type InferenceLogEntry, MemoryInferenceLog } from './inference-log.ts';
export { createInferencePrecompile, INFERENCE_ADDRESS, type InferencePrecompile, type InferencePrecompileOptions } from './precompile.ts';
export { isModelPack, type LoadedModel, SessionCache, type SessionCacheOptions } from './sessions.ts';
export { DTYPES, TENSOR_LIMITS } from './tensor.ts';
