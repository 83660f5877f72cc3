# schema (schema.txt): org.opencontainers.image.version:semver
FROM alpine:3.20
ARG RELEASE
LABEL org.opencontainers.image.version=$RELEASE
LABEL org.opencontainers.image.version=1.2.0
LABEL org.opencontainers.image.version="2.0.0-rc.1+build.42"
LABEL version=v1
