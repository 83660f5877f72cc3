FROM node:20-slim
# overwritten by the next ENV
ENV NODE_ENV=development
ENV NODE_ENV=production
# set twice in one instruction
ENV A=1 B=2 A=3
WORKDIR /app
COPY . .
# COPY and WORKDIR do not read it
ENV PORT=80
WORKDIR /srv
ENV PORT=8080
