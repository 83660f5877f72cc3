FROM golang:1.22 AS build
RUN go build -o /app .
# settings of a stage that is only copied from
EXPOSE 8080
CMD ["/app"]
HEALTHCHECK CMD true
VOLUME /data
STOPSIGNAL SIGINT
ENTRYPOINT ["/app"]

FROM build AS tested
RUN go test ./...

FROM alpine:3.20 AS assets
# the stage is only mounted
EXPOSE 80

FROM gcr.io/distroless/static
COPY --from=tested /app /app
RUN --mount=from=assets,target=/a true
ENTRYPOINT ["/app"]
