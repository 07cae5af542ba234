import { describe, expect, it } from 'vitest';
import { PendingEdits } from './pending';

function later<T>(value: T, fail = false): { promise: Promise<T>; settle: () => void } {
  let settle: () => void = () => {};
  const promise = new Promise<T>((resolve, reject) => {
    settle = () => (fail ? reject(new Error('refused')) : resolve(value));
  });
  return { promise, settle };
}

describe('the edits still pending before the data is locked', () => {
  it('with nothing pending, everything is saved', async () => {
    expect(await new PendingEdits().flushAll()).toBe(true);
  });

  it('runs every flush registered, and is saved when each one saved', async () => {
    const pending = new PendingEdits();
    const ran: string[] = [];
    pending.register(() => {
      ran.push('letterhead');
      return true;
    });
    pending.register(async () => {
      ran.push('statement');
      return true;
    });
    expect(await pending.flushAll()).toBe(true);
    expect(ran).toEqual(['letterhead', 'statement']);
  });

  it('runs all of them even when one failed, and says it failed', async () => {
    const pending = new PendingEdits();
    const ran: string[] = [];
    pending.register(async () => {
      ran.push('refused');
      return false;
    });
    pending.register(() => {
      ran.push('throws');
      throw new Error('x');
    });
    pending.register(async () => {
      ran.push('saved');
      return true;
    });
    expect(await pending.flushAll()).toBe(false);
    expect(ran).toEqual(['refused', 'throws', 'saved']);
  });

  it('skips a flush whose screen went while the others were saving', async () => {
    const pending = new PendingEdits();
    const ran: string[] = [];
    let removeSecond: () => void = () => {};
    pending.register(() => {
      ran.push('first, which moves to another page');
      removeSecond();
      return true;
    });
    removeSecond = pending.register(() => {
      ran.push('second');
      return false;
    });
    expect(await pending.flushAll()).toBe(true);
    expect(ran).toEqual(['first, which moves to another page']);
  });

  it('forgets a flush once its screen is gone', async () => {
    const pending = new PendingEdits();
    const remove = pending.register(() => false);
    expect(pending.size).toBe(1);
    remove();
    expect(pending.size).toBe(0);
    expect(await pending.flushAll()).toBe(true);
  });

  it('waits for the writes on their way, and fails if one of them fails', async () => {
    const pending = new PendingEdits();
    const ok = later('saved');
    const tracked = pending.track(ok.promise);
    let done: boolean | null = null;
    const flushing = pending.flushAll().then((v) => (done = v));
    await Promise.resolve();
    expect(done).toBeNull();
    ok.settle();
    expect(await tracked).toBe('saved');
    await flushing;
    expect(done).toBe(true);

    const failing = later('x', true);
    pending.track(failing.promise).catch(() => {});
    const second = pending.flushAll();
    failing.settle();
    expect(await second).toBe(false);
    // A failure already over does not hold back the next flush.
    expect(await pending.flushAll()).toBe(true);
  });

  it('waits too for the writes the flushes start', async () => {
    const pending = new PendingEdits();
    const write = later(1);
    pending.register(() => {
      pending.track(write.promise);
      setTimeout(write.settle, 5);
      return true;
    });
    expect(await pending.flushAll()).toBe(true);
  });
});
