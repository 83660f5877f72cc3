FROM golang:1.22 AS build
FROM node:20 AS build-web
FROM build AS final
