import { EventEmitter } from 'node:events';

/** How often a watched round is re-read, for votes taken by other API servers. */
const POLL_MS = 2_000;

/**
 * Live changes of vote rounds, for Server-Sent Events. Votes taken by this process are announced at
 * once; a slow poll catches votes taken by other API servers on the same database.
 */
export class VoteEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    // One listener per open stream: a whole workshop may watch one round.
    this.emitter.setMaxListeners(0);
  }
  /** Announces that a round changed (a vote, or closing). */
  publish(roundId: string): void {
    this.emitter.emit(roundId);
  }
  /** Calls `listener` on every announced change and every poll tick; returns the unsubscribe. */
  watch(roundId: string, listener: () => void): () => void {
    this.emitter.on(roundId, listener);
    const poll = setInterval(listener, POLL_MS);
    poll.unref();
    return () => {
      clearInterval(poll);
      this.emitter.off(roundId, listener);
    };
  }
}
