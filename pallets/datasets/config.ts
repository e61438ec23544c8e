/** pallet_datasets Config: the bounds FRAME would put in `BoundedVec`s, checked before any write. */

/** The pallet's Config. */
export interface DatasetsConfig {
  /** Most tags per dataset. */
  maxTags: number;
  /** Longest tag in bytes. */
  maxTagLength: number;
  /** Longest schema in bytes. */
  maxSchemaLength: number;
  /** Most datasets one account may own (retired ones included: they stay owned for lineage). */
  maxDatasetsPerOwner: number;
  /** Longest `License::Custom` text in bytes (default 128). */
  maxLicenseLength?: number;
  /** Longest salt accepted by `reveal_test_split` (default 64). */
  maxSaltLength?: number;
}

/** `DatasetsConfig` with defaults filled in. */
export type ResolvedDatasetsConfig = Required<DatasetsConfig>;

/** Fills defaults and rejects bounds that are not positive u32s, with a clear Error. */
export function resolveDatasetsConfig(config: DatasetsConfig): ResolvedDatasetsConfig {
  const resolved: ResolvedDatasetsConfig = { maxLicenseLength: 128, maxSaltLength: 64, ...config };
  for (const [name, v] of Object.entries(resolved)) {
    if (!Number.isInteger(v) || v < 1 || v > 0xffff_ffff) throw new Error(`Datasets config: ${name} must be a positive u32, got ${v}`);
  }
  return resolved;
}
