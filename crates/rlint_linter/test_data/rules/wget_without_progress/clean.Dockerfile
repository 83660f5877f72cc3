FROM debian:12
RUN wget --progress=dot:giga https://example.com/a.tar.gz
RUN wget -q https://example.com/b.tar.gz
RUN wget -qO- https://example.com/key | gpg --dearmor > /key.gpg
RUN wget -nv https://example.com/c.tar.gz
RUN wget --quiet --no-verbose https://example.com/d.tar.gz
RUN wget -o /tmp/log https://example.com/e.tar.gz
RUN wget --append-output=/tmp/log https://example.com/f.tar.gz
RUN curl -fsSLO https://example.com/g.tar.gz
RUN echo wget https://example.com
