FROM alpine:3.20 AS base
FROM scratch AS final
FROM alpine:3.20 AS build-context
FROM scratch
