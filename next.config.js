// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (tests, a dev server) use separate output folders.
  distDir: process.env.MESHWATCH_DIST_DIR || '.next',
  // client-node pulls in undici, ws and friends: load them from node_modules at run time, never bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
