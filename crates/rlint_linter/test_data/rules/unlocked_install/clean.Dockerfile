FROM node:22-alpine AS a
COPY package*.json ./
RUN npm ci --omit=dev
# adding packages
RUN npm install -g npm@11
FROM node:22-alpine AS b
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
RUN yarn --immutable
FROM node:22-alpine AS c
# no lock file copied: npm install creates it
COPY package.json ./
RUN npm install
FROM node:22-alpine
COPY . .
RUN pnpm install
