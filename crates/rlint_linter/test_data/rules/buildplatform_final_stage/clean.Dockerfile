# the build stage may run natively
FROM --platform=$BUILDPLATFORM golang:1.25 AS build
RUN go build -o /app .
FROM --platform=$BUILDPLATFORM alpine:3.22 AS lint
RUN echo lint
# the final image follows the target platform
FROM --platform=$TARGETPLATFORM alpine:3.22
COPY --from=build /app /app
CMD ["/app"]
