FROM centos:7
# httpd and python3-pip have no version; the --enablerepo value is not a package
RUN yum install -y --enablerepo epel httpd python3-pip nginx-1.20.1 && yum clean all
# a module without a stream
RUN yum module install -y nodejs && yum clean all
# a known ARG value is checked word by word
ARG PKGS="vim git-1.8.3"
RUN yum install -y $PKGS && yum clean all
# behind sudo
RUN sudo yum install -y tar && sudo yum clean all
# ONBUILD triggers are checked too
ONBUILD RUN yum install -y make && yum clean all
