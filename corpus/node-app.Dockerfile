# syntax=docker/dockerfile:1
# A Node.js service built in two stages: dependencies are installed from the lock
# file before the sources are copied, so editing code does not re-run the install.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "healthcheck.js"]
CMD ["node", "server.js"]
