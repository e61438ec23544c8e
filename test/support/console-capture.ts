/**
 * Captures what libraries print (the @polkadot/api logger writes through console.log/warn/error) so a
 * test can assert that connecting prints no warnings, then restores the console.
 */
type Level = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface ConsoleCapture {
  /** `level: text` for each call, in order. */
  readonly messages: string[];
  restore(): void;
}

function text(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : String(a))).join(' ');
}

export function captureConsole(levels: readonly Level[] = ['log', 'info', 'warn', 'error', 'debug']): ConsoleCapture {
  const messages: string[] = [];
  const saved = levels.map((level) => [level, console[level]] as const);
  for (const level of levels) {
    console[level] = (...args: unknown[]) => {
      messages.push(`${level}: ${text(args)}`);
    };
  }
  return {
    messages,
    restore() {
      for (const [level, fn] of saved) console[level] = fn;
    },
  };
}

/**
 * Messages @polkadot/api prints against `trainchain --dev` that are not about our types:
 * - "RPC methods not decorated: dev_…, eth_getBlockReceipts, evm_mine, …": the node lists its unsafe
 *   Chopsticks-style `dev_*` methods, Anvil-style `evm_*`/`anvil_*`/`hardhat_*` controls and the Ethereum methods newer than
 *   @polkadot/api's Frontier definitions in `rpc_methods`; the api has no definitions for them (a Frontier
 *   node gives the same warning). Unavoidable without hiding them from `rpc_methods`.
 * - "@polkadot/util has multiple versions …": only with the npm alias `polkadot-api-12`, whose own
 *   util 13 loads next to the project's util 14 (an install artifact of testing two api versions).
 */
export function unexpectedMessages(messages: readonly string[]): string[] {
  return messages.filter((m) => {
    if (/RPC methods not decorated: ((dev|evm|eth|net|web3|anvil|hardhat)_\w+(, )?)+$/.test(m)) return false;
    if (/has multiple versions, ensure that there is only one installed|Either remove and explicitly install matching versions|The following conflicting packages were found|\tesm \d+\.\d+\.\d+\t/.test(m)) return false;
    return true;
  });
}
