ARG GO_VERSION=1.22
ARG TAG
FROM golang:${GO_VERSION} AS build
# still valid without the variable
FROM busybox:stable${TAG}
FROM alpine:${TAG:-3.20}
FROM build
FROM scratch
ARG FLAVOR
