# builder stages are not checked
FROM golang:1.25 AS build
FROM alpine:3.22@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419 AS runtime
COPY --from=build /out /out
FROM runtime
