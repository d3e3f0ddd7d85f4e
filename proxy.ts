// Every request — pages, assets and API alike — passes the Host allow-list first (DNS rebinding:
// a hostile page resolving its own name to 127.0.0.1 must not read or drive meshwatch). The health
// probes are exempt: kubelet sends the pod IP as Host, and they reveal nothing about the cluster.
import type { NextRequest } from 'next/server';
import { authMode, cookieValue, SESSION_COOKIE } from '@/lib/api/auth';
import { errorResponse } from '@/lib/api/errors';
import { recordRefusal } from '@/lib/api/refusals';
import { checkHost, checkMethod, PROBE_PATHS } from '@/lib/api/security';

/**
 * MESHWATCH_AUTH=user: a page asked for with no credential at all answers 401 with the sign-in page
 * (the URL stays, so the page comes back after sign-in). Whether a credential is still good is the
 * API's to say: a page with a dead session loads, its first API answer is 401, and it goes to sign-in.
 */
function signInPage(request: NextRequest): Response | undefined {
  const path = request.nextUrl.pathname;
  if (
    request.method !== 'GET' ||
    path === '/sign-in' ||
    path.startsWith('/_next/') ||
    path.startsWith('/api/')
  )
    return undefined;
  if (!(request.headers.get('accept') ?? '').includes('text/html')) return undefined;
  if (authMode() !== 'user') return undefined;
  if (request.headers.has('authorization') || cookieValue(request.headers.get('cookie'), SESSION_COOKIE))
    return undefined;
  const target = `/sign-in?next=${encodeURIComponent(path + request.nextUrl.search)}`;
  // A rewrite cannot carry a status, so the 401 is a small page of its own that moves on to the form.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · meshwatch</title>
<meta name="color-scheme" content="light dark"><meta http-equiv="refresh" content="0;url=${target}"></head>
<body style="font:14px system-ui;margin:3rem"><h1 style="font-size:18px">Sign in to meshwatch</h1>
<p>This meshwatch acts with your own Kubernetes identity. <a href="${target}">Continue to sign-in</a>.</p></body></html>`;
  return new Response(html, {
    status: 401,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'www-authenticate': 'Bearer realm="meshwatch"',
      'x-robots-tag': 'noindex, nofollow',
    },
  });
}

export function proxy(request: NextRequest): Response | undefined {
  if ((PROBE_PATHS as readonly string[]).includes(request.nextUrl.pathname)) return undefined;
  try {
    checkMethod(request);
    checkHost(request);
    return signInPage(request);
  } catch (err) {
    recordRefusal(request, err);
    // next.config.js's headers do not reach an answer the proxy makes itself.
    const response = errorResponse(err);
    response.headers.set('x-robots-tag', 'noindex, nofollow');
    return response;
  }
}

// Next copies the whole body of every request the proxy sees (up to 10 MB) and holds the answer until
// the upload has ended, even when the proxy refuses it. So the proxy only sees requests without a body
// or with a declared body of at most 4 digits of bytes; anything larger or chunked goes straight to the
// route, whose own Host/Origin/CSRF checks (lib/api/route.ts) run before it reads a byte and whose body
// reader stops at 4 KiB. Pages render no cluster data on the server, so skipping the proxy for them
// reveals nothing.
//
// The API under /api/v1/ skips the proxy too: every route there runs the same method and Host checks
// first (apiRoute, pinned by lib/api/api-routes.test.ts), and the proxy's pass cost ~1 ms of CPU per
// request, a third of a cached overview's (measured at 12,000 pods; README, bench:cluster). The one
// exception is a method Next cannot handle (instrumentation.ts parks it in x-meshwatch-method and hands
// Next an OPTIONS, which Next would answer itself without calling the route): the proxy answers it 405.
// Next reads this config at build time, so it is written out in literals (no constants).
export const config = {
  matcher: [
    {
      source: '/((?!api/v1/).*)',
      missing: [
        { type: 'header', key: 'content-length' },
        { type: 'header', key: 'transfer-encoding' },
      ],
    },
    {
      source: '/((?!api/v1/).*)',
      has: [{ type: 'header', key: 'content-length', value: '\\d{1,4}' }],
      missing: [{ type: 'header', key: 'transfer-encoding' }],
    },
    {
      source: '/api/v1/:path*',
      has: [{ type: 'header', key: 'x-meshwatch-method' }],
      missing: [
        { type: 'header', key: 'content-length' },
        { type: 'header', key: 'transfer-encoding' },
      ],
    },
    {
      source: '/api/v1/:path*',
      has: [
        { type: 'header', key: 'x-meshwatch-method' },
        { type: 'header', key: 'content-length', value: '\\d{1,4}' },
      ],
      missing: [{ type: 'header', key: 'transfer-encoding' }],
    },
  ],
};
