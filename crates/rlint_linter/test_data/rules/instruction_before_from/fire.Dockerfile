# escape=\
ARG BASE=alpine:3.20
# a LABEL before the first FROM
LABEL org.opencontainers.image.title="app"
# ENV before FROM
ENV APP=1
FROM ${BASE}
RUN true
