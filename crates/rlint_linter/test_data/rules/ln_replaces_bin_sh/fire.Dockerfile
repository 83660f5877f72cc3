FROM debian:12
# bash becomes /bin/sh
RUN ln -sf /bin/bash /bin/sh
# behind sudo, with a trailing slash
RUN sudo ln -s -f bash /bin/sh/
# an ONBUILD trigger
ONBUILD RUN ln -sf /bin/bash /bin/sh
