/**
 * The jobs pallet precompile at `0x…0a13` (ABI: contracts/IJobs.sol). `postTrainingJob` dispatches the real
 * `Jobs.post_training_job` as `Signed(toAccountId(msg.sender))`: the reward and the network fee are reserved on
 * the caller's mapped account, whose free balance is its EVM balance (one ledger), so the call is not payable.
 * Views read the pallet's storage at the EVM's current state.
 */
import type { JobsStorage } from '../../pallets/jobs/storage.ts';
import type { ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { encodeAbi, uintWord } from '../inference/abi-encode.ts';
import { selector } from '../inference/errors.ts';
import { dispatch, type Outcome, type PrecompileFunction, READ_GAS } from '../pallet-call.ts';
import { decodePostTrainingJob, encodeJobResult, encodeJobStatus } from './abi.ts';

/** The precompile's address. */
export const JOBS_ADDRESS = '0x0000000000000000000000000000000000000a13';

/** What the precompile reads: the jobs pallet's storage. */
export interface JobsPrecompileRuntime {
  composed: ComposedRuntime;
  jobs: { storage: JobsStorage };
}

const JOB_NOT_FOUND = selector('JobNotFound(uint64)');
const NO_RESULT = selector('NoResult(uint64)');
const refuse = (sel: Uint8Array, id: bigint): Outcome => ({ kind: 'revert', gas: READ_GAS, data: encodeAbi([uintWord(id)], sel) });
const P = 4;

/** The selector table; `jobs` is read at call time (the runtime is complete by then). */
export function jobsFunctions(runtime: () => JobsPrecompileRuntime): PrecompileFunction[] {
  const S = () => runtime().jobs.storage;
  return [
    {
      signature: 'postTrainingJob((bytes,uint64,uint64,bytes32,bytes,uint32,uint32,uint32,uint8,uint256,uint32,string,uint8),uint256)',
      mutability: 'nonpayable',
      run: async (env, r) => {
        const args = decodePostTrainingJob(r);
        // The id the pallet will give it: read before the call (its `JobPosted` event carries it too).
        const id = S().NextJobId.get(env.ctx.state);
        const out = await dispatch(env, { tag: 'Jobs', value: { tag: 'post_training_job', value: args } }, READ_GAS);
        return 'ok' in out ? { kind: 'return', gas: out.gas, data: encodeAbi([uintWord(id)]) } : out;
      },
    },
    {
      signature: 'cancelJob(uint64)',
      mutability: 'nonpayable',
      run: async (env, r) => {
        const out = await dispatch(env, { tag: 'Jobs', value: { tag: 'cancel_job', value: { job_id: r.uint(P, 64) } } });
        return 'ok' in out ? { kind: 'return', gas: out.gas, data: new Uint8Array() } : out;
      },
    },
    {
      signature: 'jobStatus(uint64)',
      mutability: 'view',
      run: (env, r) => {
        const id = r.uint(P, 64);
        const job = S().Jobs.get(env.ctx.state, id);
        if (!job) return refuse(JOB_NOT_FOUND, id);
        return { kind: 'return', gas: READ_GAS, data: encodeAbi(encodeJobStatus(job)) };
      },
    },
    {
      signature: 'jobResult(uint64)',
      mutability: 'view',
      run: (env, r) => {
        const id = r.uint(P, 64);
        const job = S().Jobs.get(env.ctx.state, id);
        if (!job) return refuse(JOB_NOT_FOUND, id);
        const result = encodeJobResult(job);
        if (!result) return refuse(NO_RESULT, id);
        return { kind: 'return', gas: READ_GAS, data: encodeAbi(result) };
      },
    },
  ];
}
