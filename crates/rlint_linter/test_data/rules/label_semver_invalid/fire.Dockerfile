# schema (schema.txt): org.opencontainers.image.version:semver
FROM alpine:3.20
# two parts only
LABEL org.opencontainers.image.version="1.2"
# a `v` prefix
LABEL org.opencontainers.image.version=v1.2.3
# leading zero
LABEL org.opencontainers.image.version=1.02.0
# the ARG default is not a version
ARG VERSION=latest
LABEL org.opencontainers.image.version=$VERSION
