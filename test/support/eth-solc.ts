/** Compiles Solidity for the Ethereum RPC tests with solc-js (0.8.37, installed as a dev dependency). */
import { createRequire } from 'node:module';

const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string; version(): string };

/** One compiled contract. */
export interface CompiledContract {
  abi: unknown[];
  /** Creation bytecode, 0x-prefixed. */
  bytecode: `0x${string}`;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

/** Compiles `source` (one file) for Prague and returns its contracts by name; throws on compile errors. */
export function compileSolidity(source: string): Record<string, CompiledContract> {
  const input = {
    language: 'Solidity',
    sources: { 'main.sol': { content: source } },
    settings: { evmVersion: 'prague', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const result: Record<string, CompiledContract> = {};
  for (const [name, c] of Object.entries(out.contracts?.['main.sol'] ?? {})) result[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
  return result;
}

/** The contract the Ethereum tests deploy: a counter with an event, a string revert, a panic and a custom error. */
export const COUNTER_SOURCE = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Counter {
  uint256 public count;
  event Incremented(address indexed by, uint256 value);
  error Nope(uint256 code);
  constructor(uint256 start) { count = start; }
  function inc() external { count += 1; emit Incremented(msg.sender, count); }
  function fail(string calldata why) external pure { revert(why); }
  function divide(uint256 a, uint256 b) external pure returns (uint256) { return a / b; }
  function custom() external pure { revert Nope(7); }
}`;
