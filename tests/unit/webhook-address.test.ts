// Which addresses a webhook may reach (server/webhooks/address.ts): public unicast only, with the
// IPv4 address inside IPv6 transition forms judged too.
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../server/webhooks/address';

describe('isPrivateAddress', () => {
  it.each([
    // Reserved IPv4 ranges.
    '0.0.0.0',
    '0.1.2.3',
    '10.1.2.3',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '192.0.0.8',
    '192.0.2.10',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.1',
    '198.51.100.7',
    '203.0.113.5',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    // IPv6 special ranges.
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '2001:db8::1',
    // IPv6 forms that reach an IPv4 host, with a private one inside.
    '::ffff:127.0.0.1', // IPv4-mapped
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::127.0.0.1', // IPv4-compatible
    '::7f00:1',
    '::a9fe:a9fe',
    '::ffff:0:7f00:1', // SIIT
    '::ffff:0:a00:1',
    '64:ff9b::7f00:1', // NAT64
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::127.0.0.1',
    '64:ff9b:1::808:808', // local-use NAT64: refused whatever it embeds
    '2002:7f00:1::', // 6to4
    '2002:a9fe:a9fe::1',
    '2001::1', // Teredo
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    // Not addresses.
    'not-an-address',
    '127.1',
    '',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '1.1.1.1',
    '172.32.0.1',
    '2606:4700::1111',
    '2a00:1450:4001:81b::200e',
    '::ffff:8.8.8.8', // a public IPv4 host, however it is written
    '64:ff9b::808:808', // DNS64 answers for a public host
    '2002:808:808::1',
  ])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});
