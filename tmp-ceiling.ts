import { measureVerifyCeiling } from './bench/signatures.ts';
for (let i = 0; i < 3; i++) {
  for (const t of [1, 2]) {
    const c0 = process.cpuUsage(); const w0 = performance.now();
    const r = await measureVerifyCeiling(20000, t, 3);
    const cpu = process.cpuUsage(c0); const wall = (performance.now() - w0) / 1000;
    console.log(`threads ${t}: ${Math.round(r.perSecond)}/s  cpu/wall ${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)}  load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
  }
}
