FROM scratch
FROM alpine:3.20 AS scratchpad
FROM alpine:3.20 AS build-context
