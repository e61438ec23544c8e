/** `WorkerSpec` validation: the bounds FRAME would put in the type (`BoundedVec`), checked before any write. */
import type { ResolvedWorkersConfig } from './config.ts';
import { WorkersError } from './errors.ts';
import type { WorkerSpec } from './types.ts';

// Printable ASCII without spaces: region names are identifiers (`eu-west-1`), compared byte for byte.
const isRegionByte = (b: number) => b > 0x20 && b < 0x7f;

/** Throws the first `WorkersError` the spec breaks; returns nothing when it is acceptable. */
export function validateSpec(config: ResolvedWorkersConfig, spec: WorkerSpec): void {
  if (spec.accelerator_count === 0) throw WorkersError.NoAccelerators;
  if (spec.accelerator_count > config.maxAcceleratorCount) throw WorkersError.SpecTooLarge;
  if (spec.memory_mb === 0) throw WorkersError.NoMemory;
  if (spec.region.length > config.maxRegionLength) throw WorkersError.RegionTooLong;
  if (spec.region.length === 0 || !spec.region.every(isRegionByte)) throw WorkersError.InvalidRegion;
  if (spec.runtimes.length === 0) throw WorkersError.NoRuntimes;
  if (spec.runtimes.length > config.maxRuntimes) throw WorkersError.TooManyRuntimes;
  const seen = new Set<string>();
  for (const runtime of spec.runtimes) {
    if (seen.has(runtime.tag)) throw WorkersError.DuplicateRuntime;
    seen.add(runtime.tag);
  }
  if (seen.has('OnnxCuda') && spec.accelerator.tag !== 'NvidiaGpu') throw WorkersError.IncompatibleRuntime;
}
