FROM debian:12
# used right away
ARG VERSION=1.0
RUN curl -o /tmp/x https://example.com/$VERSION && apt-get update && apt-get install -y curl
# read by apt itself
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y git
# a build script might read it from the environment
ARG BUILD_MODE
RUN apt-get install -y make && make
RUN echo $BUILD_MODE
# no RUN in between
ARG LABEL_VALUE
LABEL x=$LABEL_VALUE
# only cheap commands in between
ARG USER_ID=1000
RUN mkdir -p /home/app
RUN useradd -u $USER_ID app
# automatic platform ARGs
ARG TARGETARCH
RUN apt-get install -y jq
RUN echo $TARGETARCH
