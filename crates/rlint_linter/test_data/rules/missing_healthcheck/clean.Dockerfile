FROM nginx:1.27 AS base
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
# inherits the HEALTHCHECK of its parent stage
FROM base AS web
# the parent of a stage that has one
FROM alpine:3.20 AS runtime
FROM runtime
HEALTHCHECK NONE
