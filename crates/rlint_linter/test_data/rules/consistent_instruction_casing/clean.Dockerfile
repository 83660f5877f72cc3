ARG base=alpine
# global ARGs are not counted
FROM alpine:3.20
RUN echo hello
ONBUILD RUN echo later
CMD ["sh"]
