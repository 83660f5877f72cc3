FROM python:3.12-slim AS base
# no WORKDIR yet
COPY requirements.txt .
# quoted relative destination
COPY --chown=app app.py "src/"
WORKDIR /app
# a WORKDIR in an unrelated stage does not count
FROM python:3.12-slim
COPY --from=base /app/app.py app.py
# a WORKDIR before FROM does not exist
FROM debian:12
COPY ["a", "b", "dest/"]
