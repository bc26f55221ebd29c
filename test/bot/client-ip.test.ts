import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clientAddress, rateBucket } from '../../bot/client-ip.js';

const LB = '10.0.0.5';

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    assert.equal(clientAddress(LB, '198.51.100.7', 0), LB);
    assert.equal(clientAddress(LB, undefined, 1), LB);
  });

  it('takes the entry the n-th trusted proxy wrote, counting from the right', () => {
    assert.equal(clientAddress(LB, '198.51.100.7', 1), '198.51.100.7');
    assert.equal(clientAddress(LB, '1.1.1.1, 198.51.100.7, 10.0.0.9', 2), '198.51.100.7');
    assert.equal(clientAddress(LB, ['1.1.1.1', '198.51.100.7'], 1), '198.51.100.7');
    assert.equal(clientAddress(LB, '198.51.100.7', 3), '198.51.100.7', 'the furthest entry when short');
  });

  it('never believes entries the client wrote itself', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 8 }), (spoofed) => {
        const header = [...spoofed.map((s) => s.replace(/,/g, '')), '203.0.113.20'].join(', ');
        assert.equal(clientAddress(LB, header, 1), '203.0.113.20');
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('strips ports and brackets, and falls back to the peer when the entry is no address', () => {
    assert.equal(clientAddress(LB, '198.51.100.7:4711', 1), '198.51.100.7');
    assert.equal(clientAddress(LB, '[2001:db8::1]:443', 1), '2001:db8::1');
    assert.equal(clientAddress(LB, '2001:db8::1', 1), '2001:db8::1');
    assert.equal(clientAddress(LB, 'unknown', 1), LB);
    assert.equal(clientAddress(LB, '<script>', 1), LB);
  });
});

describe('rateBucket', () => {
  it('counts IPv4 by address, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
    assert.equal(rateBucket('198.51.100.7'), '198.51.100.7');
    assert.equal(rateBucket('::ffff:198.51.100.7'), '198.51.100.7');
    assert.equal(rateBucket('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
    assert.equal(rateBucket('2001:0DB8:0001:0002::9'), '2001:db8:1:2::/64');
    assert.equal(rateBucket('2001:db8::'), '2001:db8:0:0::/64');
    assert.equal(rateBucket('::1'), '0:0:0:0::/64');
    assert.equal(rateBucket('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(rateBucket(''), 'unknown');
  });
});
