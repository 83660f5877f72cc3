# a builder stage ending as root never runs: only the final image's user matters
FROM golang:1.22 AS build
USER root
RUN go build -o /app .
FROM alpine:3.20 AS base
USER root
RUN adduser -D app
FROM base
COPY --from=build /app /app
USER 0
RUN chown -R app /app
USER app
