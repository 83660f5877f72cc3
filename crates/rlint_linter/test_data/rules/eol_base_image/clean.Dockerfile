# supported releases
FROM debian:12-slim AS a
FROM ubuntu:24.04 AS b
FROM alpine:3.22 AS c
FROM python:3.13-slim-bookworm AS d
FROM node:24-alpine AS e
# versions that only share a prefix with EOL ones
FROM python:3.100 AS f
FROM golang:1.2x AS g
# no version in the tag: not looked up
FROM python:slim AS h
# another registry's image with the same name
FROM ghcr.io/acme/node:14 AS i
# stages and scratch
FROM a AS j
FROM scratch
