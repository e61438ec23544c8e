/**
 * Ethereum transactions in the Substrate pool: submission (`Ethereum.transact` as an unsigned extrinsic), the
 * pending nonce of an address (state nonce, then every consecutive nonce the pool holds for it), pending
 * transaction lookups, and notifications of new pending hashes for filters and subscriptions.
 */
import { u8aToHex } from '@polkadot/util';
import type { EthChainApi, PoolRejection } from '../../node/chain-api.ts';
import { encodeUnsignedExtrinsic } from '../../runtime/extrinsic/unchecked.ts';
import { RpcError } from '../errors.ts';
import { poolRejectionToEth, rawTxError } from './errors.ts';
import { decodeEthTransaction } from '../../pallets/evm/transaction.ts';
import type { DecodedEthTx, EvmApi } from './evm-api.ts';

const MAX_DECODED = 16_384;

function isPoolRejection(e: unknown): e is PoolRejection {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'number' && [1002, 1010, 1011, 1012, 1013, 1014, 1016].includes((e as unknown as { code: number }).code);
}

/** The pool's Ethereum transactions, decoded once per extrinsic. */
export class PendingPool {
  /** extrinsic hex → decoded Ethereum tx, or null for other extrinsics. */
  private readonly decoded = new Map<string, DecodedEthTx | null>();
  private readonly listeners = new Set<(hash: Uint8Array) => void>();

  constructor(
    private readonly chain: EthChainApi,
    private readonly evm: EvmApi,
  ) {}

  /** Decodes, wraps and submits a raw transaction; resolves with its hash or throws geth's error. */
  async submit(raw: Uint8Array): Promise<Uint8Array> {
    let decoded: DecodedEthTx;
    try {
      decoded = this.evm.decodeRawTransaction(this.chain.bestStateReader(), raw);
    } catch (e) {
      throw rawTxError(e);
    }
    const call = { tag: 'Ethereum', value: { tag: 'transact', value: { transaction: raw } } };
    let ext: Uint8Array;
    try {
      ext = encodeUnsignedExtrinsic(this.chain.runtime.composed.encodeCall(call));
    } catch (e) {
      throw RpcError.internal(`this runtime cannot carry Ethereum transactions: ${(e as Error).message}`);
    }
    try {
      await this.chain.pool.submit(ext);
    } catch (e) {
      if (isPoolRejection(e)) throw poolRejectionToEth(e);
      throw e;
    }
    this.remember(u8aToHex(ext), decoded);
    for (const l of this.listeners) l(decoded.hash);
    return decoded.hash;
  }

  /** Every Ethereum transaction now in the pool. */
  all(): DecodedEthTx[] {
    const out: DecodedEthTx[] = [];
    for (const bytes of this.chain.pool.pending()) {
      const d = this.decode(bytes);
      if (d) out.push(d);
    }
    return out;
  }

  /** The next nonce of `address` counting pool transactions: `stateNonce`, then each consecutive pooled nonce. */
  nextNonce(address: Uint8Array, stateNonce: bigint): bigint {
    const want = u8aToHex(address);
    const nonces = new Set(this.all().filter((t) => u8aToHex(t.from) === want).map((t) => t.nonce));
    let n = stateNonce;
    while (nonces.has(n)) n++;
    return n;
  }

  /** A pooled transaction by hash. */
  find(hash: Uint8Array): DecodedEthTx | undefined {
    const want = u8aToHex(hash);
    return this.all().find((t) => u8aToHex(t.hash) === want);
  }

  /** Called with the hash of each transaction this node accepts through `eth_sendRawTransaction`. */
  onPending(listener: (hash: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private decode(bytes: Uint8Array): DecodedEthTx | null {
    const key = u8aToHex(bytes);
    const hit = this.decoded.get(key);
    if (hit !== undefined) return hit;
    let out: DecodedEthTx | null = null;
    try {
      const { call } = this.chain.runtime.decodeExtrinsic(bytes);
      const args = call.value.value as { transaction?: unknown } | undefined;
      if (call.tag === 'Ethereum' && call.value.tag === 'transact' && args?.transaction instanceof Uint8Array) {
        out = this.decodeStateless(args.transaction);
      }
    } catch {
      out = null;
    }
    this.remember(key, out);
    return out;
  }

  /** Pool entries passed the pallet's checks already; only the sender is wanted (cached by the pallet). */
  private decodeStateless(raw: Uint8Array): DecodedEthTx {
    return decodeEthTransaction(raw, this.evm.chainId(this.chain.bestStateReader()));
  }

  private remember(key: string, value: DecodedEthTx | null): void {
    this.decoded.set(key, value);
    if (this.decoded.size > MAX_DECODED) this.decoded.delete(this.decoded.keys().next().value!);
  }
}
