FROM node:20
# first WORKDIR of the stage is relative
WORKDIR app
FROM alpine:3.20
ENV DIR=srv
# relative once expanded
WORKDIR $DIR/app
