FROM python:3.12-slim AS exec
ENTRYPOINT ["python", "-m", "app"]
CMD ["--port", "8080"]

FROM python:3.12-slim AS alone
ENTRYPOINT python -m app

FROM python:3.12-slim AS args
ENTRYPOINT exec python -m app "$@"
CMD ["--port", "8080"]

FROM python:3.12-slim AS base
CMD ["python"]

FROM base AS reset
# ENTRYPOINT clears the inherited CMD
ENTRYPOINT python -m app

FROM python:3.12-slim AS empty
ENTRYPOINT python -m app
CMD []
