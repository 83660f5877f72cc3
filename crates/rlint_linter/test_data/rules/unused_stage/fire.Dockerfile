# an unnamed stage nothing uses
FROM golang:1.25
RUN go build -o /out/tool ./cmd/tool
FROM alpine:3.22 AS base
# an unnamed stage only an unused unnamed stage copies from
FROM base
RUN echo one > /one
# an unnamed stage nothing uses
FROM alpine:3.22
COPY --from=2 /one /one
FROM base
COPY app /app
