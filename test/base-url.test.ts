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
  ])('refuses %s', (input, message) => {
    expect(() => normalizeBaseUrl(input)).toThrow(PlatformError);
    expect(() => normalizeBaseUrl(input)).toThrow(message);
  });
});
