FROM debian:12 AS build
RUN curl -fsSLO https://example.com/a.tar.gz
# wget after curl in the same stage
RUN wget -q https://example.com/b.tar.gz
# later uses of either are reported too
RUN curl -fsSLO https://example.com/c.tar.gz
# both in one RUN (behind sudo)
FROM debian:12
RUN sudo curl -fsSLO https://example.com/d && wget -q https://example.com/e
