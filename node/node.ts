/**
 * Wiring: config → database → runtime → chain → pool → authoring → RPC. `startNode` returns a handle whose
 * `stop()` shuts everything down in reverse order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { devAccountsBanner } from '../rpc/eth/dev-accounts.ts';
import { ethMethods } from '../rpc/eth/index.ts';
import { substrateMethods } from '../rpc/substrate/index.ts';
import { RpcServer, type RpcServerOptions } from '../rpc/server.ts';
import { runtimeApis } from '../runtime/apis.ts';
import { cryptoReady } from '../runtime/crypto/verify.ts';
import { SignatureVerifierPool } from '../runtime/crypto/verifier-pool.ts';
import { createRuntime } from '../runtime/runtime.ts';
import { ChainDb } from '../storage/chain-db.ts';
import { BlobStore } from '../storage/blobs/blob-store.ts';
import { registerBlobRoutes } from '../storage/blobs/http.ts';
import { registerExplorerRoutes } from '../explorer/routes.ts';
import { BlockAuthor } from './authoring.ts';
import { Chain } from './chain.ts';
import { chainApi } from './chain-api-impl.ts';
import { authoritiesOf, devAccounts, genesisStorage, loadChainSpec } from './chain-spec.ts';
import type { NodeConfig } from './config.ts';
import { EthIndex } from './eth-index.ts';
import { attesterFromSuri, nodeInference } from './inference.ts';
import { blockSignerFromSuri } from './block-signer.ts';
import { createPalletPrecompiles } from '../precompiles/pallet-precompiles.ts';
import { createLogger, type Logger, shortHash } from './log.ts';
import { TxPool } from './txpool.ts';
import { localPeerId, randomNodeName, VERSION } from './version.ts';

export interface RunningNode {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly rpc: RpcServer;
  /** The dedicated Ethereum JSON-RPC server (`--eth-rpc-port`), if any. */
  readonly ethRpc: RpcServer | undefined;
  readonly author: BlockAuthor | undefined;
  readonly basePath: string;
  stop(): Promise<void>;
}

