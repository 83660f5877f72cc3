FROM debian:12
# recommended packages are installed
RUN apt-get update && apt-get install -y curl
RUN apt-get -y install curl
# a setting that keeps recommends on
RUN apt-get install -y -o APT::Install-Recommends=true curl
# behind sudo and an absolute path
RUN sudo /usr/bin/apt-get install -y curl
# exec form (no fix)
RUN ["apt-get", "install", "-y", "curl"]
# in a heredoc run by bash
RUN bash <<EOF
apt-get install -y wget
EOF
# ONBUILD triggers are checked too
ONBUILD RUN apt-get install -y curl
