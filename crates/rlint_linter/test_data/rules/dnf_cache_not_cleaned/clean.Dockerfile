FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
RUN microdnf install -y httpd-2.4.62 && microdnf clean all
RUN dnf install -y httpd-2.4.62 && yum clean all
RUN dnf install -y httpd-2.4.62 && rm -rf /var/cache/dnf
RUN dnf install -y httpd-2.4.62 && rm -rf /var/cache/libdnf5/*
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4.62
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd-2.4.62
RUN --mount=type=cache,target=/home/app/.cache/libdnf5 dnf install -y httpd-2.4.62
# other subcommands and tools are not checked
RUN dnf makecache
RUN dnf remove -y httpd
RUN yum install -y httpd-2.4.6
