FROM alpine:3.20
# a release asset without --checksum
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
ARG BASE_URL=https://example.com
# resolved from an ARG default
ADD ${BASE_URL}/tool.tar.gz /opt/
# exec form
ADD ["http://example.com/a.txt", "/a.txt"]
