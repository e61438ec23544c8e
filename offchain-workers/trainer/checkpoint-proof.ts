/**
 * A checkpoint with its Merkle proof, as the trainer serves it to verifiers (checkpoint-server.ts): the segment's
 * index, end step, state hash and checkpoint CID, the root of all the job's segment state hashes (what
 * `submit_result` put on chain as `checkpoint_root`), the leaf count and the sibling hashes from the leaf up
 * (storage/merkle.ts). {@link verifyCheckpointProof} is pure: a verifier checks a served proof against the
 * on-chain root before it fetches the checkpoint bytes by CID and re-executes the segment.
 */
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import { merkleProof, merkleRoot, verifyMerkleProof } from '../../storage/merkle.ts';
import type { SegmentRecord } from './resume.ts';

/** One checkpoint and the proof that its state hash is leaf `index` of `count` under `root`. */
export interface CheckpointProof {
  jobId: number;
  /** Segment index: the state after steps `[index·k, endStep)`. */
  index: number;
  endStep: number;
  /** 0x-hex blake2b-256 of the state (the Merkle leaf's item). */
  stateHash: string;
  /** The checkpoint's bytes in the node's blob store. */
  checkpointCid: string;
  /** 0x-hex Merkle root over every segment's state hash, in order. */
  root: string;
  /** Number of leaves (segments) under `root`. */
  count: number;
  /** 0x-hex sibling hashes, leaf level first. */
  proof: string[];
}

/** The proof for segment `index` of a job whose `segments` are all committed (sorted by index). */
export function checkpointProof(jobId: number, segments: readonly SegmentRecord[], index: number): CheckpointProof {
  const segment = segments[index];
  if (segment === undefined || segment.index !== index) throw new RangeError(`job #${jobId} has no checkpoint ${index} (0…${segments.length - 1})`);
  const leaves = segments.map((s) => hexToU8a(s.stateHash));
  return {
    jobId,
    index,
    endStep: segment.endStep,
    stateHash: segment.stateHash,
    checkpointCid: segment.checkpointCid,
    root: u8aToHex(merkleRoot(leaves)),
    count: leaves.length,
    proof: merkleProof(leaves, index).map((p) => u8aToHex(p)),
  };
}

const isHash = (v: unknown): v is string => typeof v === 'string' && isHex(v, 256);

/** What a verifier knows from the chain: the job's `checkpoint_root` and its segment count `ceil(total_steps / k)`. */
export interface ExpectedCommitment {
  root?: string;
  count?: number;
}

/**
 * True when `p` is well formed and its state hash is leaf `p.index` of `p.count` under `p.root`, and both match
 * `expected` where given. The tree does not commit to its leaf count (several counts share a path), so a verifier
 * should pass the job's on-chain root and segment count rather than trust the served ones.
 */
export function verifyCheckpointProof(p: CheckpointProof, expected: ExpectedCommitment = {}): boolean {
  if (!isHash(p.stateHash) || !isHash(p.root) || !Array.isArray(p.proof) || !p.proof.every(isHash)) return false;
  if (expected.root !== undefined && expected.root.toLowerCase() !== p.root.toLowerCase()) return false;
  if (expected.count !== undefined && expected.count !== p.count) return false;
  return verifyMerkleProof(hexToU8a(p.root), hexToU8a(p.stateHash), p.index, p.count, p.proof.map((h) => hexToU8a(h)));
}
