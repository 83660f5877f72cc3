FROM golang:1.22 AS build
RUN go build -o /out ./...
# same name, compared lowercased
FROM node:20 AS Build
# exact duplicate
FROM node:20 AS build
