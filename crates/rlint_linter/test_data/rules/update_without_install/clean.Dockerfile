FROM debian:12
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get upgrade -y
RUN apt-get update && apt-cache policy curl
# a script may install
RUN apt-get update && ./install-deps.sh
FROM alpine:3.22
RUN apk update && apk add curl
