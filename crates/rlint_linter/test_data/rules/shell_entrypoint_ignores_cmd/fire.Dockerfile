FROM python:3.12-slim AS one
# shell form with a CMD after it
ENTRYPOINT python -m app
CMD ["--port", "8080"]

FROM python:3.12-slim AS two
CMD ["--debug"]
# CMD set before ENTRYPOINT in the same stage is kept
ENTRYPOINT exec python -m app

FROM one AS three
# the inherited shell-form ENTRYPOINT ignores this CMD
CMD ["--verbose"]
