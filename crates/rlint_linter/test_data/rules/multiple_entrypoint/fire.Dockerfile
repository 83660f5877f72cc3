FROM python:3.12-slim AS base
ENTRYPOINT ["python"]
# second ENTRYPOINT in the stage
ENTRYPOINT ["tini", "--", "python"]
FROM base
ENTRYPOINT ["python3"]
