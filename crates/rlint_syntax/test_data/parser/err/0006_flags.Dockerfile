FROM alpine
COPY --form=build /a /b
RUN --network=bridge --mount=type=cahce,target=/x make
HEALTHCHECK --interval=5 CMD true
COPY --chmod=999 a b
