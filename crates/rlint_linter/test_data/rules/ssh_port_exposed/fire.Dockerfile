FROM ubuntu:24.04
# SSH next to the app
EXPOSE 22 8080
ARG SSH_PORT=22
# from an ARG, with protocol
EXPOSE ${SSH_PORT}/tcp
# in a range
EXPOSE 20-25
