FROM node:22-alpine AS web
WORKDIR /app
# manifests first
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
FROM python:3.13-slim AS api
COPY requirements/base.txt requirements.txt ./
COPY . .
RUN pip install -r requirements.txt
# installs that need the sources
RUN pip install .
# adding a package is not a manifest install
RUN npm install -g pnpm
FROM golang:1.25
# a directory copied first may hold the manifests
COPY deps/ /deps/
COPY . .
RUN go mod download
FROM alpine:3.22
COPY --from=web /app /app
RUN npm ci
