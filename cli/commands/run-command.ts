/** The shared shell of `trainchain` subcommands: run, and turn any failure into one `Error: …` line and exit 1. */

export type Out = (line: string) => void;

/** Runs `run(argv, out)`; on a throw writes one `Error: …` line (never a stack) to `err` (default `out`) and returns 1. */
export async function runCommand(run: (argv: string[], out: Out) => Promise<number>, argv: string[], out: Out, err: Out = out): Promise<number> {
  try {
    return await run(argv, out);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs appends a long hint about '--'; keep the first sentence.
    err(`Error: ${message.split('\n')[0]!.split('. To specify')[0]}`);
    return 1;
  }
}
