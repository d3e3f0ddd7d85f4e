import { describe, expect, it } from 'vitest';
import { displayName, safeNext } from './session';

describe('safeNext', () => {
  it('returns to a path on this site only', () => {
    expect(safeNext('/namespaces/shop?pod=x')).toBe('/namespaces/shop?pod=x');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('displayName', () => {
  it("shortens a ServiceAccount's username, keeps any other", () => {
    expect(displayName('system:serviceaccount:people:alice')).toBe('alice (people)');
    expect(displayName('alice@example.com')).toBe('alice@example.com');
  });
});
