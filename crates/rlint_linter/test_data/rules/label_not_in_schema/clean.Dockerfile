# schema (schema.txt): org.opencontainers.image.version:semver, strict labels on
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.0"
LABEL "org.opencontainers.image.version"=1.4.1
