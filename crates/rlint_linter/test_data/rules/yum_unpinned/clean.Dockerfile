FROM centos:7
RUN yum install -y httpd-2.4.6-99.el7 nginx-1.20.1 vim-enhanced-7.4.629 && yum clean all
RUN yum install -y https://example.com/app-latest.noarch.rpm /tmp/local.rpm && yum clean all
RUN yum module install -y nodejs:18 && yum clean all
# groups have no version
RUN yum groupinstall -y "Development Tools" && yum group install -y "Base" && yum install -y @core
# an unknown variable may hold pinned packages
ARG PACKAGES
RUN yum install -y $PACKAGES && yum clean all
# other subcommands and tools are not checked
RUN yum remove -y httpd && yum update -y
RUN dnf install -y httpd
