/** Argument checks for Datasets calls; each throws the documented `DatasetsError` before anything is written. */
import { CidError, validateCid } from '../common/cid.ts';
import type { ResolvedDatasetsConfig } from './config.ts';
import { DatasetsError } from './errors.ts';
import type { License } from './types.ts';

/** A supported binary CIDv1, or `InvalidCid`. */
export function ensureCid(cid: Uint8Array): void {
  try {
    validateCid(cid);
  } catch (e) {
    if (e instanceof CidError) throw DatasetsError.InvalidCid;
    throw e;
  }
}

/** `Custom` licences must be non-empty and at most `maxLicenseLength` bytes. */
export function ensureLicense(config: ResolvedDatasetsConfig, license: License): void {
  if (license.tag !== 'Custom') return;
  if (license.value.length === 0) throw DatasetsError.EmptyLicense;
  if (license.value.length > config.maxLicenseLength) throw DatasetsError.LicenseTooLong;
}

/** At most `maxTags` tags, each non-empty, at most `maxTagLength` bytes, none twice; schema within its bound. */
export function ensureMetadata(config: ResolvedDatasetsConfig, tags: Uint8Array[], schema: Uint8Array): void {
  if (tags.length > config.maxTags) throw DatasetsError.TooManyTags;
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.length === 0) throw DatasetsError.EmptyTag;
    if (tag.length > config.maxTagLength) throw DatasetsError.TagTooLong;
    const key = Buffer.from(tag).toString('hex');
    if (seen.has(key)) throw DatasetsError.DuplicateTag;
    seen.add(key);
  }
  if (schema.length > config.maxSchemaLength) throw DatasetsError.SchemaTooLong;
}
