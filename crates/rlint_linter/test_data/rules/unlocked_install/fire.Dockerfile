FROM node:22-alpine AS a
COPY package*.json ./
# npm install with a lock file copied
RUN npm install --omit=dev
FROM node:22-alpine AS b
COPY package.json yarn.lock ./
# yarn without --frozen-lockfile
RUN yarn install --production
RUN yarn
FROM node:22-alpine
COPY package.json pnpm-lock.yaml ./
RUN pnpm install
