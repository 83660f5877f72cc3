FROM debian:12
SHELL ["/bin/bash", "-c"]
RUN ln -s /bin/sh /usr/local/bin/posix-sh
RUN ln -sf /usr/bin/python3 /usr/bin/python
RUN ln -t /usr/local/bin -s /bin/sh
RUN echo ln -sf /bin/bash /bin/sh
