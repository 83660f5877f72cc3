FROM node:22-slim
# no version
RUN npm install -g typescript
# the alias `i`, with a scoped package
RUN npm i @angular/cli
# `add`, and option values skipped before the package
RUN npm add --prefix /opt/tools --omit dev eslint
# a git URL without a ref
RUN npm install git+https://github.com/org/repo.git
# behind sudo, one of two packages unpinned
RUN sudo npm install -g pm2@5.4.2 nodemon
# an ONBUILD trigger
ONBUILD RUN npm install express
