FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./local.deb
RUN apt-get install -y -t bookworm-backports git=1:2.43.0-1~bpo12+1
RUN apt-get install -y $PACKAGES
RUN echo apt-get install curl
RUN cat <<EOF > /notes.txt
apt-get install -y make
EOF
# the value of the variable is unknown: it may be pinned
ARG CURL_VERSION
RUN apt-get install -y curl=${CURL_VERSION} $(cat /tmp/packages)
