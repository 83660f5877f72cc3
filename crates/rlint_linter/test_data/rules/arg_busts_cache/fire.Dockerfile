FROM debian:12
# the install re-runs for every new APP_VERSION
ARG APP_VERSION=1.0
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN mkdir -p /opt/app
LABEL org.opencontainers.image.version=${APP_VERSION}
FROM alpine:3.22
ARG GIT_SHA
RUN apk add --no-cache git
RUN echo "$GIT_SHA" > /sha
FROM opensuse/leap:15.6
# zypper's short `in` installs as well
ARG BUILD_DATE
RUN zypper in -y curl
RUN echo "$BUILD_DATE" > /built
FROM photon:5.0
# so does tdnf
ARG RELEASE
RUN tdnf install -y tar
RUN echo "$RELEASE" > /release
