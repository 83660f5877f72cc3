# a builder stage without HEALTHCHECK is reported too (as hadolint)
FROM golang:1.23 AS build
RUN go build -o /app ./...
# the final stage has none
FROM alpine:3.20
COPY --from=build /app /app
