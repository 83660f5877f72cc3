FROM node:20-slim AS build
COPY package.json .env.example ./
COPY .env.sample .env.template /app/
COPY id_rsa.pub /root/.ssh/authorized_keys
COPY certs/ca.pem certs/cert.pem certs/fullchain.pem /etc/ssl/
COPY ssh_config /etc/ssh/ssh_config
# the destination does not matter
COPY app.conf /root/.ssh/config

FROM node:20-slim
# another stage's files
COPY --from=build /root/.npmrc /root/.npmrc
# public keys and harmless SSH files
COPY jenkins.io-2026.key /war/jenkins-key.pub
COPY repo-signing.key /etc/apt/keyrings/
COPY cfg/.ssh/authorized_keys cfg/.ssh/known_hosts /root/.ssh/
