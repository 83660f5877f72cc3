FROM nginx:1.27
# archives are unpacked by ADD
ADD app.tar.gz /opt/app/
ADD "rootfs.tar.xz" /
ADD a.tgz b.tar.bz2 /opt/
# URLs are downloaded
ADD https://example.com/file.txt /tmp/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d http://example.com/a /tmp/
# Git repositories are cloned (BuildKit)
ADD git@github.com:moby/buildkit.git /src/buildkit
ADD git://example.com/repo.git /src/repo
# a source from an unknown build argument may be a URL
ARG SOURCE_URL
ADD ${SOURCE_URL} /tmp/
COPY nginx.conf /etc/nginx/nginx.conf
