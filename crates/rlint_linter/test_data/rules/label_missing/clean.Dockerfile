# schema (schema.txt): org.opencontainers.image.source:url
FROM golang:1.22 AS build
RUN go build -o /app .
FROM alpine:3.20 AS Base
LABEL org.opencontainers.image.source="https://github.com/example/app"
# inherits the label from `Base` (stage names compare case-insensitively)
FROM base
COPY --from=build /app /app
