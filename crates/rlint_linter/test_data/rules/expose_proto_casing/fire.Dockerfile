FROM nginx:1.27
# uppercase protocol
EXPOSE 80/TCP
# mixed case, one finding per port
EXPOSE 53/Udp 443/tcp
