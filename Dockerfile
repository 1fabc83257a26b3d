# The Handoff server. Its state is in its ledger: give it PostgreSQL (HANDOFF_DATABASE_URL) and
# run as many copies as you like behind any load balancer; they share the one database. Without
# HANDOFF_DATABASE_URL it refuses to start, unless HANDOFF_EMBEDDED_LEDGER=one-instance asks for
# one instance on the embedded ledger (PGlite in /data, a volume: mount it to keep the ledger).
# Configuration comes from the environment (README, "Self-host"; docs/deploy.md).
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 HANDOFF_DATA_DIR=/data
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY tsconfig.json handoff.policy.yaml ./
# The embedded ledger's directory, writable by the user the server runs as (/app stays root's).
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8080
CMD ["node", "bin/handoff.mjs", "serve"]
