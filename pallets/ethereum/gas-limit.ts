/** The gas limit of a raw transaction without decoding it fully (weights are computed without state or a signature check). */
import { RLP } from '@ethereumjs/rlp';
import { bytesToBigInt } from '@ethereumjs/util';

/** Where each transaction type keeps its gas limit in its RLP list. */
const GAS_LIMIT_FIELD: Record<number, number> = { 0: 2, 1: 3, 2: 4 };

/** The declared gas limit, or 0 for bytes that are not a supported transaction (validation refuses those). */
export function gasLimitOf(raw: Uint8Array): bigint {
  try {
    if (raw.length === 0) return 0n;
    const type = raw[0]! >= 0xc0 ? 0 : raw[0]!;
    const field = GAS_LIMIT_FIELD[type];
    if (field === undefined) return 0n;
    const list = RLP.decode(type === 0 ? raw : raw.subarray(1));
    if (!Array.isArray(list)) return 0n;
    const v = list[field];
    return v instanceof Uint8Array && v.length <= 8 ? bytesToBigInt(v) : 0n;
  } catch {
    return 0n;
  }
}
