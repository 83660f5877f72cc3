FROM python:3.11-slim AS build
RUN pip install --prefix=/install requests
FROM node:20 AS assets
RUN npm ci
# packages built for Python 3.11 copied into 3.12
FROM python:3.12-slim
COPY --from=build /install /usr/local
# Node 20 modules under Node 22
FROM node:22-alpine AS web
COPY --from=assets /node_modules /app/node_modules
