/**
 * Models' Config: the pallets it depends on (as interfaces, never their storage), the payment shares and the bounds
 * on what a registration may store. `resolveModelsConfig` fills the defaults and rejects impossible settings at
 * runtime construction, so a bad runtime never starts.
 */
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import type { Currency } from '../balances/index.ts';

/** What Models needs from the datasets pallet: whether a dataset id names a registered dataset. */
export interface DatasetRegistry {
  exists(state: StateReader, id: bigint): boolean;
}

/** One whole in parts per million: shares are `Perbill`-like integers out of this. */
export const PPM = 1_000_000;

/** What the runtime gives Models. Every bound has a default; shares are parts per million. */
export interface ModelsConfig {
  /** Moves the price of access from the buyer to the owner, the treasury and the lineage. */
  currency: Currency;
  /** The treasury account (the runtime derives it from the PalletId `py/trsry`, as FRAME does). */
  treasury: AccountId;
  /** Registered datasets, to check a model's `training_dataset`. */
  datasets: DatasetRegistry;
  /** Share of an access price that goes to the model's owner, the rest to the treasury; default 900_000 (90%). */
  ownerShare?: number;
  /** Share of a seller's part that goes up one level of lineage, at each level; default 100_000 (10%). */
  royaltyShare?: number;
  /** Most ancestors a model may have (a root model has 0); bounds every lineage walk; default 5, at most 255. */
  maxLineageDepth?: number;
  /** Longest model name in bytes; default 128. */
  maxNameLength?: number;
  /** Longest `architecture`, `framework` and custom licence text, in bytes; default 256. */
  maxFieldLength?: number;
  /** Most tensors in `inputs` and in `outputs`; default 16. */
  maxTensors?: number;
  /** Most dimensions of one tensor shape; default 8. */
  maxShapeDims?: number;
  /** Most versions of one model, the registered one included; default 100. */
  maxVersions?: number;
  /** Longest version notes, in bytes; default 1024. */
  maxNotesLength?: number;
  /** Most access tiers of one model; default 8. */
  maxTiers?: number;
}

/** The Config with every default applied. */
export type ResolvedModelsConfig = Required<ModelsConfig>;

const DEFAULTS = {
  ownerShare: 900_000,
  royaltyShare: 100_000,
  maxLineageDepth: 5,
  maxNameLength: 128,
  maxFieldLength: 256,
  maxTensors: 16,
  maxShapeDims: 8,
  maxVersions: 100,
  maxNotesLength: 1024,
  maxTiers: 8,
};

/** Applies the defaults; throws a clear Error on a share above 100%, a zero bound or a depth that overflows u8. */
export function resolveModelsConfig(config: ModelsConfig): ResolvedModelsConfig {
  const resolved: ResolvedModelsConfig = { ...DEFAULTS, ...stripUndefined(config) } as ResolvedModelsConfig;
  for (const name of ['ownerShare', 'royaltyShare'] as const) {
    const v = resolved[name];
    if (!Number.isInteger(v) || v < 0 || v > PPM) throw new Error(`Models: ${name} must be an integer in 0..=${PPM} parts per million, got ${v}`);
  }
  const bounds = ['maxNameLength', 'maxFieldLength', 'maxTensors', 'maxShapeDims', 'maxVersions', 'maxNotesLength', 'maxTiers'] as const;
  for (const name of bounds) {
    const v = resolved[name];
    if (!Number.isInteger(v) || v < 1 || v > 0xffff_ffff) throw new Error(`Models: ${name} must be a positive u32, got ${v}`);
  }
  const depth = resolved.maxLineageDepth;
  // `lineage_depth` is stored as a u8.
  if (!Number.isInteger(depth) || depth < 0 || depth > 255) throw new Error(`Models: maxLineageDepth must be in 0..=255, got ${depth}`);
  if (resolved.treasury.length !== 32) throw new Error('Models: the treasury must be a 32-byte AccountId');
  return resolved;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
