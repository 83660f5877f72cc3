FROM python:3.12-slim AS base
CMD ["python", "-m", "http.server"]
# second CMD in the stage
CMD ["python", "app.py"]
# and a third, in shell form and lower case
cmd python other.py
FROM base
CMD ["python", "one.py"]
