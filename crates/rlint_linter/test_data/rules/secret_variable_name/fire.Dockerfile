FROM node:22-alpine
# a well-known credential variable
ARG NPM_TOKEN
# contains `password`, in any case
ENV DB_Password=changeme
# legacy ENV form; the second pair of a multi-pair ARG
ENV GITHUB_TOKEN ghp_example
ARG VERSION=1 API_SECRET
# ONBUILD ARG applies to child builds
ONBUILD ARG private_key
# contains `token` after a real `tokenizer` word
ENV TOKENIZER_AUTH_TOKEN=x
