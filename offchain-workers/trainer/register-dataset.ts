/**
 * Registers a TDS dataset: checks the file decodes, uploads it to the node's blob store and calls
 * `datasets.register_dataset` with its binary CID. With a held-out test split, that file is uploaded too and
 * only its commitment `blake2_256(test_cid ++ salt)` goes on chain; the salt is returned for the later
 * `reveal_test_split`. A CID that is already registered is reused (its id returned) when no test split is given.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { u8aToHex } from '@polkadot/util';
import { decodeTds, type TensorDataset } from '../datasets/tds.ts';
import { blake2b256, hashReady } from '../training/state-hash.ts';
import { type BlobBytes, cidBytes } from './blobs.ts';
import type { ChainClient } from './chain.ts';

/** Licences a dataset may be registered under from the CLI. */
export type DatasetLicense = 'Open' | 'Commercial' | 'ResearchOnly';

/** What {@link registerDataset} needs. */
export interface RegisterDatasetOptions {
  file: string;
  /** A held-out test split (TDS), committed to but not revealed. */
  testFile?: string;
  license?: DatasetLicense;
}

/** The registered dataset: id, CID, size and content hash; the test split's CID, commitment and salt. */
export interface RegisteredDataset {
  datasetId: number;
  cid: string;
  bytes: number;
  examples: number;
  blake2b256: string;
  /** False when the CID was registered before (by anyone) and its id is returned. */
  created: boolean;
  test?: { cid: string; commitment: string; salt: string };
}

/** Reads and decodes a TDS file, with one clear message for a missing or malformed file. */
export async function readTdsFile(path: string): Promise<{ bytes: Uint8Array; dataset: TensorDataset }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { bytes, dataset: decodeTds(bytes) };
  } catch (e) {
    throw new Error(`${path} is not a TDS dataset: ${(e as Error).message}`);
  }
}

/** Uploads and registers; returns the dataset id. */
export async function registerDataset(c: ChainClient, blobs: BlobBytes, o: RegisterDatasetOptions): Promise<RegisteredDataset> {
  await hashReady();
  const train = await readTdsFile(o.file);
  const test = o.testFile === undefined ? undefined : await readTdsFile(o.testFile);
  if (test && (test.dataset.featureShape.join() !== train.dataset.featureShape.join() || test.dataset.classes !== train.dataset.classes)) {
    throw new Error(`test split ${o.testFile} has features [${test.dataset.featureShape}] / ${test.dataset.classes} classes, the training set [${train.dataset.featureShape}] / ${train.dataset.classes}`);
  }
  const cid = await blobs.put(train.bytes);
  const cidHex = u8aToHex(cidBytes(cid));
  const base = { cid, bytes: train.bytes.length, examples: train.dataset.count, blake2b256: u8aToHex(blake2b256(train.bytes)) };
  const known = await c.query('datasets', 'datasetByCid')(cidHex);
  if (!known.isEmpty) {
    if (test) throw new Error(`dataset ${cid} is already registered as #${known.toString()}; a test split can only be committed at registration`);
    return { datasetId: Number(known.toString()), created: false, ...base };
  }
  let testInfo: RegisteredDataset['test'];
  if (test) {
    const testCid = await blobs.put(test.bytes);
    const salt = new Uint8Array(randomBytes(32));
    const commitment = blake2b256(new Uint8Array([...cidBytes(testCid), ...salt]));
    testInfo = { cid: testCid, commitment: u8aToHex(commitment), salt: u8aToHex(salt) };
  }
  const schema = JSON.stringify({ format: 'tds', features: train.dataset.featureShape, classes: train.dataset.classes });
  const license = { [o.license ?? 'Open']: null };
  const events = await c.send(c.tx('datasets', 'registerDataset')(cidHex, train.bytes.length, license, [u8aToHex(new TextEncoder().encode('tds'))], u8aToHex(new TextEncoder().encode(schema)), testInfo?.commitment ?? null));
  const registered = events.find((e) => e.section === 'datasets' && e.method === 'DatasetRegistered');
  if (registered === undefined) throw new Error('the chain emitted no DatasetRegistered event');
  return { datasetId: Number(registered.data[0]), created: true, ...base, ...(testInfo ? { test: testInfo } : {}) };
}
