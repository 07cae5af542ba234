// Edits on their way to the disk, and those still in the boxes on screen: before the data is
// locked (its key forgotten, nothing can be written any more), every one of them is saved.
// Each screen that holds typed text not yet saved (a form open, a field saved a moment after
// typing stops) registers a `Flush` that saves it; every backend write in progress is tracked.
// Pure (pending.test.ts); the window's one instance is in app.svelte.ts.

/**
 * Saves what a screen holds: true once it is on disk (or there was nothing to save), false
 * when it could not be saved (refused, failed; what was typed then stays on the screen).
 */
export type Flush = () => boolean | Promise<boolean>;

export class PendingEdits {
  private readonly flushes = new Set<Flush>();
  private readonly writes = new Set<Promise<unknown>>();
  private failedWrites = 0;

  /** Registers a screen's flush; the function returned removes it (when the screen goes). */
  register(flush: Flush): () => void {
    this.flushes.add(flush);
    return () => {
      this.flushes.delete(flush);
    };
  }

  /** The number of flushes registered. */
  get size(): number {
    return this.flushes.size;
  }

  /** Tracks a backend write on its way (its promise is returned as it is). */
  track<T>(write: Promise<T>): Promise<T> {
    this.writes.add(write);
    write.then(
      () => this.writes.delete(write),
      () => {
        this.writes.delete(write);
        this.failedWrites += 1;
      },
    );
    return write;
  }

  /**
   * Saves everything: each registered flush in turn (all of them, even after one failed, so that
   * as much as possible is on disk), then waits for every write still on its way. True when all
   * of it is saved; false if anything failed (a flush said so or threw, a write in progress
   * failed).
   */
  async flushAll(): Promise<boolean> {
    const failedBefore = this.failedWrites;
    let ok = true;
    for (const flush of [...this.flushes]) {
      // Its screen went meanwhile (a flush before it moved to another page): nothing to save there.
      if (!this.flushes.has(flush)) continue;
      try {
        if ((await flush()) !== true) ok = false;
      } catch {
        ok = false;
      }
    }
    // Writes started before (or by) the flushes: wait until none is left.
    while (this.writes.size > 0) {
      await Promise.allSettled([...this.writes]);
      // Let the bookkeeping of the settled writes run.
      await Promise.resolve();
    }
    return ok && this.failedWrites === failedBefore;
  }
}
