import { type DescFile, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import type { PackageDefinition } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import { file_lightnvm_v1_async_context } from "../gen/ts/lightnvm/v1/async_context_pb.js";
import { file_lightnvm_v1_cluster } from "../gen/ts/lightnvm/v1/cluster_pb.js";
import { file_lightnvm_v1_device } from "../gen/ts/lightnvm/v1/device_pb.js";
import { file_lightnvm_v1_stats } from "../gen/ts/lightnvm/v1/stats_pb.js";

function withDependencies(files: readonly DescFile[], into = new Map<string, DescFile>()) {
  for (const file of files) {
    if (into.has(file.proto.name)) continue;
    into.set(file.proto.name, file);
    withDependencies(file.dependencies, into);
  }
  return into;
}

/**
 * gRPC server reflection (v1 and v1alpha) over the lightnvm.v1 API, so grpcurl and Postman can
 * list and call it. Built from protobuf-es's embedded descriptors: the files the services use
 * and everything they import.
 */
export function createReflectionService(): ReflectionService {
  const files = withDependencies([
    file_lightnvm_v1_device,
    file_lightnvm_v1_async_context,
    file_lightnvm_v1_stats,
    file_lightnvm_v1_cluster,
  ]);
  const fileDescriptorProtos = [...files.values()].map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)),
  );
  // The reflection service reads only `fileDescriptorProtos` of each package entry.
  const definition = { "lightnvm.v1": { fileDescriptorProtos } } as unknown as PackageDefinition;
  return new ReflectionService(definition);
}
