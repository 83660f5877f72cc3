FROM python:3.12-slim AS base
ENTRYPOINT ["python"]
CMD ["app.py"]
FROM base
ENTRYPOINT ["python3"]
ONBUILD ENTRYPOINT ["python2"]
