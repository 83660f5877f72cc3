FROM --platform=$BUILDPLATFORM golang:1.25 AS build
RUN go build -o /app .
# the final image is built from a stage on the builder's platform
FROM --platform=${BUILDPLATFORM} alpine:3.22 AS base
COPY --from=build /app /app
FROM base
EXPOSE 8080
CMD ["/app"]
