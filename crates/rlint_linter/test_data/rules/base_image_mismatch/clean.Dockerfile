# variants and patch versions may differ
FROM node:22.3 AS assets
RUN npm ci
FROM node:22.11-alpine AS web
COPY --from=assets /node_modules /app/node_modules
# a major-only tag agrees with any minor
FROM python:3 AS build
FROM python:3.12-slim AS app
COPY --from=build /install /usr/local
# different images, and SDK images installed side by side
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS sdk8
FROM mcr.microsoft.com/dotnet/sdk:6.0 AS sdk6
COPY --from=sdk8 /usr/share/dotnet /usr/share/dotnet
FROM alpine:3.22
COPY --from=build /install /usr/local
