# $TARGETPLATFORM is the default
FROM --platform=$TARGETPLATFORM alpine:3.20
# braces and defaults too
FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20 AS second
