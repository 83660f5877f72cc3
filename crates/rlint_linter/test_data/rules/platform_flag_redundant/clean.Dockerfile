FROM --platform=$BUILDPLATFORM golang:1.23 AS build
FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20 AS base
FROM --platform=linux/amd64 debian:12
FROM alpine:3.20
