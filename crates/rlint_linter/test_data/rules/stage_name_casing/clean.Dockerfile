FROM golang:1.22 AS builder
# uppercase image names are not stage names
FROM alpine:3.20 as final
FROM builder
