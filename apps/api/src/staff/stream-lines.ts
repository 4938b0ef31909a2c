import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes chunks as they come, waiting for the socket to drain (backpressure);
 * stops pulling when the client went away. Errors after the first byte can
 * only end the response: the status line is gone already.
 */
export async function streamLines(response: Response, chunks: AsyncIterable<string>): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (response.destroyed) break;
      const next = await iterator.next();
      if (next.done) break;
      if (!response.write(next.value)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
    }
    response.end();
  } catch (error) {
    if (!response.headersSent) throw error;
    response.destroy(error as Error);
  } finally {
    await iterator.return?.();
  }
}
