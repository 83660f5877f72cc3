FROM node:22-alpine AS web
WORKDIR /app
COPY . .
# npm ci after the whole context
RUN npm ci
FROM python:3.13-slim AS api
WORKDIR /app
ADD . /app
# the requirements file was only copied with everything else
RUN pip install --no-cache-dir -r requirements.txt
FROM golang:1.25 AS go
COPY ./ /src
WORKDIR /src
# go mod download, behind cd
RUN cd /src && go mod download
FROM ruby:3.4
COPY . /app
# bundle install and a bare yarn
RUN bundle install && yarn --frozen-lockfile
