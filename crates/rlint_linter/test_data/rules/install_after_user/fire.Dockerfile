FROM debian:12
USER app
# apt-get install as a non-root user
RUN apt-get update && apt-get install -y curl
USER root
RUN apt-get install -y git
ARG RUNTIME_USER=1000:1000
USER ${RUNTIME_USER}
# the user comes from an ARG default that is not root
RUN /usr/bin/apt-get install -y vim

FROM alpine:3.20 AS base
USER nobody

FROM base
# USER is inherited from the parent stage
RUN apk add --no-cache bash
# dnf, yum, zypper as well
RUN dnf install -y make && yum install -y gcc && zypper in -y tar
# group installs need root as much as plain ones
RUN dnf groupinstall -y "Development Tools" && yum group install -y base
# aptitude and tdnf as well
RUN aptitude install -y git && tdnf install -y tar
