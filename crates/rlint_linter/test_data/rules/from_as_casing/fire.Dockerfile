# uppercase FROM, lowercase as
FROM golang:1.22 as builder
# lowercase from, uppercase AS
from alpine:3.20 AS final
# mixed-case as with uppercase FROM
FROM alpine:3.20 As other
