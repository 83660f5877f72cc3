# syntax=docker/dockerfile:1
FROM python:3.13-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
# told not to cache
RUN pip install --no-cache-dir flask
FROM alpine:3.22
RUN apk add --no-cache curl
