FROM python:3.12-slim AS base
CMD ["python", "app.py"]
FROM base
# one per stage, not across FROM <stage>
CMD ["python", "other.py"]
ONBUILD CMD ["x"]
FROM alpine:3.20
CMD ["a"]
# check=skip=MultipleInstructionsDisallowed
CMD ["b"]
