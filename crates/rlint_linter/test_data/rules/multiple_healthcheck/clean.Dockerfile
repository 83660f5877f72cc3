FROM nginx:1.27 AS web
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
# one per stage is fine, also when the stage builds on another
FROM web
HEALTHCHECK NONE
# ONBUILD HEALTHCHECK is not counted
ONBUILD HEALTHCHECK CMD ["true"]
