FROM golang:1.25
RUN go build -o /out/app .
# a named stage can be built with --target
FROM alpine:3.22 AS test
RUN echo test
FROM alpine:3.22 AS base
# used by index
FROM base
COPY --from=0 /out/app /app
