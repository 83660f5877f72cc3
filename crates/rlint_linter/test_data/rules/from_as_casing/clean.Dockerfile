FROM golang:1.22 AS builder
from alpine:3.20 as final
# a mixed-case FROM is left to consistent-instruction-casing
From alpine:3.20 as third
FROM alpine:3.20
