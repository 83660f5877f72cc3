# the default platform spelled out
FROM --platform=$TARGETPLATFORM alpine:3.20 AS base
# with braces
FROM --platform=${TARGETPLATFORM} debian:12
# quoted, the same value
FROM --platform="$TARGETPLATFORM" alpine:3.20 AS quoted
