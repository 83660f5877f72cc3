RUN echo no stage
FROM alpine
# escape=`
