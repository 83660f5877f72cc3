# versions
FROM node:22-alpine AS a
FROM python:3-slim AS b
# a codename of the distribution itself is a release
FROM debian:bookworm-slim AS c
FROM arm64v8/ubuntu:noble AS d
FROM buildpack-deps:bookworm AS e
# latest is DL3007's
FROM alpine:latest AS f
# a digest pins any tag
FROM node:lts@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419 AS g
# no tag is DL3006's
FROM ubuntu
