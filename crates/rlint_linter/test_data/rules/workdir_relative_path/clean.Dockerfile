FROM node:20 AS base
WORKDIR /app
# relative to an absolute WORKDIR set before
WORKDIR src
FROM base AS child
# the parent stage set the directory
WORKDIR build
FROM alpine:3.20
ENV HOME_DIR=/home/app
WORKDIR $HOME_DIR
FROM alpine:3.20
ARG DIR
# the value depends on the build
WORKDIR $DIR
