FROM debian:12 AS builder
# a builder stage only copied from does not reach the image
RUN apt-get update && apt-get install -y build-essential

FROM debian:12
COPY --from=builder /out /out
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists
RUN apt-get update && apt-get install -y curl && rm -fr /var/lib/apt/lists/ /tmp/*
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/*
RUN apt-get update && apt-get install -y curl && apt-get distclean
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update
RUN <<EOF
set -e
apt-get update
apt-get install -y curl
rm -rf /var/lib/apt/lists/*
EOF
# installing without updating downloads no lists
RUN apt-get install -y curl
RUN echo apt-get update
RUN apt-get update && apt-get install -y curl && find /var/cache/apt/archives /var/lib/apt/lists -not -name lock -type f -delete
