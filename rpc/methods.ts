import type { RpcCallMethod, RpcLogger, RpcMethodTable, RpcSubscribeMethod } from './types.ts';

/** What a method name resolves to once the table is compiled. */
export type ResolvedMethod =
  | { kind: 'call'; name: string; method: RpcCallMethod }
  | { kind: 'subscribe'; name: string; method: RpcSubscribeMethod }
  /** A generated unsubscribe: it may end subscriptions made by any of `subscribeMethods`. */
  | { kind: 'unsubscribe'; name: string; subscribeMethods: ReadonlySet<string> };

/** The answer of the generated `rpc_methods` method. */
export interface RpcMethodsList {
  version: 1;
  methods: string[];
}

/**
 * The handler table compiled for dispatch: unsafe methods filtered out when they are
 * not exposed, unsubscribe methods generated, and `rpc_methods` added. Lookups go
 * through a Map so names like `__proto__` or `constructor` are never special.
 */
export class MethodRegistry {
  private readonly byName = new Map<string, ResolvedMethod>();
  private readonly list: RpcMethodsList;

  constructor(table: RpcMethodTable, exposeUnsafe: boolean, log: RpcLogger) {
    const unsubs = new Map<string, Set<string>>();
    for (const name of Object.keys(table).sort()) {
      const method = table[name];
      if (!method) continue;
      if (name === 'rpc_methods') {
        log('warn', 'the handler table defines rpc_methods; the generated one is used instead');
        continue;
      }
      if (method.unsafe && !exposeUnsafe) continue;
      if (method.kind === 'call') {
        this.byName.set(name, { kind: 'call', name, method });
        continue;
      }
      this.byName.set(name, { kind: 'subscribe', name, method });
      for (const unsub of method.unsubscribe) {
        const set = unsubs.get(unsub) ?? new Set<string>();
        set.add(name);
        unsubs.set(unsub, set);
      }
    }
    for (const [name, subscribeMethods] of unsubs) {
      // A clash is a bug in the table: fail at startup rather than shadow a method.
      if (this.byName.has(name) || name === 'rpc_methods') {
        throw new Error(`RPC method table: unsubscribe method ${name} clashes with another method`);
      }
      this.byName.set(name, { kind: 'unsubscribe', name, subscribeMethods });
    }
    const methods = [...this.byName.keys(), 'rpc_methods'].sort();
    this.list = { version: 1, methods };
    this.byName.set('rpc_methods', {
      kind: 'call',
      name: 'rpc_methods',
      method: { kind: 'call', handler: () => ({ version: 1, methods: [...methods] }) },
    });
  }

  /** The exposed method with this name, if any. */
  get(name: string): ResolvedMethod | undefined {
    return this.byName.get(name);
  }

  /** What `rpc_methods` answers (a copy). */
  rpcMethods(): RpcMethodsList {
    return { version: 1, methods: [...this.list.methods] };
  }
}
