FROM alpine:3.20
# curl and git are not pinned; the --virtual name is not a package; jq is pinned
RUN apk add --no-cache --virtual .build-deps curl jq=1.7.1-r0 git
# global options before the subcommand, and a repository value
RUN apk --no-cache add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing tini
# a known ARG value is checked word by word
ARG PKGS="bash coreutils=9.5-r1"
RUN apk add --no-cache $PKGS
# behind sudo and an absolute path
RUN sudo /sbin/apk add --no-cache make
# exec form
RUN ["apk", "add", "--no-cache", "wget"]
# ONBUILD triggers are checked too
ONBUILD RUN apk add --no-cache gcc
# a list set earlier in the same RUN is checked word by word
RUN buildDeps="gcc musl-dev=1.2.5-r0" && apk add --no-cache --virtual .deps $buildDeps
# the known words of a partly unknown list are still checked
RUN DEPS="tzdata ${EXTRA:-} $(cat /extra)" && apk add --no-cache $DEPS
