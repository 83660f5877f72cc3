FROM golang:1.23 AS build
FROM node:22 AS web
# the same name again
FROM node:22 AS build
# names compare case-insensitively
FROM rust:1.82 AS Web
