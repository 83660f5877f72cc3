ARG BASE_TAG=3.20
ARG REGISTRY
FROM alpine:${BASE_TAG}
FROM ${REGISTRY:-docker.io}/library/alpine:${BASE_TAG}
# automatic platform ARGs need no declaration
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM alpine:3.20-$TARGETARCH
