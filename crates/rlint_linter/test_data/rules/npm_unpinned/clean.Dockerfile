FROM node:22-slim
RUN npm install
RUN npm ci --omit=dev
RUN npm install -g typescript@5.6.3 @angular/cli@17.3.8 npm@latest
RUN npm install ./local-package ../other /opt/pkg ~/pkg
RUN npm install https://example.com/pkg-1.0.0.tgz ./archive.tar.gz
RUN npm install git+https://github.com/org/repo.git#v1.0.0
RUN npm install --loglevel warn --registry https://registry.example.com
RUN npm install $PACKAGES
RUN npm run build && npm uninstall lodash
RUN yarn add express
