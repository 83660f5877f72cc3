FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM --platform=linux/arm64 alpine:3.20 AS arm64
FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20
FROM alpine:3.20
