FROM alpine:3.20
LABEL org.opencontainers.image.authors="jane@example.com"
LABEL maintainer=jane version=1.0 vendor_name=acme path/like=yes a=1 x9=2
LABEL "quoted.key"="value with Upper Case"
LABEL com.example.docker.thing=1
# ONBUILD labels belong to the child image's build
ONBUILD LABEL Invalid=1
# the build decides the key
ARG PREFIX
LABEL ${PREFIX}.version=1
