FROM node:22-alpine
COPY --chown=node:node app /srv/app
# not recursive
RUN chmod +x /srv/app/start.sh
# a directory nothing copied into
RUN chown -R node:node /var/cache/app
# a copy from another stage is left alone
COPY --from=node:22 /usr/local/bin/node /opt/node
RUN mkdir -p /data && chown -R node /data
# a relative target after cd is not followed
COPY config/ /etc/myapp/
RUN cd /etc && chown -R node myapp
