/**
 * Turns wire JSON into a stable shape for snapshots: 32-byte hashes become `<H256>`, other hex blobs
 * `<hex N bytes>`, so the structure and the sizes are checked while the values (which change with
 * every run: timestamps, authors' signatures) are not.
 */
const H256 = /^0x[0-9a-f]{64}$/;
const HEX = /^0x[0-9a-f]*$/;

/** The shape of `value`; hex strings shorter than `keepHexBelow` bytes (block numbers, ids) are kept. */
export function wireShape(value: unknown, keepHexBelow = 9): unknown {
  if (typeof value === 'string') {
    if (H256.test(value)) return '<H256>';
    if (HEX.test(value) && (value.length - 2) / 2 >= keepHexBelow) return `<hex ${(value.length - 2) / 2} bytes>`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => wireShape(v, keepHexBelow));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireShape(v, keepHexBelow)]));
  }
  return value;
}

const DIGEST_KINDS: Record<number, string> = { 0: 'Other', 4: 'Consensus', 5: 'Seal', 6: 'PreRuntime', 8: 'RuntimeEnvironmentUpdated' };

/** A SCALE `DigestItem` as `Kind(engine)`, e.g. `PreRuntime(pow_)`, `Seal(pouw)`; the payload is left out. */
export function digestItemKind(hex: string): string {
  const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  const kind = DIGEST_KINDS[bytes[0] ?? -1] ?? `Unknown${bytes[0]}`;
  if (kind === 'Other' || kind === 'RuntimeEnvironmentUpdated') return kind;
  return `${kind}(${bytes.subarray(1, 5).toString('latin1')})`;
}

/** A header's wire shape: hashes as `<H256>`, the number kept, digest logs as their kinds. */
export function headerShape(header: unknown): unknown {
  const h = header as { digest?: { logs?: unknown } };
  const logs = Array.isArray(h.digest?.logs) ? h.digest.logs.map((l) => (typeof l === 'string' ? digestItemKind(l) : l)) : h.digest?.logs;
  const shaped = wireShape({ ...h, digest: { ...h.digest, logs: [] } }) as Record<string, unknown>;
  return { ...shaped, digest: { ...(shaped.digest as object), logs } };
}
