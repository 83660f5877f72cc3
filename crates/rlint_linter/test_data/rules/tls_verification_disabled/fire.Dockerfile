FROM debian:12
# curl -k inside a cluster
RUN curl -fsSLk https://example.com/a -o /a
# long forms
RUN curl --insecure https://example.com/b && wget --no-check-certificate https://example.com/c
# pip trusted host
RUN pip install --trusted-host pypi.org requests
# npm and yarn strict-ssl
RUN npm config set strict-ssl false && yarn config set strict-ssl false
# git
RUN git -c http.sslVerify=false clone https://example.com/r.git && git config --global http.sslverify false
# package signatures
RUN apt-get install -y --allow-unauthenticated foo && apk add --allow-untrusted --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing gnu-libiconv
RUN yum install -y --nogpgcheck foo && rpm -i --nosignature https://example.com/foo.rpm
# environment
ENV GIT_SSL_NO_VERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=0
ARG PYTHONHTTPSVERIFY=0
# shell assignments
RUN export GIT_SSL_NO_VERIFY=true && NODE_TLS_REJECT_UNAUTHORIZED=0 npm install
# aptitude and tdnf like apt-get and yum
RUN aptitude install -y --allow-unauthenticated curl && tdnf install -y --nogpgcheck tar
