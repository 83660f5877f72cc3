FROM ubuntu:24.04 AS app
EXPOSE 2222 8022 80/tcp
EXPOSE 22/udp
ARG PORT
EXPOSE $PORT

FROM alpine:3.20 AS sshd
# SSH is the product: the command runs sshd
EXPOSE 22 80
CMD ["/usr/sbin/sshd", "-D"]

FROM alpine:3.20
# only port 22: an SSH service
EXPOSE 22
ENTRYPOINT ["/entrypoint.sh"]
