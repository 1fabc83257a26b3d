# The stateless Handoff server. All state lives in HubSpot, so run as many copies as you like
# behind any load balancer. Configuration comes from the environment (see README, "Self-host").
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY tsconfig.json handoff.policy.yaml ./
USER node
EXPOSE 8080
CMD ["node", "bin/handoff.mjs", "serve"]
