FROM nginx:1.27
# host-port mapping
EXPOSE 8080:80
# IP address
EXPOSE 127.0.0.1:80:80/tcp
