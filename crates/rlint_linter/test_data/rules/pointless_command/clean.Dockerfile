FROM debian:12
RUN apt-get install -y vim=2:9.0.1378-2 procps=2:4.0.2-3 openssh-client=1:9.2p1-2
RUN echo service && printf 'ps\n'
RUN pkill -f x || systemctl enable nginx
RUN command -v ssh
RUN mkdir -p /etc/service/nginx
