# trusted (trusted-registries.txt): registry.example.com, *.corp.example
ARG REGISTRY=ghcr.io
# Docker Hub is not trusted
FROM alpine:3.20 AS base
# another registry
FROM quay.io/prometheus/busybox:latest AS tools
# a global ARG default resolving to an untrusted registry
FROM ${REGISTRY}/org/app:1.0
# an image in COPY --from
COPY --from=gcr.io/distroless/static:nonroot /etc/passwd /etc/passwd
# an image mounted in RUN
RUN --mount=type=bind,from=docker.io/library/golang:1.23,source=/usr/local/go,target=/go true
