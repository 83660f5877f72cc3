FROM node:22-slim
COPY package.json package-lock.json /app/
COPY a.txt b.txt "/data/"
COPY ["x.js", "y.js", "/srv/"]
# one source may go to a file
COPY server.js /app/index.js
# a glob is one source
COPY *.json /app
# ADD is not checked
ADD a.tar b.tar /opt
