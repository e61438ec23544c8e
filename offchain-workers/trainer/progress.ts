/**
 * The trainer's progress line: `[#######.....] 120/200 steps  loss 0.4123  85.2 steps/s  ETA 1s`. On a TTY it
 * redraws one line on stderr; otherwise (logs, tests) it writes a log line at each segment only, so piped
 * output stays readable.
 */

/** Renders training progress for one job. */
export class ProgressBar {
  private readonly started = Date.now();
  private readonly startStep: number;
  private lastDraw = 0;
  private loss = Number.NaN;
  private done = 0;
  /** Steps trained so far; segments are reported later (hashing runs in the background), so kept apart. */
  private trained = 0;

  constructor(
    private readonly total: number,
    startStep: number,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
    private readonly tty: boolean = process.stderr.isTTY === true,
  ) {
    this.startStep = startStep;
    this.done = startStep;
    this.trained = startStep;
  }

  /** The text of the bar as it stands. */
  render(): string {
    const width = 24;
    const filled = Math.round((this.done / Math.max(1, this.total)) * width);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? (this.trained - this.startStep) / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.trained) / rate) : undefined;
    const loss = Number.isNaN(this.loss) ? '-' : this.loss.toFixed(4);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} steps  loss ${loss}  ${rate.toFixed(1)} steps/s  ETA ${eta === undefined ? '?' : `${eta}s`}`;
  }

  /** `done` steps are complete. */
  step(done: number): void {
    this.done = Math.max(this.done, done);
    this.trained = Math.max(this.trained, done);
    // Redrawing more than ~10 times a second costs more than the tiny models' steps themselves.
    if (this.tty && Date.now() - this.lastDraw > 100) {
      this.lastDraw = Date.now();
      this.write(`\r${this.render()}`);
    }
  }

  /** A segment ended at `endStep` with mean loss `loss`. */
  segment(endStep: number, loss: number, log: (line: string) => void): void {
    this.done = endStep;
    this.loss = loss;
    if (this.tty) this.write(`\r${this.render()}`);
    else log(this.render());
  }

  /** Ends the redrawn line. */
  finish(): void {
    if (this.tty) this.write('\n');
  }
}
