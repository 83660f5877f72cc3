FROM debian:12
RUN curl -fsSL https://example.com/a -o /a
RUN wget -q https://example.com/c
RUN pip install --index-url https://pypi.org/simple requests
RUN npm config set strict-ssl true && git config --global http.sslVerify true
RUN apt-get install -y foo && apk add --no-cache curl
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1
RUN echo "curl -k is bad" && grep -- --insecure /etc/x
# local package files and commands that download nothing
RUN apk add --no-cache --allow-untrusted /tmp/packages/nginx-module.apk && apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz /tmp/*.apk
RUN yum -y --nogpgcheck localinstall /tmp/bcl2fastq2.rpm && apt-get purge -y --force-yes curl
# a local package file is not downloaded
RUN tdnf install -y --nogpgcheck ./local.rpm
