// The client address the rate limits key on (server/http/client-address.ts): which
// X-Forwarded-For entry is believed for a number of trusted proxies, and how addresses are
// normalised so that one client is one key.
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from '../../server/config';
import { addressKey, clientAddress, proxyHops } from '../../server/http/client-address';

describe('clientAddress', () => {
  const SOCKET = '10.0.0.2'; // the proxy in front of the registry

  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('203.0.113.7', SOCKET, 0)).toBe('10.0.0.2');
    expect(clientAddress(undefined, '198.51.100.9', 0)).toBe('198.51.100.9');
  });

  it('takes the entry the trusted proxies appended, not what the client wrote on the left', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; one proxy appended the address it saw.
    expect(clientAddress('1.1.1.1, 198.51.100.7', SOCKET, 1)).toBe('198.51.100.7');
    // Whatever the client writes, one proxy's entry is the last.
    expect(clientAddress('9.9.9.9, 8.8.8.8,7.7.7.7, 198.51.100.7', SOCKET, 1)).toBe('198.51.100.7');
    // Two proxies: the outer one appended the client, the inner one the outer proxy.
    expect(clientAddress('1.1.1.1, 198.51.100.7, 10.0.0.9', SOCKET, 2)).toBe('198.51.100.7');
    // Repeated headers count as one list, in order.
    expect(clientAddress(['1.1.1.1', '198.51.100.7'], SOCKET, 1)).toBe('198.51.100.7');
  });

  it('falls back to the socket when the header did not pass every trusted proxy', () => {
    expect(clientAddress(undefined, SOCKET, 1)).toBe('10.0.0.2');
    expect(clientAddress('', SOCKET, 1)).toBe('10.0.0.2');
    expect(clientAddress(' , ', SOCKET, 1)).toBe('10.0.0.2');
    // Two proxies configured, one entry: it may be the client's own; not believed.
    expect(clientAddress('1.1.1.1', SOCKET, 2)).toBe('10.0.0.2');
  });

  it('falls back to the socket when the trusted entry is no address', () => {
    expect(clientAddress('1.1.1.1, unknown', SOCKET, 1)).toBe('10.0.0.2');
    expect(clientAddress('1.1.1.1, 127.1', SOCKET, 1)).toBe('10.0.0.2');
    expect(clientAddress('garbage', undefined, 1)).toBe('unknown');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address, and IPv6 clients by /64', () => {
    expect(clientAddress(undefined, '::ffff:198.51.100.7', 0)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7', SOCKET, 1)).toBe(clientAddress('198.51.100.7', SOCKET, 1));
    // One subscriber's /64 is one client, however many addresses it rotates through.
    const a = clientAddress('2001:db8:1:2::1', SOCKET, 1);
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:0db8:0001:0002:ffff:1234:5678:9abc', SOCKET, 1)).toBe(a);
    expect(clientAddress('2001:db8:1:3::1', SOCKET, 1)).not.toBe(a);
  });
});

describe('addressKey', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    [' 198.51.100.7 ', '198.51.100.7'],
    ['198.51.100.7:51234', '198.51.100.7'],
    ['[2001:db8::1]:443', '2001:db8::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    ['::ffff:c633:6407', '198.51.100.7'],
    ['not an address', null],
    ['1.2.3', null],
    ['', null],
  ])('%j → %j', (text, key) => {
    expect(addressKey(text)).toBe(key);
  });
});

describe('proxyHops', () => {
  it('reads the old boolean spelling as one proxy', () => {
    expect(proxyHops(true)).toBe(1);
    expect(proxyHops(false)).toBe(0);
    expect(proxyHops(2)).toBe(2);
  });
});

describe('TRUST_PROXY', () => {
  it('is a number of proxies; true/false and 1/0 keep their meaning', () => {
    const hops = (value: string | undefined) => parseServerEnv({ TRUST_PROXY: value }).TRUST_PROXY;
    expect([undefined, '', '0', 'false', 'FALSE'].map(hops)).toEqual([0, 0, 0, 0, 0]);
    expect(['1', 'true', ' True '].map(hops)).toEqual([1, 1, 1]);
    expect(hops('2')).toBe(2);
    expect(hops('10')).toBe(10);
  });

  it('refuses anything else with a clear message', () => {
    for (const bad of ['yes', '-1', '11', '1.5', '0x1']) {
      expect(() => parseServerEnv({ TRUST_PROXY: bad }), bad).toThrow(
        /TRUST_PROXY must be the number of trusted proxies in front \(0–10\), true or false/,
      );
    }
  });
});
