FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
RUN yum install -y httpd-2.4.6 && yum clean all && rm -rf /tmp/*
RUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum
RUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum/*
RUN yum install -y httpd-2.4.6 && dnf clean all
RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6
RUN <<EOF
yum install -y httpd-2.4.6
yum clean all
EOF
# other subcommands and tools are not checked
RUN yum makecache
RUN dnf install -y httpd-2.4.62
