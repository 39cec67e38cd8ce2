// A turn for the event loop between pieces of long work (timers, sockets: /health and other requests), after the
// I/O callbacks already due (setImmediate, not a resolved promise, which would run before them).
export const yieldToLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
