ARG GO_VERSION
ARG BASE_IMAGE
# empty tag without a default
FROM golang:${GO_VERSION}
# empty image without a default
FROM ${BASE_IMAGE}
# not a reference at all
FROM TO_BE_REPLACED
