FROM debian:12
# no -y
RUN apt-get update && apt-get install --no-install-recommends curl
# one -q is not enough
RUN apt-get -q install curl
# behind sudo and an absolute path
RUN sudo /usr/bin/apt-get install curl
# exec form (no fix: the JSON array is not rewritten)
RUN ["apt-get", "install", "curl"]
# in a heredoc
RUN <<EOF
apt-get install wget
EOF
# ONBUILD triggers are checked too
ONBUILD RUN apt-get install curl
