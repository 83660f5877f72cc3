FROM golang:1.22 AS build
USER builder
RUN go build -o /app .
FROM alpine:3.20
COPY --from=build /app /app
RUN adduser -D -u 10001 app
USER 10001
RUN echo hi
# the user the image runs as, by name (the group part does not matter)
USER app:app
