# the base stage
FROM alpine:3.20 AS base
# the Go toolchain version
ARG GO_VERSION=1.22

# several keys: the comment must start with one of them
ARG A=1 B=2
