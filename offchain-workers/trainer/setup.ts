/**
 * Makes the trainer's account able to take training jobs: bonded, with the worker role, and registered as a
 * worker offering the `OnnxCpu` runtime (and `OnnxCuda` when it trains on CUDA). Each step is skipped when
 * the chain already shows it, so restarting a worker sends nothing.
 */
import type { Logger } from '../../node/log.ts';
import type { OrtProvider } from '../training/session.ts';
import type { ChainClient } from './chain.ts';

/** 10^18: one token. */
const UNIT = 10n ** 18n;
/** What the trainer bonds when it has no stake yet; enough for the dev chain's job stakes. */
export const DEFAULT_BOND = 5_000n * UNIT;

interface LedgerJson {
  active: string | number;
  roles: { validator: boolean; worker: boolean; verifier: boolean; evaluator: boolean };
}

/** Bonds, takes the worker role and registers, as far as needed. */
export async function ensureWorker(c: ChainClient, provider: OrtProvider, log: Logger, bond: bigint = DEFAULT_BOND): Promise<void> {
  const me = c.signer.address;
  const ledger = (await c.query('staking', 'ledger')(me)).toJSON() as LedgerJson | null;
  if (ledger === null) {
    log.info(`🔒 Bonding ${bond / UNIT} units for ${me}`);
    await c.send(c.tx('staking', 'bond')(bond));
  }
  const roles = ledger?.roles;
  if (roles?.worker !== true) {
    log.info('🧑‍🏭 Taking the worker role');
    // Keeps any other role the account already backs.
    await c.send(c.tx('staking', 'setRoles')(roles?.validator ?? false, true, roles?.verifier ?? false, roles?.evaluator ?? false));
  }
  const worker = await c.query('workers', 'workers')(me);
  if (worker.isEmpty) {
    log.info(`📝 Registering as a worker (${provider})`);
    const runtimes = provider === 'cuda' ? [{ OnnxCpu: null }, { OnnxCuda: null }] : [{ OnnxCpu: null }];
    const accelerator = provider === 'cuda' ? { NvidiaGpu: null } : { Cpu: null };
    await c.send(c.tx('workers', 'register')({ accelerator, acceleratorCount: 1, memoryMb: 8_000, region: 'local', runtimes, pricePerSecond: 1_000 }));
  }
}
