FROM centos:7
# no cleanup
RUN yum install -y httpd-2.4.6
# removing something else is not cleanup
RUN yum install -y httpd-2.4.6 && rm -rf /tmp/build
# the second install comes after the clean
RUN yum install -y httpd-2.4.6 && yum clean all && yum install -y vim-7.4
# a cache mount elsewhere
RUN --mount=type=cache,target=/root/.cache sudo yum groupinstall -y "Development Tools"
# ONBUILD triggers are checked too
ONBUILD RUN yum install -y httpd-2.4.6