export async function startNode(config: NodeConfig, log: Logger = createLogger(config.log)): Promise<RunningNode> {
  await Promise.all([cryptoWaitReady(), cryptoReady()]);
  const spec = loadChainSpec(config.chain);
  const basePath = config.tmp ? mkdtempSync(join(tmpdir(), 'trainchain-')) : (config['base-path'] ?? defaultBasePath());
  const dbPath = join(basePath, 'chains', spec.id, 'db');
  const name = config.name ?? randomNodeName();

  log.info('TrainChain Node');
  log.info(`✌️  version ${VERSION}`);
  log.info('❤️  by the TrainChain developers, 2026');
  log.info(`📋 Chain specification: ${spec.name}`);
  log.info(`🏷  Node name: ${name}`);
  log.info(`👤 Role: ${config.validator ? 'AUTHORITY' : 'FULL'}`);
  log.info(`💾 Database: LevelDb at ${dbPath}`);

  const runtime = createRuntime();
  const apis = runtimeApis(runtime);
  const db = await ChainDb.open(dbPath);
  const cleanups: (() => Promise<void> | void)[] = [async () => db.close()];
  if (config.tmp) cleanups.push(() => rmSync(basePath, { recursive: true, force: true }));
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    const verifier = await SignatureVerifierPool.create(config['verifier-threads'] === undefined ? {} : { threads: config['verifier-threads'] });
    cleanups.push(() => verifier.close());
    const chain = await Chain.open({
      runtime,
      db,
      genesis: genesisStorage(spec, runtime),
      authorities: authoritiesOf(spec),
      log,
      // One authority needs no finality votes: each of its blocks is final (the BFT gadget comes with consensus).
      instantFinality: spec.chainType === 'Development' || spec.authorities.length === 1,
      verifier,
      checkInvariants: config['check-invariants'],
    });
    const blobs = await BlobStore.open(join(basePath, 'chains', spec.id, 'blobs'));
    // The inference precompile reads models from the blob store and signs attestations with the author's key.
    const inference = nodeInference({ runtime, blobs, attester: attesterFromSuri(config.authorKey ?? '//Alice'), ortProvider: config['ort-provider'], onWarning: (m) => log.warn(m) });
    const palletPrecompiles = createPalletPrecompiles(() => runtime);
    runtime.evm.setPrecompiles((frame, context) => [...inference.precompiles(frame, context), ...palletPrecompiles(frame, context)]);
    chain.inference = inference.block;
    cleanups.push(() => Promise.all(inference.sessions.map((s) => s.clear())).then(() => {}));
    const genesis = await chain.blockByHash(chain.genesisHash);
    log.info(`🔨 Initializing Genesis block/state (state: ${shortHash(genesis!.stateRoot)}, header-hash: ${shortHash(chain.genesisHash)})`);
    log.info(`📦 Highest known block at #${chain.best().number}`);

    const pool = new TxPool(
      { runtime, bestState: () => chain.bestState, bestNumber: () => chain.best().number, bestHash: () => chain.best().hash },
      verifier,
      { maxCount: config['pool-limit'], maxBytes: 20 * 1024 * 1024, banMs: 30 * 60_000, maxExtrinsicBytes: runtime.limits.maxBlockLength },
    );

    let author: BlockAuthor | undefined;
    if (config.validator && config.authorKey) {
      const key = blockSignerFromSuri(config.authorKey);
      if (!chain.authorities.some((a) => u8aToHex(a) === u8aToHex(key.publicKey))) {
        log.warn(`${config.authorKey} (${key.address}) is not an authority of ${spec.name}; not authoring`);
      } else {
        author = new BlockAuthor(chain, pool, key, config.authoring, log);
        cleanups.push(() => author!.stop());
      }
    }
    if (spec.chainType === 'Development') {
      log.info('👥 Dev accounts (sr25519, SS58 prefix 42), each endowed with 1,000,000 TRAIN:');
      for (const a of devAccounts()) log.info(`   //${a.name.padEnd(8)} ${a.address}  ${a.publicKey}`);
      for (const line of devAccountsBanner(runtime.evm.api.chainId(chain.bestState))) log.info(line);
    }

    const api = chainApi({ chain, pool, author, apis, spec, name, isValidator: author !== undefined, peerId: localPeerId(), instantSeal: config.authoring.kind === 'instant' });
    const rpcLogger: RpcServerOptions['logger'] = (level, msg, fields) => log[level](msg, fields);
    const ethIndex = new EthIndex(db, log);
    cleanups.push(() => ethIndex.stop());
    const eth = ethMethods(api, runtime.evm.api, ethIndex, { dev: config.dev, log: rpcLogger });
    cleanups.push(() => eth.close());
    await ethIndex.start(api, async (sub) => {
      const view = await eth.backend.source.load(sub);
      return { hash: view.hash, txHashes: view.data.statuses.map((s) => s.transactionHash) };
    });
    const rpc = await RpcServer.start({
      port: config['rpc-port'],
      host: config['rpc-external'] ? '0.0.0.0' : '127.0.0.1',
      methods: { ...substrateMethods(api, { dev: config.dev }), ...eth.methods },
      exposeUnsafe: config.exposeUnsafe,
      cors: config.cors,
      maxConnections: config['rpc-max-connections'],
      maxRequestBytes: config['rpc-max-request-size'] * 1024 * 1024,
      maxSubscriptionsPerConnection: config['rpc-max-subscriptions-per-connection'],
      logger: (level, msg, fields) => log[level](msg, fields),
    });
    cleanups.push(() => rpc.close());
    registerBlobRoutes(rpc, blobs, { log });
    registerExplorerRoutes(rpc, api);
    log.info(`📦 Blob store at ${blobs.dir}`);
    log.info(`🔎 Explorer: http://127.0.0.1:${rpc.port}/explorer`);
    log.info(`Running JSON-RPC server: addr=${config['rpc-external'] ? '0.0.0.0' : '127.0.0.1'}:${rpc.port}, allowed origins=${JSON.stringify(config.cors === 'all' ? ['*'] : config.cors)}`);
    const ethRpc = config.ethRpc && (await startEthRpc(config, config.ethRpc, eth.methods, rpcLogger, log));
    if (ethRpc) cleanups.push(() => ethRpc.close());
    author?.start();

    const idle = setInterval(() => {
      const best = chain.best();
      const fin = chain.finalized();
      log.info(`💤 Idle (0 peers), best: #${best.number} (${shortHash(best.hash)}), finalized #${fin.number} (${shortHash(fin.hash)}), ⬇ 0 ⬆ 0`);
    }, 5000);
    idle.unref();
    cleanups.push(() => clearInterval(idle));

    return { chain, pool, rpc, ethRpc, author, basePath, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/**
 * The dedicated Ethereum server (8545 with --dev): the `eth_*`/`net_*`/`web3_*`/`evm_*` methods only, Ethereum-style
 * subscription ids. A default port that is taken moves to a free one (several dev nodes side by side).
 */
async function startEthRpc(config: NodeConfig, eth: NonNullable<NodeConfig['ethRpc']>, methods: RpcServerOptions['methods'], logger: RpcServerOptions['logger'], log: Logger): Promise<RpcServer> {
  const host = config['rpc-external'] ? '0.0.0.0' : '127.0.0.1';
  const opts = (port: number): RpcServerOptions => ({
    port,
    host,
    methods,
    exposeUnsafe: config.exposeUnsafe,
    cors: config.cors,
    idFormat: 'hex',
    maxConnections: config['rpc-max-connections'],
    maxRequestBytes: config['rpc-max-request-size'] * 1024 * 1024,
    maxSubscriptionsPerConnection: config['rpc-max-subscriptions-per-connection'],
    ...(logger ? { logger } : {}),
  });
  let server: RpcServer;
  try {
    server = await RpcServer.start(opts(eth.port));
  } catch (e) {
    if (!eth.fallback || !(e as Error).message.startsWith('Address already in use')) throw e;
    log.warn(`Ethereum RPC port ${eth.port} is taken; using a free one (set --eth-rpc-port to choose)`);
    server = await RpcServer.start(opts(0));
  }
  log.info(`Running Ethereum JSON-RPC server: addr=${host}:${server.port}`);
  return server;
}

function defaultBasePath(): string {
  const home = process.env.HOME ?? tmpdir();
  return join(home, '.local', 'share', 'trainchain');
}
