# the ARG default resolves to an untagged image
ARG BASE=debian
# no tag at all: floats to latest
FROM ubuntu
# registry with a port, still no tag
FROM localhost:5000/tools AS tools
FROM ${BASE}
