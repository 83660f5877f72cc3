ARG PY=3.7
# Debian 9 (stretch) ended long-term support in 2022
FROM debian:stretch-slim AS a
# Ubuntu 20.04 left standard support in 2025
FROM ubuntu:20.04 AS b
# a non-LTS Ubuntu release
FROM ubuntu:23.10 AS c
# CentOS images are no longer updated
FROM centos:7 AS d
# Alpine 3.18
FROM alpine:3.18.4 AS e
# Python 3.7, the version comes from an ARG default
FROM python:${PY}-slim AS f
# Node.js 18 through its codename
FROM node:hydrogen-alpine AS g
# the deprecated openjdk image
FROM openjdk:17-jdk-slim AS h
# Go 1.21
FROM golang:1.21-alpine AS i
# Ruby 2.7, PHP 7.4, PostgreSQL 11, MySQL 5.7
FROM ruby:2.7 AS j
FROM php:7.4-fpm AS k
FROM postgres:11-alpine AS l
FROM docker.io/library/mysql:5.7 AS m
# a supported Python on an EOL Debian release
FROM python:3.12-slim-buster AS n
# a supported Go on an EOL Alpine release
FROM golang:1.26-alpine3.17
