// The sandbox's simulated clock. Jobs progress against it, so tests can make a job finish
// instantly (speed 0 plus `advance`) and `npm start` can make one take about a minute.
export class SimClock {
  private anchorReal = Date.now();
  private anchorSim: number;

  /** @param speed simulated milliseconds per real millisecond (0 = frozen, moves only by advance/set). */
  constructor(
    private speed = 1,
    start: Date = new Date(),
  ) {
    this.anchorSim = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.anchorSim + (Date.now() - this.anchorReal) * this.speed;
  }

  getSpeed(): number {
    return this.speed;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speed = Math.max(0, speed);
  }

  advance(ms: number): void {
    this.rebase();
    this.anchorSim += ms;
  }

  set(date: Date): void {
    this.anchorReal = Date.now();
    this.anchorSim = date.getTime();
  }

  private rebase(): void {
    const now = this.nowMs();
    this.anchorReal = Date.now();
    this.anchorSim = now;
  }
}
