FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM --platform=${BUILDPLATFORM:-linux/amd64} node:22 AS web
FROM --platform=$TARGETPLATFORM alpine:3.20 AS target
FROM debian:12
