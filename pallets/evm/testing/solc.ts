/** Test support: compiles Solidity with solc-js 0.8.37 (`contracts/compile.ts`), cached per source. */
import { compileSource } from '../../../contracts/compile.ts';

const compiled = new Map<string, { abi: unknown[]; bytecode: Uint8Array }>();

/** Compiles `source` and returns contract `name`'s ABI and creation bytecode; throws on compiler errors. */
export function compileContract(source: string, name: string): { abi: unknown[]; bytecode: Uint8Array } {
  const key = `${name}\n${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const c = compileSource(source)[name];
  if (!c) throw new Error(`no contract ${name}`);
  const result = { abi: c.abi, bytecode: new Uint8Array(Buffer.from(c.bytecode.slice(2), 'hex')) };
  compiled.set(key, result);
  return result;
}

/** An ERC-20 with a custom error, a revert reason and a view of the block environment. */
export const TOKEN_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Token {
  mapping(address => uint256) public balanceOf;
  uint256 public totalSupply;
  event Transfer(address indexed from, address indexed to, uint256 value);
  error Nope(uint256 code);
  constructor(uint256 supply) { balanceOf[msg.sender] = supply; totalSupply = supply; emit Transfer(address(0), msg.sender, supply); }
  function transfer(address to, uint256 v) external returns (bool) {
    require(balanceOf[msg.sender] >= v, "insufficient balance");
    balanceOf[msg.sender] -= v; balanceOf[to] += v;
    emit Transfer(msg.sender, to, v);
    return true;
  }
  function fail() external pure { revert Nope(7); }
  function env() external view returns (uint256 n, uint256 t, address c, bytes32 h, uint256 id) {
    return (block.number, block.timestamp, block.coinbase, blockhash(block.number - 1), block.chainid);
  }
  function pay(address payable to) external payable { to.transfer(msg.value / 2); }
  function spawn() external returns (address) { return address(new Child()); }
}
contract Child { uint256 public x = 42; }`;
