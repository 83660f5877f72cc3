FROM nginx:1.27
EXPOSE 80/tcp 53/udp 8080
