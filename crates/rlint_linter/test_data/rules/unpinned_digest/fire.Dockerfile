ARG BASE=alpine:3.22
FROM golang:1.25 AS build
FROM build AS test
# the final image's base, reached through an ARG default
FROM ${BASE} AS runtime
FROM runtime
