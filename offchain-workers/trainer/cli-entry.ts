/**
 * Runs `trainchain worker …` without going through cli/main.ts: `node --import tsx cli-entry.ts --role trainer
 * --suri //Bob --rpc ws://…`. The integration test starts the trainer this way, as its own process, so that it
 * can kill it with SIGKILL and start it again.
 */
import { runWorkerCommand } from '../../cli/commands/worker.ts';

process.exitCode = await runWorkerCommand(process.argv.slice(2));
// The API's websocket and onnxruntime's threads can keep the event loop alive after a clean stop.
process.exit();
