FROM nginx:1.27 AS web
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
# second in the same stage
HEALTHCHECK --interval=5m CMD ["curl", "-f", "http://localhost/health"]
# NONE counts as a HEALTHCHECK too
healthcheck NONE
FROM web
HEALTHCHECK NONE
