/** Logs in Substrate's operator format: `2026-11-21 10:00:00 🏆 Imported #12 (0xabcd…1234 → 0xef01…5678)`. */
import { u8aToHex } from '@polkadot/util';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

function stamp(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes to stderr like Substrate (stdout stays clean for `build-spec` and `--json` output). */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const tag = lvl === 'info' ? '' : `${lvl.toUpperCase()} `;
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? u8aToHex(v) : v))}` : '';
    write(`${stamp()} ${tag}${msg}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** `0x12ab…cdef`, as Substrate abbreviates hashes in logs. */
export function shortHash(hash: Uint8Array): string {
  const hex = u8aToHex(hash);
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}
