import { describe, expect, it } from 'vitest';
import { redactSecrets } from './config';

describe('redactSecrets', () => {
  it("blanks credentials in a YAML parser's excerpt, line numbers and all", () => {
    const excerpt =
      ' 5 |   user:\n 6 |     token: sekrit\n 7 |     client-key-data: LS0t\n 8 | server: https://x';
    const out = redactSecrets(excerpt);
    expect(out).not.toContain('sekrit');
    expect(out).not.toContain('LS0t');
    expect(out).toContain('token: [redacted]');
    expect(out).toContain('server: https://x');
  });
});
