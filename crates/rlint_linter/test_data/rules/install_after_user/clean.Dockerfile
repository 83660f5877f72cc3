FROM debian:12
RUN apt-get update && apt-get install -y curl
USER app
# sudo, gosu and su run as root
RUN sudo apt-get install -y git
RUN gosu root apt-get install -y git
# not an install
RUN apt-get --version && apk info
USER root
RUN apt-get install -y vim
USER 0:0
RUN apk add git
ARG WHO
USER $WHO
# unknown user
RUN apt-get install -y less
ONBUILD RUN apt-get install -y make

FROM alpine:3.20
# the base image's user is not known
RUN apk add bash
