FROM node:20
ARG CONF=secrets
WORKDIR /app
# ignored directory
COPY node_modules ./node_modules
# a file inside an ignored directory
COPY build/app.js ./
# ignored by a pattern, as a JSON source
COPY ["debug.log", "./"]
# variables are expanded first
ADD config/$CONF /etc/app/
