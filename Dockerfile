# meshwatch's container image: install, `next build` (output: 'standalone'), a slim Node 24 runtime.
# Build: podman build -t meshwatch:0.1.0 .   (or docker build). Runs as UID 65532 on a read-only root
# filesystem; only /app/.next/cache and /tmp need to be writable (the chart mounts emptyDirs there).
ARG NODE_IMAGE=docker.io/library/node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Behind a TLS-intercepting proxy, pass its CA bundle (scripts/image.sh does: a build volume plus
# --build-arg NODE_EXTRA_CA_CERTS=<path inside>). Empty by default.
ARG NODE_EXTRA_CA_CERTS=
# npm ci: exactly the committed lock file, or fail.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# A context made by `scripts/image.sh --prebuilt` (what `npm test` uses, having just built the app from
# the same lock file) holds the host's standalone output in prebuilt/, laid out as below: it is used as
# it is instead of building a second time. Any other context is the source: `next build`.
RUN if [ -f prebuilt/server.js ]; then mkdir -p .next && mv prebuilt .next/standalone; \
  else node_modules/.bin/next build && mkdir -p public \
  && cp -r public .next/standalone/public \
  && cp -r .next/static .next/standalone/.next/static; fi \
  && mkdir -p .next/standalone/.next/cache

FROM ${NODE_IMAGE} AS runtime
# scripts/image.sh passes the package version, the git remote and commit. The project has not chosen
# a licence yet: NOASSERTION (SPDX) until it does.
ARG VERSION=0.1.0 SOURCE=unknown REVISION=unknown LICENSE=NOASSERTION
LABEL org.opencontainers.image.title="meshwatch" \
  org.opencontainers.image.description="See and fix Linkerd proxy injection across a Kubernetes cluster" \
  org.opencontainers.image.source="${SOURCE}" \
  org.opencontainers.image.revision="${REVISION}" \
  org.opencontainers.image.version="${VERSION}" \
  org.opencontainers.image.licenses="${LICENSE}"
WORKDIR /app
# HOSTNAME: the standalone server's listen address. Loopback: `kubectl port-forward` reaches it, the
# pod network does not. PORT: the dashboard's port.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=127.0.0.1 PORT=3000
# Memory and CPU (measured at 12,000 pods, README "Staying fast"): a 4 MiB young generation (1 MiB cost
# 6 points of CPU more for the same RSS), two malloc arenas, and buffers of 128 KiB and more mapped on
# their own (glibc otherwise raises that threshold after the first big free and keeps the freed pages).
# The heap ceiling is Node's own, from the container's memory limit (268 MiB under the chart's 512 MiB):
# RSS 204-219 MiB after sync and 252-272 MiB after churn. The same settings are in package.json's start
# script, scripts/demo.sh and bench:cluster (which also sets that ceiling).
ENV NODE_OPTIONS=--max-semi-space-size=4 MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
# Owned by root, read-only to the app; only the cache dir belongs to the app's user.
COPY --from=build /app/.next/standalone ./
COPY --from=build --chown=65532:65532 /app/.next/standalone/.next/cache ./.next/cache
USER 65532:65532
EXPOSE 3000
CMD ["node", "server.js"]
