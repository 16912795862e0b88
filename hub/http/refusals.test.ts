/** The refusal gate on its own: the window timer, the limiter's answer, source keys. */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Counter, Registry } from 'prom-client';
import { createRefusalGate, sourceOf } from './refusals';

describe('the refusal gate', () => {
  it('writes its aggregate records when the window closes, without being asked', async () => {
    const appended: unknown[] = [];
    let written!: () => void;
    const done = new Promise<void>((r) => (written = r));
    const gate = createRefusalGate({
      limiter: new RateLimiterMemory({ points: 5, duration: 60 }),
      audit: {
        append: async (record) => {
          appended.push(record);
          written();
        },
      },
      counter: new Counter({
        name: 'refusals_test',
        help: 'x',
        labelNames: ['code'],
        registers: [new Registry()],
      }),
      windowSec: 1,
      logger: { error: () => undefined },
    });
    try {
      for (let i = 0; i < 7; i++) await gate.refuse('192.0.2.7', 'KEY_UNKNOWN');
      await done;
      expect(appended).toMatchObject([
        { client: 'unauthenticated@192.0.2.7', count: 7, outcomes: { KEY_UNKNOWN: 5, RATE_LIMITED: 2 } },
      ]);
    } finally {
      await gate.close();
    }
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('source %s counts as %s', (address, source) => {
    expect(sourceOf({ socket: { remoteAddress: address } } as never)).toBe(source);
  });
});
