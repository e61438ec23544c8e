/**
 * Inference precompile latency against a direct `session.run` of the same model, in the same process and the
 * same onnxruntime session (the precompile's cached one), for three generated models:
 *   tiny   MLP 16-32-4                                   goal: ≤ 50 µs overhead
 *   30m    MLP 1024-4096-4096-2048-1000 (31.5 M params)   goal: ≤ 10 % overhead
 *   gpt2   GPT-2-small-sized MatMul stack (123.7 M params, T = 1, 50,257 logits out)   goal: ≤ 10 % overhead
 * Per call, alternating rounds, median of all calls:
 *   direct      `await session.run(feeds)` with a pre-built input tensor
 *   precompile  the PrecompileFunc on ABI calldata: decode, checks, copy, run, encode, keccak, EIP-712 sign
 *   unsigned    the same with a stub attester (fixed signature): the precompile's overhead without ECDSA
 *   evm         `evm.runCall` to 0x…0a11 inside a journal checkpoint (adds the EVM message and the stack hook)
 * Every precompile call gets a fresh inference log, so each one signs (a repeated key in a block reuses the
 * recorded signature). `sign` is one secp256k1 signature alone (@noble/curves), included in the precompile figure.
 *
 *   node --import tsx bench/inference.ts [--models tiny,30m,gpt2] [--seconds 4]
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createAddressFromString } from '@ethereumjs/util';
import * as ort from 'onnxruntime-node';
import { encodeAbi, uintWord } from '../precompiles/inference/abi-encode.ts';
import { SELECTORS } from '../precompiles/inference/calls.ts';
import { MemoryInferenceLog } from '../precompiles/inference/inference-log.ts';
import { INFERENCE_ADDRESS } from '../precompiles/inference/precompile.ts';
import { tensorsValue } from '../precompiles/inference/tensor.ts';
import { createTestChain, type MockModel, modelInfo } from '../precompiles/inference/testing/chain.ts';
import { gpt2SmallWidths, type GeneratedModel, mlpOnnx, pseudoRandom } from '../precompiles/inference/testing/models.ts';

/** One benchmarked model. */
export interface InferenceBenchCase {
  name: string;
  widths: number[];
}

/** Median µs per call of a path: direct, precompile, unsigned, evm. */
export type PathTimes = Record<'direct' | 'precompile' | 'unsigned' | 'evm', number>;

/** Median wall-clock and process-CPU µs per call of each path, one signature's µs, and the gas charged. */
export interface InferenceBenchResult {
  name: string;
  parameters: number;
  calls: number;
  wall: PathTimes;
  cpu: PathTimes;
  sign: number;
  gas: bigint;
}

