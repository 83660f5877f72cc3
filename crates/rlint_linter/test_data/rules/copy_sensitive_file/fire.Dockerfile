FROM node:20-slim
# npm credentials
COPY .npmrc package.json ./
# dotenv files
COPY .env /app/.env
ADD .env.production /app/
# SSH private key and directory
COPY id_rsa /root/.ssh/id_rsa
COPY .ssh/ /root/.ssh/
# keys and credentials
COPY certs/server.key secrets/key.pem /etc/ssl/private/
COPY ["~/.aws/credentials", "/root/.aws/credentials"]
COPY .docker/config.json .netrc .git-credentials .pypirc /root/
