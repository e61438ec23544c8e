/**
 * What the explorer page shows, read from the node as any block's state: recent blocks, one block with its
 * decoded extrinsics and events, an account, and any pallet's storage map (models, datasets, jobs, workers),
 * decoded with the runtime's own codecs. Read-only; every answer is JSON.
 */
import { u8aToHex } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import type { BlockInfo, ChainApi, StateView } from '../node/chain-api.ts';
import type { StorageEntryMeta } from '../runtime/framework/storage.ts';
import { hashPrefixLength, twox128 } from '../runtime/framework/hashers.ts';
import { decodeHeader, ENGINE_AUTHOR } from '../runtime/header.ts';
import { evmStorage } from '../pallets/evm/storage.ts';
import { decodeEthTransaction } from '../pallets/evm/transaction.ts';
import { type AnyCodec, decode } from '../runtime/scale/codec.ts';
import { Reader } from '../runtime/scale/io.ts';
import { toJson } from './json.ts';

const SS58_PREFIX = 42;

/** A typed "not found" the routes turn into 404. */
export class ExplorerNotFound extends Error {
  override readonly name = 'ExplorerNotFound';
}

export interface BlockSummary {
  number: number;
  hash: string;
  parentHash: string;
  stateRoot: string;
  author: string | null;
  timestamp: number | null;
  extrinsics: number;
  events: number;
}

/** Read-side helpers bound to one node. */
export function explorerQueries(chain: ChainApi) {
  const rt = chain.runtime;
  const eventsCodec = rt.system.storage.Events.meta.value as AnyCodec;
  const nowKey = rt.timestamp.storage.Now.storageKey();

  const read = async <T>(view: StateView, key: Uint8Array, codec: AnyCodec): Promise<T | undefined> => {
    const raw = await view.get(key);
    return raw === undefined ? undefined : (decode(codec, raw) as T);
  };

  const blockAt = async (id: string): Promise<BlockInfo> => {
    let hash: Uint8Array | undefined;
    if (/^0x[0-9a-fA-F]{64}$/.test(id)) hash = Buffer.from(id.slice(2), 'hex');
    else if (/^\d{1,10}$/.test(id)) hash = await chain.hashAt(Number(id));
    const block = hash && (await chain.blockByHash(hash));
    if (!block) throw new ExplorerNotFound(`no block ${id}`);
    return block;
  };

  const authorOf = (block: BlockInfo): string | null => {
    const item = decodeHeader(block.header).digest.logs.find((l) => l.tag === 'PreRuntime' && Buffer.from(l.value[0]).equals(Buffer.from(ENGINE_AUTHOR)));
    return item?.tag === 'PreRuntime' && item.value[1].length === 32 ? encodeAddress(item.value[1], SS58_PREFIX) : null;
  };

  const stateOf = async (block: BlockInfo): Promise<StateView> => {
    const view = await chain.stateAt(block.hash);
    if (!view) throw new ExplorerNotFound(`no state for block ${block.number}`);
    return view;
  };

  type EventRecord = { phase: { tag: string; value?: number }; event: { tag: string; value: { tag: string; value?: unknown } } };

  const summarize = async (block: BlockInfo): Promise<BlockSummary> => {
    const view = await stateOf(block);
    const events = (await read<EventRecord[]>(view, rt.system.storage.Events.storageKey(), eventsCodec)) ?? [];
    const now = await read<bigint>(view, nowKey, rt.timestamp.storage.Now.meta.value as AnyCodec);
    return {
      number: block.number, hash: u8aToHex(block.hash), parentHash: block.headerJson.parentHash, stateRoot: u8aToHex(block.stateRoot),
      author: authorOf(block), timestamp: now === undefined ? null : Number(now), extrinsics: block.extrinsics.length, events: events.length,
    };
  };

  return {
    /** Chain facts and the latest `count` blocks, newest first. */
    async head(count = 20) {
      const best = chain.best();
      const blocks: BlockSummary[] = [];
      for (let n = best.number; n >= 0 && blocks.length < count; n--) {
        const hash = await chain.hashAt(n);
        const block = hash && (await chain.blockByHash(hash));
        if (block) blocks.push(await summarize(block));
      }
      return { chain: chain.chainName, genesisHash: u8aToHex(chain.genesisHash), best: best.number, finalized: chain.finalized().number, properties: chain.properties, blocks };
    },

    /** One block by number or hash: header facts, decoded extrinsics with their outcome and fee, and its events. */
    async block(id: string) {
      const block = await blockAt(id);
      const view = await stateOf(block);
      const events = (await read<EventRecord[]>(view, rt.system.storage.Events.storageKey(), eventsCodec)) ?? [];
      const chainId = (await read<bigint>(view, evmStorage.ChainId.storageKey(), evmStorage.ChainId.meta.value as AnyCodec)) ?? 0n;
      const extrinsics = block.extrinsics.map((bytes, index) => {
        const ext = rt.decodeExtrinsic(bytes);
        const own = events.filter((e) => e.phase.tag === 'ApplyExtrinsic' && e.phase.value === index);
        const outcome = own.find((e) => e.event.tag === 'System');
        const fee = own.find((e) => e.event.tag === 'TransactionPayment' && e.event.value.tag === 'TransactionFeePaid');
        return {
          index, hash: u8aToHex(ext.hash), call: `${ext.call.tag}.${ext.call.value.tag}`, args: toJson(ext.call.value.value), ethereum: ethereumView(ext.call, chainId),
          signer: ext.signed?.signer ? encodeAddress(ext.signed.signer, SS58_PREFIX) : null, nonce: ext.signed?.nonce ?? null, tip: ext.signed ? toJson(ext.signed.tip) : null,
          success: outcome ? outcome.event.value.tag === 'ExtrinsicSuccess' : null,
          error: outcome?.event.value.tag === 'ExtrinsicFailed' ? toJson(outcome.event.value.value) : null,
          fee: fee ? toJson((fee.event.value.value as { actual_fee: bigint }).actual_fee) : null,
        };
      });
      return {
        ...(await summarize(block)), extrinsicsRoot: block.headerJson.extrinsicsRoot, extrinsics,
        events: events.map((e, i) => ({ index: i, phase: toJson(e.phase), pallet: e.event.tag, name: e.event.value.tag, data: toJson(e.event.value.value) })),
      };
    },

    /** An account (SS58 or 0x-hex AccountId32) at the best block: nonce and balances. */
    async account(address: string) {
      let who: Uint8Array;
      try {
        who = decodeAddress(address);
      } catch {
        throw new ExplorerNotFound(`${address} is not an SS58 address or a 32-byte hex account id`);
      }
      const view = await stateOf(chain.best());
      const info = await read<{ nonce: number; data: { free: bigint; reserved: bigint; frozen: bigint } }>(view, rt.system.storage.Account.storageKey(who), rt.system.storage.Account.meta.value as AnyCodec);
      return { address: encodeAddress(who, SS58_PREFIX), accountId: u8aToHex(who), nonce: info?.nonce ?? 0, free: (info?.data.free ?? 0n).toString(), reserved: (info?.data.reserved ?? 0n).toString() };
    },

    /** The storage items of every pallet, for the state browser's menu. */
    storageIndex() {
      return rt.composed.pallets.map(({ pallet }) => ({ pallet: pallet.name, items: (pallet.storage ?? []).map((s) => ({ name: s.name, kind: s.keys.length === 0 ? 'value' : 'map', docs: s.docs.join(' ').trim() })) }));
    },

    /** Up to `limit` entries of one storage item at the best block, keys decoded where their hasher keeps them. */
    async storage(palletName: string, itemName: string, limit = 50) {
      const pallet = rt.composed.pallets.find((p) => p.pallet.name === palletName)?.pallet;
      const item = pallet?.storage?.find((s) => s.name === itemName);
      if (!pallet || !item) throw new ExplorerNotFound(`no storage item ${palletName}.${itemName}`);
      const view = await stateOf(chain.best());
      const prefix = new Uint8Array([...twox128(palletName), ...twox128(itemName)]);
      const keys = item.keys.length === 0 ? [prefix] : await view.keysPaged(prefix, Math.min(Math.max(limit, 1), 500));
      const entries = [];
      for (const key of keys) {
        const raw = await view.get(key);
        if (raw === undefined) continue;
        entries.push({ key: decodeKeys(item, key.subarray(prefix.length)), value: toJson(decode(item.value as AnyCodec, raw)) });
      }
      return { pallet: palletName, item: itemName, docs: item.docs.join(' ').trim(), entries };
    },
  };
}

