FROM debian:12
WORKDIR /app
RUN make
RUN echo cd /app && mkdir -p cd
RUN make -C /src install
RUN git -C /repo pull
