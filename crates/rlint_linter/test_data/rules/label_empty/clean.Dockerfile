# schema (schema.txt): org.opencontainers.image.revision:hash, org.opencontainers.image.description:text
FROM alpine:3.20
# the build passes the value
ARG GIT_SHA
LABEL org.opencontainers.image.revision=$GIT_SHA
LABEL org.opencontainers.image.description=" "
# not in the schema
LABEL other=""
