FROM golang:1.23
# @latest is not a version
RUN go install golang.org/x/tools/gopls@latest
# no version at all
RUN go install -v github.com/go-delve/delve/cmd/dlv
# go get of a module without a version
RUN go get -u github.com/stretchr/testify
# go run of a remote package
RUN go run github.com/swaggo/swag/cmd/swag init
# behind an absolute path, @none
RUN /usr/local/go/bin/go get example.com/mod@none
# an ONBUILD trigger
ONBUILD RUN go install honnef.co/go/tools/cmd/staticcheck
