# a default built from a value the build supplies stays unknown
ARG DERIVED=${TARGETPLATFORM}
ARG GPU
ARG BASE
ARG TAG=3.20
FROM alpine:${TAG} AS build
FROM build
FROM scratch
FROM ubuntu@sha256:0d39fcc8335d6d74d5502f6df2d30119ff4790ebbb60b364818d5112d9e3e932
FROM ${UNKNOWN_BASE}
FROM Build
FROM alpine:3.20 AS base-amd64
FROM alpine:3.20 AS base-arm64
# a stage chosen by the target architecture
FROM base-$TARGETARCH AS final
FROM scratch AS qdrant-cpu
# without build arguments this names the stage above
FROM qdrant-${GPU:+gpu-}${GPU:-cpu}
FROM exit-${DERIVED}
# BASE empty gives no valid reference
FROM ${BASE}-slim
