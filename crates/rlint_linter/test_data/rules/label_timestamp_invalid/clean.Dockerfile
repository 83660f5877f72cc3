# schema (schema.txt): org.opencontainers.image.created:rfc3339
FROM alpine:3.20
ARG BUILD_DATE
LABEL org.opencontainers.image.created=$BUILD_DATE
LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
LABEL org.opencontainers.image.created="2024-02-29T12:30:00.123456+05:30"
LABEL build-date="yesterday"
