import { useEffect, useState } from 'react';
import type { VoteResults } from '@tweeling/core';
import { API } from '../../api/client.js';
import { readEventStream } from '../../api/sse.js';

/**
 * The results of a round, kept live from its Server-Sent Events stream (`event: results`, public: the
 * round id is the access). The stream ends when the round closes; if it breaks earlier, it reconnects.
 */
export function useVoteResults(roundId: string, initial: VoteResults | undefined, live: boolean): VoteResults | undefined {
  const [results, setResults] = useState(initial);
  useEffect(() => setResults(initial), [initial]);
  useEffect(() => {
    if (!live) return;
    const controller = new AbortController();
    let closed = false;
    (async () => {
      while (!controller.signal.aborted && !closed) {
        try {
          await readEventStream(
            `${API}/votes/${encodeURIComponent(roundId)}/events`,
            {},
            (event) => {
              if (event.event !== 'results') return;
              const next = JSON.parse(event.data) as VoteResults;
              closed = next.status === 'closed';
              setResults(next);
            },
            controller.signal,
          );
        } catch {
          // Network hiccup or server restart: try again below.
        }
        if (!closed && !controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    })();
    return () => controller.abort();
  }, [roundId, live]);
  return results;
}
