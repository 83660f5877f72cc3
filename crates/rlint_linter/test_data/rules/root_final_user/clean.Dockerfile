FROM debian:12 AS base
USER app

FROM base
COPY app /app

# a base image published to run unprivileged
FROM gcr.io/distroless/static-debian12:nonroot
COPY app /app
