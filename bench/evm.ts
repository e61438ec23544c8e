/**
 * ERC-20 transfers through the runtime, as blocks execute them: signed 1559 transactions applied as
 * `Ethereum.transact` extrinsics by `BlockExecution` (timestamp inherent, `applyExtrinsicAsync`, finalize with
 * the Ethereum block's tries), state carried block to block in memory:
 *
 *   node --import tsx bench/evm.ts [--txs 1000] [--per-block 100]
 *
 * Two rows: "cold" recovers each sender inside the block (an importing node without the pool's cache), "warm"
 * after the pool validated them (the sender cache hit, as the author sees it). Transactions are signed before
 * timing. A last row times `balanceOf` through `api.call` (eth_call). Shared 2-core machine: the load average is
 * printed.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { bytesToHex, createAddressFromPrivateKey, hexToBytes } from '@ethereumjs/util';
import { Interface } from 'ethers';
import { DEV_KEYS, signed1559, TestChain } from '../pallets/evm/testing/chain.ts';
import { compileContract, TOKEN_SOURCE } from '../pallets/evm/testing/solc.ts';

const { values } = parseArgs({ options: { txs: { type: 'string', default: '1000' }, 'per-block': { type: 'string', default: '100' } } });
const N = Number(values.txs);
const PER_BLOCK = Number(values['per-block']);

let callMs = 0;

async function run(warm: boolean): Promise<number> {
  const chain = new TestChain(new Uint8Array(32).fill(7));
  const { abi, bytecode } = compileContract(TOKEN_SOURCE, 'Token');
  const iface = new Interface(abi as never);
  const deploy = new Uint8Array([...bytecode, ...hexToBytes(iface.encodeDeploy([10n ** 30n]) as `0x${string}`)]);
  await chain.block([signed1559(DEV_KEYS[0]!, { nonce: 0n, data: deploy, gasLimit: 2_000_000n }).serialize()]);
  const token = chain.runtime.evm.api.currentBlock(chain.state)!.statuses[0]!.contract_address!;
  const to = bytesToHex(createAddressFromPrivateKey(DEV_KEYS[1]!).bytes);
  const txs = Array.from({ length: N }, (_, i) =>
    signed1559(DEV_KEYS[0]!, { nonce: BigInt(i + 1), to: token, data: hexToBytes(iface.encodeFunctionData('transfer', [to, 1n]) as `0x${string}`), gasLimit: 100_000n }).serialize(),
  );
  if (warm) {
    const validator = chain.runtime.composed.pallets.find((p) => p.pallet.name === 'Ethereum')!.pallet.unsigned!;
    for (const raw of txs) {
      try {
        validator.validate(chain.state, { tag: 'transact', value: { transaction: raw } }, { number: 2 });
      } catch {
        // Future nonces beyond the balance check still fill the sender cache first.
      }
    }
  }
  const t0 = performance.now();
  for (let i = 0; i < N; i += PER_BLOCK) {
    const { applied } = await chain.block(txs.slice(i, i + PER_BLOCK));
    if (applied.some((a) => a instanceof Error || !a.result.ok)) throw new Error('a transfer failed');
  }
  const elapsed = performance.now() - t0;
  // eth_call latency: balanceOf through the read API on the final state (pooled read VMs).
  const input = hexToBytes(iface.encodeFunctionData('balanceOf', [to]) as `0x${string}`);
  const env = { number: BigInt(chain.number), timestamp: 0n, coinbase: new Uint8Array(20) };
  for (let i = 0; i < 20; i++) await chain.runtime.evm.api.call(chain.state, env, { to: token, data: input });
  const t1 = performance.now();
  for (let i = 0; i < 200; i++) await chain.runtime.evm.api.call(chain.state, env, { to: token, data: input });
  callMs = (performance.now() - t1) / 200;
  return elapsed;
}

const cold = await run(false);
const warm = await run(true);
console.log(`ERC-20 transfers, ${N} txs, ${PER_BLOCK} per block (load ${loadavg()[0]!.toFixed(2)})`);
for (const [name, ms] of [['cold (ecrecover in block)', cold], ['warm (sender cached by the pool)', warm]] as const) {
  console.log(`${name.padEnd(34)} ${(ms / N).toFixed(2)} ms/tx  ${Math.round((N * 1000) / ms)} tx/s`);
}
console.log(`${'eth_call balanceOf (api.call)'.padEnd(34)} ${callMs.toFixed(2)} ms/call`);
