// The automatic lock: after a number of minutes without the person touching the keyboard or the
// pointer, everything still being typed is saved, then the data is locked. Never at the cost of
// a keystroke: when a pending edit could not be saved, the data stays open and it is tried
// again a little later; and whoever comes back while the edits are being saved is not locked
// out. The clock is given (the window's timers in the app, a fake one in the tests), so this
// module is pure (idle.test.ts).
//
// Activity only records the time: the one timer checks, when it fires, how long it has really
// been (a laptop that slept fires late, and locks then).

export interface IdleClock {
  /** Milliseconds, as Date.now(). */
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleLockOptions {
  /** The delay (more than 0). */
  minutes: number;
  clock: IdleClock;
  /** Saves every pending edit: true once all of them are on disk, false if one could not be saved. */
  flush: () => Promise<boolean>;
  /** Locks the data (the backend forgets the key). */
  lock: () => Promise<void>;
  /** How long to wait before trying again when saving or locking failed (a minute). */
  retryMs?: number;
}

export const RETRY_MS = 60_000;

export type IdleState = 'watching' | 'saving' | 'locked' | 'stopped';

export class IdleLock {
  private last: number;
  private timer: unknown = null;
  private readonly delay: number;
  private readonly retry: number;
  state: IdleState = 'watching';

  constructor(private readonly options: IdleLockOptions) {
    this.delay = Math.max(1, options.minutes) * 60_000;
    this.retry = options.retryMs ?? RETRY_MS;
    this.last = options.clock.now();
    this.schedule(this.delay);
  }

  /** The person did something (a key, the pointer, the wheel, the window focused again). */
  activity(): void {
    this.last = this.options.clock.now();
  }

  /** Stops watching (the delay changed, the data was locked otherwise, the window goes). */
  stop(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.state !== 'locked') this.state = 'stopped';
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => void this.fire(), Math.max(0, ms));
  }

  /** The timer fired: lock if the person has really been away for the whole delay. */
  private async fire(): Promise<void> {
    this.timer = null;
    if (this.state !== 'watching') return;
    const idle = this.options.clock.now() - this.last;
    if (idle < this.delay) {
      this.schedule(this.delay - idle);
      return;
    }
    this.state = 'saving';
    const before = this.last;
    let saved = false;
    try {
      saved = await this.options.flush();
    } catch {
      saved = false;
    }
    if (this.state !== 'saving') return; // stopped meanwhile
    this.state = 'watching';
    if (this.last !== before) {
      // Back while the edits were being saved: not locked; the delay starts again from then.
      this.schedule(this.delay - (this.options.clock.now() - this.last));
      return;
    }
    if (!saved) {
      // Something typed could not be saved: the data stays open, and it is tried again later.
      this.schedule(this.retry);
      return;
    }
    try {
      await this.options.lock();
    } catch {
      if (this.state === 'watching') this.schedule(this.retry);
      return;
    }
    this.state = 'locked';
  }
}
