# base is the stage everything builds on
FROM alpine:3.20 AS base
# GO_VERSION is the Go toolchain version
ARG GO_VERSION=1.22
# a comment separated by a lone hash line
#
ARG OTHER=1
# B is the second key
ARG A=1 B=2
ARG NO_COMMENT
# unnamed stages have nothing to describe
FROM alpine:3.20
