FROM debian:12
# the index is cached in its own layer
RUN apt-get update
RUN apt-get install -y curl
# options before the subcommand
RUN apt-get -y update && echo done
FROM alpine:3.22
RUN apk update
FROM fedora:41
RUN dnf makecache
