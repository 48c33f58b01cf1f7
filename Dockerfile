# syntax=docker/dockerfile:1

# ---- build: dev dependencies, compile, then keep the production dependencies only -------------
# The full image has python3, make and g++, should sqlite3 have to compile its binding.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY scripts ./scripts
COPY web ./web
# npm run build = the web app (client types generated from the OpenAPI document, then Vite) + the server.
RUN npm run build && npm prune --omit=dev && npm cache clean --force

# ---- runtime: compiled server + production dependencies, as the unprivileged `node` user ------
# Same Debian release as the build stage, so native bindings (sqlite3) load as built.
FROM node:20-bookworm-slim AS runtime
# MALLOC_ARENA_MAX=2: glibc otherwise keeps per-thread arenas after the scrypt hashes of logins
# (measured: peak RSS under load 280 MB → 246 MB).
ENV NODE_ENV=production \
    PORT=3000 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The built web app, served at / (dist/config resolves ../../web/dist from the compiled code).
COPY --from=build --chown=node:node /app/web/dist ./web/dist
# Room for a SQLite file (DATABASE_URL=sqlite:data/habits.sqlite) when no PostgreSQL is used.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Liveness only (touches no dependency); docker-compose.yml checks readiness instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# start:prod is `exec node dist/main.js`: npm passes SIGTERM to node itself, which drains (SHUTDOWN_GRACE_MS).
CMD ["npm", "run", "start:prod"]
