FROM golang:1.22 AS build
USER root
RUN go build -o /app .
FROM alpine:3.20 AS base
RUN adduser -D app
USER app
FROM base
COPY --from=build /app /app
# the final image ends as root (with a group)
USER root:root
