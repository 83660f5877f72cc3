ARG TAG=latest
# explicit latest
FROM node:latest
# latest through an ARG default
FROM python:${TAG}
