# a release channel
FROM node:lts AS a
# channel plus variant
FROM node:lts-alpine AS b
# a variant only: the runtime version floats
FROM python:slim AS c
FROM golang:alpine AS d
# a rolling distribution channel
FROM alpine:edge AS e
FROM debian:stable-slim AS f
# a distribution codename on a runtime image
FROM rust:bookworm AS g
# nginx's mainline channel
FROM nginx:mainline-alpine
