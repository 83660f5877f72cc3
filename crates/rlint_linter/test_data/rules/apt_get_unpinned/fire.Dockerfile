FROM debian:12
# curl is not pinned; the -o value is not a package; git is pinned
RUN apt-get update && apt-get install -y -o Dpkg::Options::=--force-confnew curl git=1:2.39.5-0+deb12u1
# behind sudo and an absolute path
RUN sudo /usr/bin/apt-get install -y wget
# exec form
RUN ["apt-get", "install", "-y", "jq"]
# a heredoc run by bash
RUN bash <<EOF
apt-get install -y make
EOF
# a list set earlier in the same RUN is checked word by word
RUN buildDeps='gcc libc6-dev=2.36-9' && apt-get install -y $buildDeps
# whatever the ARG holds, the word ends with a package name
ARG PHP_VERSION
RUN apt-get install -y php${PHP_VERSION}-redis
