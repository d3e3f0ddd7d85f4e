// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node pulls in undici, ws and friends: load them from node_modules at run time, never bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
