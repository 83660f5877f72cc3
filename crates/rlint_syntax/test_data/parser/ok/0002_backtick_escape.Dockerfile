# syntax=docker/dockerfile:1
# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN echo a `
    b
COPY C:\\src C:\\dst
