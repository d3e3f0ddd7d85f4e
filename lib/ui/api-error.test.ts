import { describe, expect, it } from 'vitest';
import { ApiError, errorTitle, isFinalError, toApiError } from './api-error';

describe('toApiError', () => {
  it('keeps the server envelope: status, code and message', async () => {
    const response = new Response(
      JSON.stringify({ error: { code: 'forbidden', message: 'may not patch namespaces' } }),
      {
        status: 403,
      },
    );
    const error = await toApiError(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'may not patch namespaces' });
    expect(errorTitle(error)).toBe('Not allowed by Kubernetes RBAC');
    expect(isFinalError(error)).toBe(true);
  });

  it('never shows a raw body that is not the envelope', async () => {
    const error = await toApiError(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(error.message).not.toContain('<html>');
    expect(error.code).toBe('internal');
    expect(isFinalError(error)).toBe(false);
  });
});
