# schema (schema.txt): org.opencontainers.image.version:semver, strict labels on
FROM alpine:3.20
# `build-host` is not in the schema
LABEL org.opencontainers.image.version="1.4.0" build-host="ci-7"
# a typo of a schema label, quoted
LABEL "org.opencontainers.image.verison"="1.4.0"
