FROM debian:12 AS one
RUN curl -fsSLO https://example.com/a.tar.gz
RUN curl -fsSLO https://example.com/b.tar.gz

# another stage starts afresh
FROM debian:12
RUN wget -q https://example.com/c.tar.gz
RUN apt-get install -y curl=7.88.1-10+deb12u8
RUN echo curl
