FROM python:3.12-slim AS app
# shell-form CMD
CMD python app.py
# shell-form ENTRYPOINT
ENTRYPOINT ./run.sh --port 8080
# an empty CMD is shell form too
CMD
