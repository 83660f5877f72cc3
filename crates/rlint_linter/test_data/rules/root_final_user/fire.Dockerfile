FROM golang:1.22 AS build
USER builder
RUN go build -o /app .

# the final stage never sets USER
FROM gcr.io/distroless/static
COPY --from=build /app /app
