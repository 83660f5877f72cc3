FROM python:3.12-slim
# Hugging Face setting: "token" only as the start of "tokenizers"
ENV TOKENIZERS_PARALLELISM=false
ARG HF_TOKENISER=bert
ENV NODE_ENV=production PATH=/app/bin:$PATH
# the word appears only in a value
ENV MODE=password-less
RUN --mount=type=secret,id=npm,env=NPM_TOKEN echo ok
# a tool version and the path of a secret file are not secrets
ARG HELM_SECRETS_VERSION=4.6.5
ENV POSTGRES_PASSWORD_FILE=/run/secrets/db
