FROM alpine
CMD ['sh', "-c"]
RUN ["echo", "a",]
