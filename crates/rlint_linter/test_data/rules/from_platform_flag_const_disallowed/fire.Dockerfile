# constant platform
FROM --platform=linux/amd64 golang:1.22 AS build
# the stage name does not mention arm64
FROM --platform=linux/arm64 alpine:3.20 AS arm
