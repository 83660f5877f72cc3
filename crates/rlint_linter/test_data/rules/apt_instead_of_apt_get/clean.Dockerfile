FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN apt-cache policy curl && apt-mark hold curl
# apt as a word, not a command
RUN echo apt && ls /etc/apt
