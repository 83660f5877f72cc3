FROM alpine:3.20
ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
ADD https://github.com/moby/buildkit.git#v0.14.0 /src
ADD git@github.com:moby/buildkit.git /src2
ADD app.tar.gz /opt/
ARG URL
ADD ${URL} /x
# verified by hand in the next RUN
ADD https://example.com/tool.tar.gz /tmp/tool.tar.gz
RUN echo "0123456789abcdef  /tmp/tool.tar.gz" | sha256sum -c -
