import { describe, expect, it } from 'vitest';
import { IdleLock, RETRY_MS, type IdleClock } from './idle';

/** A clock that moves only when told, firing the timers that fall due (and what they start). */
class FakeClock implements IdleClock {
  time = 1_000_000;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;

  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Moves on by `ms`, firing each timer due in order, and letting the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const MINUTE = 60_000;

function setup(options: { minutes?: number; flush?: () => Promise<boolean>; lock?: () => Promise<void> } = {}) {
  const clock = new FakeClock();
  const calls: string[] = [];
  const idle = new IdleLock({
    minutes: options.minutes ?? 5,
    clock,
    flush:
      options.flush ??
      (async () => {
        calls.push('flush');
        return true;
      }),
    lock:
      options.lock ??
      (async () => {
        calls.push('lock');
      }),
  });
  return { clock, calls, idle };
}

describe('the automatic lock', () => {
  it('saves everything, then locks, once the delay has passed without any activity', async () => {
    const { clock, calls, idle } = setup();
    await clock.advance(5 * MINUTE - 1);
    expect(calls).toEqual([]);
    await clock.advance(1);
    expect(calls).toEqual(['flush', 'lock']);
    expect(idle.state).toBe('locked');
    // Once locked, nothing more runs.
    await clock.advance(60 * MINUTE);
    expect(calls).toEqual(['flush', 'lock']);
    expect(clock.pending).toBe(0);
  });

  it('counts the delay from the last activity', async () => {
    const { clock, calls, idle } = setup();
    await clock.advance(4 * MINUTE);
    idle.activity();
    await clock.advance(4 * MINUTE);
    expect(calls).toEqual([]);
    idle.activity();
    await clock.advance(5 * MINUTE - 1);
    expect(calls).toEqual([]);
    await clock.advance(1);
    expect(calls).toEqual(['flush', 'lock']);
  });

  it('locks when a sleeping laptop fires the timer late', async () => {
    const { clock, calls } = setup({ minutes: 15 });
    await clock.advance(3 * 60 * MINUTE);
    expect(calls).toEqual(['flush', 'lock']);
  });

  it('does not lock when a pending edit could not be saved, and tries again a minute later', async () => {
    const answers = [false, false, true];
    const calls: string[] = [];
    const { clock, idle } = setup({
      flush: async () => {
        calls.push('flush');
        return answers.shift() ?? true;
      },
      lock: async () => {
        calls.push('lock');
      },
    });
    await clock.advance(5 * MINUTE);
    expect(calls).toEqual(['flush']);
    expect(idle.state).toBe('watching');
    await clock.advance(RETRY_MS - 1);
    expect(calls).toEqual(['flush']);
    await clock.advance(1);
    expect(calls).toEqual(['flush', 'flush']);
    await clock.advance(RETRY_MS);
    expect(calls).toEqual(['flush', 'flush', 'flush', 'lock']);
    expect(idle.state).toBe('locked');
  });

  it('counts a flush that throws as not saved: no lock', async () => {
    const calls: string[] = [];
    const { clock, idle } = setup({
      flush: async () => {
        throw new Error('disk full');
      },
      lock: async () => {
        calls.push('lock');
      },
    });
    await clock.advance(5 * MINUTE);
    expect(calls).toEqual([]);
    expect(idle.state).toBe('watching');
  });

  it('does not lock out whoever comes back while the edits are being saved', async () => {
    let finish: (saved: boolean) => void = () => {};
    const calls: string[] = [];
    const { clock, idle } = setup({
      flush: () =>
        new Promise<boolean>((resolve) => {
          calls.push('flush');
          finish = resolve;
        }),
      lock: async () => {
        calls.push('lock');
      },
    });
    await clock.advance(5 * MINUTE);
    expect(idle.state).toBe('saving');
    await clock.advance(2_000);
    idle.activity();
    finish(true);
    await settle();
    expect(calls).toEqual(['flush']);
    expect(idle.state).toBe('watching');
    // The delay starts again from the activity.
    await clock.advance(5 * MINUTE - 1);
    expect(calls).toEqual(['flush']);
    await clock.advance(1);
    await settle();
    expect(calls).toEqual(['flush', 'flush']);
    finish(true);
    await settle();
    expect(calls).toEqual(['flush', 'flush', 'lock']);
  });

  it('tries again later when locking itself fails', async () => {
    let fail = true;
    const calls: string[] = [];
    const { clock, idle } = setup({
      lock: async () => {
        calls.push('lock');
        if (fail) throw { code: 'internal', message: 'no', details: null };
      },
    });
    await clock.advance(5 * MINUTE);
    expect(calls).toEqual(['lock']);
    expect(idle.state).toBe('watching');
    fail = false;
    await clock.advance(RETRY_MS);
    expect(calls).toEqual(['lock', 'lock']);
    expect(idle.state).toBe('locked');
  });

  it('does nothing once stopped, even in the middle of saving', async () => {
    const { clock, calls, idle } = setup();
    idle.stop();
    await clock.advance(60 * MINUTE);
    expect(calls).toEqual([]);
    expect(idle.state).toBe('stopped');

    let finish: (saved: boolean) => void = () => {};
    const locks: string[] = [];
    const second = setup({
      flush: () => new Promise<boolean>((resolve) => (finish = resolve)),
      lock: async () => {
        locks.push('lock');
      },
    });
    await second.clock.advance(5 * MINUTE);
    second.idle.stop();
    finish(true);
    await settle();
    expect(locks).toEqual([]);
    expect(second.clock.pending).toBe(0);
  });
});
