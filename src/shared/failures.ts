// Named ways of not failing, so that no catch-all that returns undefined or null hides an error: each says which case it
// handles, and anything else still surfaces (or is logged through src/shared/log.ts by the caller).

/** Waits for `p` to settle, whatever its outcome: for a run whose failure its own awaiter already gets or logs. */
export async function settled(p: Promise<unknown> | null | undefined): Promise<void> {
  if (p) await Promise.allSettled([p]);
}

/** For a `.catch` on a file-system call where a missing file is an answer: null on ENOENT, anything else rethrown. */
export function nullIfMissing(err: unknown): null {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return null;
  throw err;
}

/**
 * Cleanup on a failure path, just before the caller throws `err`: a cleanup that fails too is recorded on `err`
 * (`cleanupError`, printed by describeError) instead of replacing it.
 */
export async function cleanupAfter(err: unknown, cleanup: () => Promise<unknown>): Promise<void> {
  try {
    await cleanup();
  } catch (again) {
    if (err instanceof Error) Object.assign(err, { cleanupError: again });
  }
}
