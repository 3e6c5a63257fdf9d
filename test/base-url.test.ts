import {describe, expect, it} from 'vitest';
import {normalizeBaseUrl, PlatformError} from '../source/platform/index.js';

describe('data center URL', () => {
  it.each([
    ['https://eu2-cloud.acronis.com', 'https://eu2-cloud.acronis.com/api/2'],
    ['https://eu2-cloud.acronis.com/', 'https://eu2-cloud.acronis.com/api/2'],
    ['https://eu2-cloud.acronis.com/api/2', 'https://eu2-cloud.acronis.com/api/2'],
    ['https://eu2-cloud.acronis.com/api/2/', 'https://eu2-cloud.acronis.com/api/2'],
    ['  eu8-cloud.acronis.com  ', 'https://eu8-cloud.acronis.com/api/2'],
    ['HTTPS://US-Cloud.Acronis.com:443', 'https://us-cloud.acronis.com/api/2'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/2'],
    ['http://localhost:3000/api/2', 'http://localhost:3000/api/2'],
    ['http://[::1]:3000', 'http://[::1]:3000/api/2'],
    ['http://localhost.:3000', 'http://localhost:3000/api/2'],
    ['http://[::ffff:127.0.0.1]:3000', 'http://[::ffff:7f00:1]:3000/api/2'],
    ['http://0x7f000001:3000', 'http://127.0.0.1:3000/api/2'],
    ['https://eu2-cloud.acronis.com.', 'https://eu2-cloud.acronis.com/api/2'],
    ['HTTPS://EU2-CLOUD.ACRONIS.COM/API/2', 'https://eu2-cloud.acronis.com/api/2'],
  ])('accepts %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it.each([
    ['http://eu2-cloud.acronis.com', 'Refusing plain http:// for eu2-cloud.acronis.com'],
    ['ftp://eu2-cloud.acronis.com', 'must start with https:// (got ftp://)'],
    ['https://eu2-cloud.acronis.com/some/path', 'unexpected path "/some/path"'],
    ['https://user:pw@eu2-cloud.acronis.com', 'must not carry a user name or password'],
    ['https://eu2-cloud.acronis.com/?x=1', 'must not have a query'],
    ['https://', 'is not a URL'],
    ['https://eu2', '"https://eu2" has no dot'],
    ['http://intranet:8080', 'must be a full host name'],
  ])('refuses %s', (input, message) => {
    expect(() => normalizeBaseUrl(input)).toThrow(PlatformError);
    expect(() => normalizeBaseUrl(input)).toThrow(message);
  });

  it.each([
    // A client secret pasted into --url: refused before any request (a DNS error would name it), and not repeated.
    ['Zx8vQ2mN7pL4kR9tW3yB6cD1fG5hJ0sA'],
    ['a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/+='],
    // Dots the parser makes: %2e, a full-width dot; and digits it reads as an IPv4 address.
    ['Zx8vQ2mN7pL4%2ekR9tW3yB6cD1fG5hJ0sA'],
    ['Zx8vQ2mN7pL4\u3002kR9tW3yB6cD1fG5hJ0sA'],
    ['12345678901234'],
  ])('refuses a word without a dot and does not repeat it: %s', (secret) => {
    let message = '';
    try {
      normalizeBaseUrl(secret);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/full host name|is not a URL/);
    expect(message).not.toContain(secret.slice(0, 12));
  });
});
