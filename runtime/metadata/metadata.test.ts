/**
 * The metadata is generated from the pallet declarations: decode it with a fresh @polkadot/types registry (as
 * @polkadot/api does) and check every call, event, error, storage item and constant against the declarations.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { runtimeApis } from '../apis.ts';
import { createRuntime } from '../runtime.ts';
import { SIGNED_EXTENSIONS } from './build.ts';

const runtime = createRuntime();
const { metadata } = runtimeApis(runtime);

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe.each([
  ['V14', metadata.v14, 14],
  ['V15', metadata.v15, 15],
] as const)('metadata %s', (_label, bytes, version) => {
  const registry = new TypeRegistry();
  const decoded = new Metadata(registry, u8aToHex(bytes));
  registry.setMetadata(decoded);

  it('decodes with the magic prefix and version', () => {
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('meta');
    expect(decoded.version).toBe(version);
  });

  it('lists every pallet at its index, with every call, event, error, storage item and constant', () => {
    const latest = decoded.asLatest;
    expect(latest.pallets.map((p) => [p.name.toString(), p.index.toNumber()])).toEqual(runtime.composed.pallets.map((p) => [p.pallet.name, p.index]));
    for (const { index, pallet } of runtime.composed.pallets) {
      for (const [name, spec] of Object.entries(pallet.calls ?? {})) {
        const found = registry.findMetaCall(new Uint8Array([index, spec.index]));
        expect(found.method).toBe(camel(name));
        expect(found.meta.args.map((a) => a.name.toString())).toEqual(Object.keys(spec.args).map(camel));
        expect(found.meta.docs.map((d) => d.toString())).toEqual(spec.docs);
      }
      const errors = pallet.errors?.codec.info.def;
      if (errors?.tag === 'variant') {
        for (const v of errors.variants) {
          const err = registry.findMetaError({ index: registry.createType('u8', index), error: registry.createType('u8', v.index) } as never);
          expect(`${err.section}.${err.name}`).toBe(`${pallet.name[0]!.toLowerCase()}${pallet.name.slice(1)}.${v.name}`);
          expect(err.docs).toEqual(v.docs);
        }
      }
      const meta = latest.pallets.find((p) => p.index.toNumber() === index)!;
      const events = pallet.events?.codec.info.def;
      if (events?.tag === 'variant') {
        const decodedVariants = registry.lookup.getSiType(meta.events.unwrap().type).def.asVariant.variants;
        expect(decodedVariants.map((v) => [v.index.toNumber(), v.name.toString(), v.fields.map((f) => f.name.unwrapOr('').toString()), v.docs.map(String)])).toEqual(
          events.variants.map((v) => [v.index, v.name, v.fields.map((f) => f.name ?? ''), v.docs]),
        );
      }
      expect(meta.storage.isSome).toBe((pallet.storage?.length ?? 0) > 0);
      if (meta.storage.isSome) {
        expect(meta.storage.unwrap().items.map((i) => [i.name.toString(), i.modifier.type])).toEqual(pallet.storage!.map((s) => [s.name, s.modifier]));
      }
      expect(meta.constants.map((c) => [c.name.toString(), u8aToHex(c.value.toU8a(true))])).toEqual(Object.entries(pallet.constants ?? {}).map(([n, c]) => [n, u8aToHex(c.value)]));
    }
  });

  it('declares the signed extensions in order, and the extrinsic types @polkadot/api keys on', () => {
    expect(registry.signedExtensions).toEqual(SIGNED_EXTENSIONS.map((e) => e.identifier));
    expect(registry.createType('Address', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY').toRawType()).toMatch(/MultiAddress|AccountId/);
    const ed = registry.createType('Balance', 5);
    expect(ed.toBigInt()).toBe(5n);
  });
});

describe('metadata V15 runtime APIs', () => {
  it('lists exactly the APIs advertised in the runtime version', () => {
    const registry = new TypeRegistry();
    const decoded = new Metadata(registry, u8aToHex(metadata.v15));
    const apis = decoded.asV15.apis.map((a) => a.name.toString()).sort();
    expect(apis).toEqual(runtime.version.apis.length ? ['AccountNonceApi', 'Core', 'Metadata', 'TaggedTransactionQueue', 'TransactionPaymentApi'] : []);
    expect(runtime.version.apis.length).toBe(apis.length);
  });
});