/** An `Ethereum.transact` extrinsic's transaction as Ethereum tools show it (hash, from, to, value, nonce, gas). */
function ethereumView(call: { tag: string; value: { tag: string; value?: unknown } }, chainId: bigint): Record<string, unknown> | null {
  if (call.tag !== 'Ethereum' || call.value.tag !== 'transact') return null;
  try {
    const d = decodeEthTransaction((call.value.value as { transaction: Uint8Array }).transaction, chainId);
    return {
      hash: u8aToHex(d.hash), from: u8aToHex(d.from), to: d.tx.to ? d.tx.to.toString() : null, value: d.tx.value.toString(),
      nonce: Number(d.nonce), gasLimit: d.tx.gasLimit.toString(), type: d.tx.type, input: u8aToHex(d.tx.data),
    };
  } catch {
    return null;
  }
}

/** The key parts of a map entry: decoded after `*Concat`/`Identity` hashers, the bare hash otherwise. */
function decodeKeys(item: StorageEntryMeta, suffix: Uint8Array): unknown[] {
  const r = new Reader(suffix);
  return item.keys.map((k) => {
    const kept = hashPrefixLength(k.hasher);
    if (kept === undefined) return u8aToHex(r.take(OPAQUE_HASH_LEN[k.hasher] ?? 0));
    r.take(kept);
    return toJson((k.codec as AnyCodec).decodeFrom(r));
  });
}

const OPAQUE_HASH_LEN: Partial<Record<string, number>> = { Blake2_128: 16, Blake2_256: 32, Twox128: 16, Twox256: 32 };
