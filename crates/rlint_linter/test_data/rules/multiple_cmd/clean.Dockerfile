FROM python:3.12-slim AS base
CMD ["python", "-m", "http.server"]
FROM base
CMD ["python", "app.py"]
ONBUILD CMD ["python", "trigger.py"]
ENTRYPOINT ["tini", "--"]
