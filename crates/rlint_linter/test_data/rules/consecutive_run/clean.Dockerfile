FROM debian:12
RUN mkdir -p /app
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends make=4.3-4.1
RUN make
RUN --mount=type=cache,target=/root/.cache make build
RUN --network=none make test
ENV A=1
RUN ./configure
ONBUILD RUN make
RUN make install
# a chained RUN ends the series
RUN a && b
RUN c
# an unterminated heredoc (RL1003) is compared with nothing: its commands are unknown
RUN <<EOF
echo d
