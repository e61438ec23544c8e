/**
 * `trainchain worker --role trainer`: runs an off-chain trainer worker against a node until SIGINT/SIGTERM
 * (offchain-workers/trainer/worker.ts). Logs go to stderr in the node's style, or as JSON lines on stdout
 * with `--json`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, type Logger, type LogLevel } from '../../node/log.ts';
import type { OrtProvider } from '../../offchain-workers/training/session.ts';
import { runTrainer } from '../../offchain-workers/trainer/worker.ts';

const USAGE = `Usage:
  trainchain worker --role trainer --suri //Bob [--ort-provider cpu|cuda] [--rpc URL] [--data-dir DIR]
                    [--serve-port PORT] [--json]

  --role trainer        the only role so far: volunteer for training jobs and train them
  --suri SURI           the worker's account (//Bob, a mnemonic, …)
  --ort-provider P      onnxruntime execution provider: cpu (default; bit-exact) or cuda
  --rpc URL             the node's RPC endpoint (default ws://127.0.0.1:9944)
  --data-dir DIR        checkpoints and resume files (default ~/.local/share/trainchain/worker)
  --serve-port PORT     serve checkpoints with Merkle proofs to verifiers on 127.0.0.1:PORT
                        (GET /jobs/<id>/checkpoints/<index>; 0 = a free port, printed in the log; default off)
  --segment-delay-ms N  pause after each checkpoint (demos and tests)
  --log LEVEL           debug, info (default), warn or error
  --json                log JSON lines on stdout instead of text on stderr`;

const OPTIONS = {
  role: { type: 'string' },
  suri: { type: 'string' },
  'ort-provider': { type: 'string', default: 'cpu' },
  rpc: { type: 'string', default: 'ws://127.0.0.1:9944' },
  'data-dir': { type: 'string' },
  'segment-delay-ms': { type: 'string' },
  'serve-port': { type: 'string' },
  log: { type: 'string', default: 'info' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** A logger writing one JSON object per line to `write`. */
export function jsonLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const emit = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(lvl) >= order.indexOf(level)) write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Runs `trainchain worker …` (`argv` after `worker`); resolves with the exit code once stopped by a signal. */
export async function runWorkerCommand(argv: string[], err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.role !== 'trainer') throw new Error(`--role must be trainer (got ${values.role ?? 'nothing'})`);
    if (values.suri === undefined) throw new Error('missing --suri (e.g. //Bob)');
    const provider = values['ort-provider'];
    if (provider !== 'cpu' && provider !== 'cuda') throw new Error(`--ort-provider must be cpu or cuda (got ${provider})`);
    const level = values.log as LogLevel;
    if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`--log must be debug, info, warn or error (got ${level})`);
    const delay = values['segment-delay-ms'] === undefined ? undefined : Number(values['segment-delay-ms']);
    if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0)) throw new Error('--segment-delay-ms must be a non-negative integer');
    const port = values['serve-port'] === undefined ? undefined : Number(values['serve-port']);
    if (port !== undefined && !(/^\d+$/.test(values['serve-port']!) && port <= 65_535)) throw new Error(`--serve-port must be a port number 0…65535 (got ${values['serve-port']})`);
    const log = values.json ? jsonLogger(level) : createLogger(level);
    const dataDir = values['data-dir'] ?? join(homedir(), '.local', 'share', 'trainchain', 'worker');
    const trainer = await runTrainer({ rpc: values.rpc, suri: values.suri, ortProvider: provider as OrtProvider, dataDir, log, segmentDelayMs: delay, servePort: port });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    log.info('👋 Stopping the trainer');
    await trainer.stop();
    return 0;
  } catch (e) {
    err(`Error: ${(e as Error).message.replace(/^TypeError \[.*?\]: /, '')}`);
    return 1;
  }
}
