FROM golang:1.23
RUN go install golang.org/x/tools/gopls@v0.16.2
RUN go install ./cmd/... && go install .
RUN go build -o /out/app ./cmd/app
RUN go run main.go --port 8080
RUN go run . && go run ./tools/gen
RUN go run github.com/swaggo/swag/cmd/swag@v1.16.3 init
RUN go get -d ./...
RUN go mod download && go mod tidy
RUN go install -ldflags "-s -w" /src/cmd/app
RUN go install github.com/org/tool@${TOOL_VERSION}
RUN go install $TOOL
