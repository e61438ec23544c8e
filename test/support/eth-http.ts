/** A bare Ethereum JSON-RPC client over HTTP for the Ethereum RPC tests: exact requests, whole replies. */
import type { NodeProcess } from './node-process.ts';

/** One JSON-RPC reply as it came. */
export interface JsonRpcReply {
  jsonrpc?: string;
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** POSTs any body and parses the reply. */
export async function post(url: string, body: unknown): Promise<JsonRpcReply> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as JsonRpcReply;
}

/** One request with id 1. */
export function rpc(url: string, method: string, params: unknown[] = []): Promise<JsonRpcReply> {
  return post(url, { jsonrpc: '2.0', id: 1, method, params });
}

/**
 * Polls `eth_getTransactionReceipt` until the transaction is mined. (Not ethers' `waitForTransaction`: its first
 * block poll only sets a baseline, and with instant seal the block holding the transaction may be that baseline.)
 */
export async function receiptOf(url: string, hash: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = (await rpc(url, 'eth_getTransactionReceipt', [hash])).result;
    if (r) return r as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`${hash} not mined in ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The port of the node's dedicated Ethereum server, read from its log line. */
export async function ethPortOf(node: NodeProcess, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = node.logs().match(/Running Ethereum JSON-RPC server: addr=127\.0\.0\.1:(\d+)/);
    if (m) return Number(m[1]);
    if (Date.now() > deadline) throw new Error(`the Ethereum RPC server did not start:\n${node.logs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
