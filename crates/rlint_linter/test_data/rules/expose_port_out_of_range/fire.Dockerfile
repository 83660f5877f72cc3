FROM nginx:1.27
# one digit too many
EXPOSE 80800
# with a protocol
EXPOSE 70000/udp
# the end of a range
EXPOSE 8000-65536
# the second of several ports
EXPOSE 80 99999/tcp
