FROM alpine
ENV A=1 B="two words" C=\$literal
ENV LEGACY value with spaces
LABEL org.opencontainers.image.title="x" version=${VERSION:-dev}
ARG NAME ARG2=default
