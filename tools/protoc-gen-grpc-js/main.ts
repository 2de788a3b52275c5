// Entry point run by `buf generate`: reads a CodeGeneratorRequest on stdin
// and writes the CodeGeneratorResponse to stdout.
import { runNodeJs } from "@bufbuild/protoplugin";
import { protocGenGrpcJs } from "./protoc-gen-grpc-js.js";

runNodeJs(protocGenGrpcJs);
