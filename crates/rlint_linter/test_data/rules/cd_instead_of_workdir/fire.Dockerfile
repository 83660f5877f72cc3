FROM debian:12
# a plain cd
RUN cd /app && make
# inside a subshell, and a second cd in the same RUN
RUN (cd /src && ./configure) && cd /build && make install
# inside an sh -c string in exec form
RUN ["sh", "-c", "cd /opt && ls"]
# in a heredoc script
RUN <<EOF
cd /srv
./setup.sh
EOF
# an ONBUILD trigger
ONBUILD RUN cd /app && npm ci
