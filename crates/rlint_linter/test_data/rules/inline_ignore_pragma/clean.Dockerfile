# hadolint global ignore=DL3018
FROM alpine:3.20
# hadolint stage ignore=DL3008
RUN apk add --no-cache curl
# just a comment about hadolint
RUN echo "# hadolint ignore=DL3018"
