/** Types of pallet_evm: `U256`, code metadata, EVM logs and exit reasons as Frontier declares them. */
import { H160, H256 } from '../../runtime/primitives.ts';
import { bytes, type CodecType, makeCodec, u64, vec } from '../../runtime/scale/codec.ts';
import { enumeration, newtype, struct } from '../../runtime/scale/composite.ts';

const U256_MAX = (1n << 256n) - 1n;

/** `[u64; 4]`, little-endian limbs, carried as one bigint (the layout of `primitive_types::U256`). */
const limbs = makeCodec<bigint>(
  { path: [], params: [], def: { tag: 'array', len: 4, inner: u64 }, docs: [] },
  (w, v) => {
    if (v < 0n || v > U256_MAX) throw new RangeError(`U256 out of range: ${v}`);
    for (let i = 0n; i < 4n; i++) w.u64((v >> (64n * i)) & 0xffff_ffff_ffff_ffffn);
  },
  (r) => {
    let v = 0n;
    for (let i = 0n; i < 4n; i++) v |= r.u64() << (64n * i);
    return v;
  },
  '[u64; 4]',
);
/** `primitive_types::U256`. */
export const U256 = newtype('primitive_types::U256', limbs, { rustName: 'U256' });

/** `pallet_evm::CodeMetadata`: the size and keccak hash of an account's code. */
export const CodeMetadata = struct('pallet_evm::CodeMetadata', { size: u64, hash: H256 });
export type CodeMetadata = CodecType<typeof CodeMetadata>;

/** `ethereum::log::Log`. */
export const Log = struct('ethereum::log::Log', { address: H160, topics: vec(H256), data: bytes });
export type Log = CodecType<typeof Log>;

/** `evm_core::error::ExitReason`, flattened to what clients show: why an EVM execution stopped. */
export const ExitReason = enumeration('evm_core::error::ExitReason', {
  Succeed: { index: 0, docs: [' Machine has succeeded.'] },
  Error: { index: 1, fields: bytes, docs: [' Machine returns a normal EVM error (its message, UTF-8).'] },
  Revert: { index: 2, docs: [' Machine encountered an explicit revert.'] },
  Fatal: { index: 3, fields: bytes, docs: [' Machine encountered an error that is not supposed to be normal EVM errors.'] },
});
export type ExitReason = CodecType<typeof ExitReason>;
