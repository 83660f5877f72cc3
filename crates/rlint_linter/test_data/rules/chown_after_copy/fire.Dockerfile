FROM node:22-alpine
WORKDIR /srv
COPY app ./app
# the copied tree is duplicated; the fix moves the owner into the COPY
RUN chown -R node:node /srv/app
COPY static /srv/static
# chmod of a directory holding copied files
RUN chmod -R 755 /srv && echo done
COPY config/ /etc/myapp/
# a clustered option and a target inside the copied directory
RUN chown -Rh node /etc/myapp/conf.d
