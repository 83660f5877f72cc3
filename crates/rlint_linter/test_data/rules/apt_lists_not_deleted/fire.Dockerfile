FROM debian:12 AS builder
# ONBUILD triggers fire in any stage, even one only copied from
ONBUILD RUN apt-get update

FROM debian:12 AS base
# ONBUILD triggers run in the child image, whatever stage holds them
ONBUILD RUN apt-get update && apt-get install -y curl
# used as the base of the final stage
RUN apt-get update && apt-get install -y curl

FROM base
COPY --from=builder /out /out
# no cleanup at all
RUN apt-get update && apt-get install -y curl
# removing something else is not cleanup
RUN apt-get update && apt-get install -y curl && rm -rf /tmp/build
# cleanup before the update does not help
RUN rm -rf /var/lib/apt/lists/* && apt-get -qq update && apt-get install -y curl
# apt and aptitude download the same lists
RUN apt update && apt install -y curl
RUN aptitude update && aptitude install -y curl
# behind sudo and an absolute path
RUN sudo /usr/bin/apt-get update && sudo apt-get install -y curl
# a cache mount on another directory
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl
# in a heredoc
RUN <<EOF
apt-get update
apt-get install -y curl
EOF
# only the second update is left uncleaned
RUN apt-get update && rm -rf /var/lib/apt/lists/* && apt-get update
