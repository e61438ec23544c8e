/** Compiles Solidity for the Ethereum RPC tests with solc-js (0.8.37), through `contracts/compile.ts`. */
import { compileSource } from '../../contracts/compile.ts';

/** One compiled contract. */
export interface CompiledContract {
  abi: unknown[];
  /** Creation bytecode, 0x-prefixed. */
  bytecode: `0x${string}`;
}

/** Compiles `source` (one file) for Prague and returns its contracts by name; throws on compile errors. */
export function compileSolidity(source: string): Record<string, CompiledContract> {
  const result: Record<string, CompiledContract> = {};
  for (const [name, c] of Object.entries(compileSource(source))) result[name] = { abi: c.abi, bytecode: c.bytecode };
  return result;
}

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
