# a constant platform
FROM --platform=linux/amd64 golang:1.23 AS build
# quoted constant
FROM --platform="linux/arm64" alpine:3.20
# another variable, holding a constant
ARG PLATFORM=linux/amd64
FROM --platform=$PLATFORM debian:12
