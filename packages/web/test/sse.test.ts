import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/api/sse.js';

describe('SseParser (the job page reads /jobs/{id}/events with fetch)', () => {
  it('yields complete events only, across chunk boundaries, skipping comments (heartbeats)', () => {
    const parser = new SseParser();
    expect(parser.push('event: status\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n\n: bezig\n\nevent: status\r\ndata: {"b":2}\r\n\r\ndata: x')).toEqual([
      { event: 'status', data: '{"a":1}' },
      { event: 'status', data: '{"b":2}' },
    ]);
    expect(parser.push('\ndata: y\nid: 7\n\n')).toEqual([{ event: 'message', data: 'x\ny', id: '7' }]);
  });
});
