# the ARG default resolves to an untagged image
ARG BASE=debian
# an ARG without default is empty in a plain build: no tag then
ARG VERSION
# no tag at all: floats to latest
FROM ubuntu
# registry with a port, still no tag
FROM localhost:5000/tools AS tools
FROM ${BASE}
# the optional tag is absent without build arguments
FROM alpine${VERSION:+":${VERSION}"}
