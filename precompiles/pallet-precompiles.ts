/**
 * The pallet precompiles as one `PrecompileFactory`: `IModels` at 0x…0a12 and `IJobs` at 0x…0a13. Compose it
 * with other factories by concatenating what they return.
 *
 * @example
 * const runtime = createRuntime();
 * const pallets = createPalletPrecompiles(() => runtime);
 * runtime.evm.setPrecompiles((frame, context) => [...pallets(frame, context), ...inference(frame, context)]);
 */
import type { PrecompileFactory } from '../pallets/evm/vm.ts';
import { JOBS_ADDRESS, type JobsPrecompileRuntime, jobsFunctions } from './jobs/precompile.ts';
import { MODELS_ADDRESS, type ModelsPrecompileRuntime, modelsFunctions } from './models/precompile.ts';
import { palletPrecompile } from './pallet-call.ts';

/** What the pallet precompiles need from the runtime (`Runtime` satisfies it). */
export type PalletPrecompileRuntime = ModelsPrecompileRuntime & JobsPrecompileRuntime;

/** `IModels` and `IJobs` over `runtime` (read lazily, so `createRuntime({ evmPrecompiles })` can take it). */
export function createPalletPrecompiles(runtime: () => PalletPrecompileRuntime): PrecompileFactory {
  const composed = () => runtime().composed;
  const models = modelsFunctions(runtime);
  const jobs = jobsFunctions(runtime);
  return (frame, context) => [
    { address: MODELS_ADDRESS, function: palletPrecompile(models, composed, frame, context) },
    { address: JOBS_ADDRESS, function: palletPrecompile(jobs, composed, frame, context) },
  ];
}
