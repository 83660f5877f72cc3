FROM scratch AS base
COPY app /app
# scratch has no shell
RUN /app --selftest
# distroless, and the stage built on it
FROM gcr.io/distroless/static-debian12 AS runtime
COPY app /app
CMD /app --port 8080
FROM runtime
ENTRYPOINT /app
HEALTHCHECK CMD /app --health
# chiseled .NET images have no shell either
FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled
CMD ./app
