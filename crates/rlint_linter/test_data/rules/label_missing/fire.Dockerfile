# schema (schema.txt): org.opencontainers.image.source:url
FROM golang:1.22 AS build
RUN go build -o /app .
# a target nothing uses, without the label
FROM alpine:3.20 AS debug
COPY --from=build /app /app
FROM alpine:3.20 AS base
LABEL org.opencontainers.image.version="1.0.0"
# the final image: neither it nor its parent `base` sets the label
FROM base
COPY --from=build /app /app
