// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (tests, a dev server) use separate output folders.
  distDir: process.env.MESHWATCH_DIST_DIR || '.next',
  // client-node pulls in undici, ws and friends: load them from node_modules at run time, never bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  // server.js plus the traced node_modules it needs: what the container image runs (Dockerfile).
  output: 'standalone',
  poweredByHeader: false,
  // The dashboard's buttons change production clusters in one click: no other site may frame it
  // (clickjacking), sniff its responses or learn its URLs through Referer.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          // An ops console: if someone exposes it, search engines still keep out (public/robots.txt too).
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
    ];
  },
  reactStrictMode: true,
};

export default nextConfig;
