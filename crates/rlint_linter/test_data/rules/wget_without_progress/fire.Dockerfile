FROM debian:12
# the default progress bar
RUN wget https://example.com/a.tar.gz
# -O names the output file only
RUN wget -O /tmp/b.tar.gz https://example.com/b.tar.gz
# behind sudo
RUN sudo wget --tries=3 https://example.com/c.tar.gz
# -nc is not -nv
RUN wget -nc https://example.com/d.tar.gz
# in a pipe, behind an absolute path (quoted, so no fix)
RUN "/usr/bin/wget" -O- https://example.com/key | gpg --dearmor > /key.gpg
# an ONBUILD trigger
ONBUILD RUN wget https://example.com/e.tar.gz
