FROM python:3.12-slim AS base
CMD ["python", "app.py"]
ENTRYPOINT ["./run.sh"]
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN echo shell form is fine for RUN
FROM base AS windows
SHELL ["powershell", "-Command"]
CMD Write-Host hello
FROM windows AS child
# SHELL in a parent stage chose the shell on purpose
ENTRYPOINT Start-Service app
ONBUILD CMD echo trigger
