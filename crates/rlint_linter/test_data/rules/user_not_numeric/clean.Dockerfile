# builder stages and temporary switches are not the runtime user
FROM golang:1.22 AS build
USER builder
RUN go build -o /app .
FROM alpine:3.20
COPY --from=build /app /app
USER app
RUN echo hi
ARG UID
USER ${UID}:app
