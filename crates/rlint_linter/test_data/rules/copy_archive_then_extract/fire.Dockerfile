FROM debian:12-slim
# extracted with tar -x
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt
# old-style dash-less tar options
COPY tools.tar.bz2 /tmp/tools.tar.bz2
RUN cd /tmp && tar xjf tools.tar.bz2 && rm tools.tar.bz2
# the archive named at the destination, extracted behind sudo and an absolute path
COPY dist /tmp/dist.tgz
RUN sudo /bin/tar --extract --file=/tmp/dist.tgz
# a decompressor given a tarball
COPY data.tar.xz /tmp/
RUN unxz /tmp/data.tar.xz && tar -xf /tmp/data.tar -C /srv
