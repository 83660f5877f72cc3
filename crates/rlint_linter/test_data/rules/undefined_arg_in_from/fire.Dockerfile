ARG BASE_TAG=3.20
ARG REGISTRY
# misspelt name, suggestion offered
FROM alpine:${BASE_TGA}
# an ARG after the first FROM does not count
ARG LATE=1
FROM ${REGISTRY}/app:$LATE
# undeclared platform variable
FROM --platform=$BULIDPLATFORM alpine:3.20
