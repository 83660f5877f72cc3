FROM debian:12-slim
ADD app.tar.gz /opt/
# a compressed file that is no tarball: ADD would not unpack it
COPY seed.sql.gz /tmp/
RUN gunzip /tmp/seed.sql.gz
# zip archives are not unpacked by ADD
COPY site.zip /tmp/
RUN unzip /tmp/site.zip -d /srv
# the archive is only listed, not extracted
COPY list.tar /tmp/
RUN tar -tf /tmp/list.tar
# copied from another stage
COPY --from=busybox:1.36 /x.tar.gz /tmp/
RUN tar -xzf /tmp/x.tar.gz
# extracted before it is copied (another file of the same name)
RUN tar -xzf /tmp/late.tar.gz
COPY late.tar.gz /tmp/
# extracted in another stage
FROM debian:12-slim
RUN tar -xzf /tmp/app.tar.gz
