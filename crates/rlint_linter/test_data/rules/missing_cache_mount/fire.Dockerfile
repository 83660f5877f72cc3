# syntax=docker/dockerfile:1
FROM python:3.13-slim
COPY requirements.txt .
# pip without a cache mount
RUN pip install -r requirements.txt
# apt-get install and go mod download
RUN apt-get update && apt-get install -y git
FROM golang:1.25
RUN go mod download
