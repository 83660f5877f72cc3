FROM nginx:1.27
# a plain local file
ADD nginx.conf /etc/nginx/nginx.conf
# a directory, lower-case keyword
add static/ /usr/share/nginx/html/
# every source must qualify: the second is a plain file
ADD app.tar.gz config.yml /opt/app/
# quoted plain file
ADD "index.html" /usr/share/nginx/html/
# a JSON-form plain source
ADD ["site.conf", "/etc/nginx/conf.d/"]
# an ARG default resolving to a plain file
ARG CONF=default.conf
ADD --chown=nginx:nginx ${CONF} /etc/nginx/conf.d/
# a heredoc is a plain file too
ADD <<EOT /etc/motd
hello
EOT