export const CASES: InferenceBenchCase[] = [
  { name: 'tiny', widths: [16, 32, 4] },
  { name: '30m', widths: [1024, 4096, 4096, 2048, 1000] },
  { name: 'gpt2', widths: gpt2SmallWidths() },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs alternating rounds of the three paths for about `seconds` of measurement. */
export async function benchInferenceCase(c: InferenceBenchCase, seconds: number): Promise<InferenceBenchResult> {
  const model: GeneratedModel = mlpOnnx(c.widths, 3);
  const cid = new Uint8Array(36).fill(9);
  const chain = await createTestChain(new Map<bigint, MockModel>([[1n, { info: modelInfo(cid, model.flops, [[0, model.inputWidth]]), blob: model.bytes }]]));
  const rand = pseudoRandom(11);
  const x = Float32Array.from({ length: model.inputWidth }, () => rand());
  const tensor = { dtype: 1, shape: [1, model.inputWidth], data: new Uint8Array(x.buffer) };
  const data = encodeAbi([uintWord(1n), tensorsValue([tensor])], SELECTORS.infer);
  const gasLimit = 10n ** 12n;
  const to = createAddressFromString(INFERENCE_ADDRESS);
  const viaPrecompile = async () => {
    chain.block.log = new MemoryInferenceLog('record');
    return chain.precompile.function({ data, gasLimit, common: chain.vm.common, _EVM: chain.vm.evm });
  };
  const first = await viaPrecompile(); // loads the session
  if (first.exceptionError) throw new Error(`${c.name}: precompile failed: ${first.exceptionError.error}`);
  const session = chain.precompile.sessions.peek(Buffer.from(cid).toString('hex'))!.session;
  const feeds = { x: new ort.Tensor('float32', x, [1, model.inputWidth]) };
  const paths = ['direct', 'precompile', 'unsigned', 'evm'] as const;
  const wall = { direct: [] as number[], precompile: [] as number[], unsigned: [] as number[], evm: [] as number[] };
  const cpu = { direct: [] as number[], precompile: [] as number[], unsigned: [] as number[], evm: [] as number[] };
  const sign: number[] = [];
  const signer = chain.block.attester;
  const stub = { address: signer.address, sign: () => new Uint8Array(65) };
  const run: Record<(typeof paths)[number], () => Promise<unknown>> = {
    direct: () => session.run(feeds),
    precompile: viaPrecompile,
    unsigned: async () => {
      chain.block.attester = stub;
      try {
        return await viaPrecompile();
      } finally {
        chain.block.attester = signer;
      }
    },
    evm: () => {
      chain.block.log = new MemoryInferenceLog('record');
      return chain.call(to, data, gasLimit);
    },
  };
  const digest = new Uint8Array(32).fill(1);
  const deadline = performance.now() + seconds * 1000;
  // Rounds of `batch` calls per path, alternating, so load changes on the shared machine hit all paths alike;
  // the first call of a batch is not counted: it pays for the previous path's garbage (the EVM path's above all).
  const batch = c.name === 'gpt2' ? 3 : 8;
  do {
    for (const p of paths) {
      for (let i = 0; i < batch; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await run[p]();
        if (i === 0) continue;
        wall[p].push((performance.now() - t0) * 1000);
        const used = process.cpuUsage(c0);
        cpu[p].push(used.user + used.system);
      }
    }
    const t0 = performance.now();
    signer.sign((digest[0]!++, digest));
    sign.push((performance.now() - t0) * 1000);
  } while (performance.now() < deadline);
  await chain.precompile.sessions.clear();
  return {
    name: c.name, parameters: model.parameters, calls: wall.direct.length, gas: first.executionGasUsed, sign: median(sign),
    wall: { direct: median(wall.direct), precompile: median(wall.precompile), unsigned: median(wall.unsigned), evm: median(wall.evm) },
    cpu: { direct: median(cpu.direct), precompile: median(cpu.precompile), unsigned: median(cpu.unsigned), evm: median(cpu.evm) },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { models: { type: 'string', default: CASES.map((c) => c.name).join(',') }, seconds: { type: 'string', default: '4' } } });
  const wanted = values.models.split(',');
  const loadAtStart = loadavg()[0]!;
  const row = (cells: (string | number)[]): string => cells.map((c, i) => String(c).padStart(i === 0 ? 6 : 12)).join(' ');
  console.log('onnxruntime-node CPU, 1 intra-op thread, sequential, opt extended; median µs per call (wall | process CPU)');
  console.log(row(['model', 'params', 'clock', 'direct', 'precompile', 'overhead', 'ratio', 'unsigned', 'overhead', 'ratio', 'evm', 'overhead', 'ratio', 'sign', 'gas']));
  const results: InferenceBenchResult[] = [];
  for (const c of CASES.filter((k) => wanted.includes(k.name))) {
    const r = await benchInferenceCase(c, Number(values.seconds));
    results.push(r);
    for (const clock of ['wall', 'cpu'] as const) {
      const t = r[clock];
      const cells = (v: number): string[] => [v.toFixed(0), (v - t.direct).toFixed(0), (v / t.direct).toFixed(3)];
      const head = clock === 'wall' ? [r.name, `${(r.parameters / 1e6).toFixed(1)}M`] : ['', ''];
      const tail = clock === 'wall' ? [r.sign.toFixed(0), r.gas.toString()] : ['', ''];
      console.log(row([...head, clock, t.direct.toFixed(0), ...cells(t.precompile), ...cells(t.unsigned), ...cells(t.evm), ...tail]));
    }
  }
  console.log(`\n(${availableParallelism()} cores; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end)`);
  console.log(JSON.stringify(results, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
