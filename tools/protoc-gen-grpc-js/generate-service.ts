import type { DescMethod, DescService } from "@bufbuild/protobuf";
import type { GeneratedFile, ImportSymbol, Printable } from "@bufbuild/protoplugin";

const GRPC_JS = "@grpc/grpc-js";

/**
 * Members of grpc-js's `Client`; an RPC whose lowerCamelCase name equals one
 * would shadow it on the generated client.
 */
const CLIENT_MEMBERS = new Set([
  "close",
  "getChannel",
  "waitForReady",
  "makeUnaryRequest",
  "makeClientStreamRequest",
  "makeServerStreamRequest",
  "makeBidiStreamRequest",
  "constructor",
]);

interface GrpcSymbols {
  readonly Buffer: ImportSymbol;
  readonly makeGenericClientConstructor: ImportSymbol;
  readonly type: (name: string) => ImportSymbol;
}

/**
 * Prints, for one service, the grpc-js service definition, the server
 * interface and the typed client (interface and constructor).
 *
 * Throws if an RPC's name would shadow a member of grpc-js's `Client`.
 */
export function generateService(f: GeneratedFile, service: DescService): void {
  for (const method of service.methods) {
    if (CLIENT_MEMBERS.has(method.localName)) {
      throw new Error(
        `${service.typeName}.${method.name}: method name "${method.localName}" collides with a member of grpc-js Client`,
      );
    }
  }
  const grpc: GrpcSymbols = {
    Buffer: f.import("Buffer", "node:buffer"),
    makeGenericClientConstructor: f.import("makeGenericClientConstructor", GRPC_JS),
    type: (name) => f.import(name, GRPC_JS, true),
  };
  generateDefinition(f, service, grpc);
  generateServer(f, service, grpc);
  generateClient(f, service, grpc);
}

function generateDefinition(f: GeneratedFile, service: DescService, grpc: GrpcSymbols): void {
  const { toBinary, fromBinary } = f.runtime;
  f.print(
    f.jsDoc(
      `grpc-js service definition of ${service.typeName}: pass it to \`Server.addService\`.\n` +
        "Messages are encoded with protobuf-es; serialization wraps the encoded bytes without copying.\n\n" +
        `@generated from service ${service.typeName}`,
    ),
  );
  f.print(f.export("const", definitionName(service)), " = {");
  for (const method of service.methods) {
    const input = f.importShape(method.input);
    const output = f.importShape(method.output);
    const inputSchema = f.importSchema(method.input);
    const outputSchema = f.importSchema(method.output);
    f.print(f.jsDoc(method, "  "));
    f.print("  ", method.localName, ": {");
    f.print("    path: ", f.string(`/${service.typeName}/${method.name}`), ",");
    f.print(
      "    requestStream: ",
      method.methodKind === "client_streaming" || method.methodKind === "bidi_streaming",
      ",",
    );
    f.print(
      "    responseStream: ",
      method.methodKind === "server_streaming" || method.methodKind === "bidi_streaming",
      ",",
    );
    f.print("    requestSerialize: (value: ", input, "): ", grpc.Buffer, " => {");
    f.print("      const bytes = ", toBinary, "(", inputSchema, ", value);");
    f.print(
      "      return ",
      grpc.Buffer,
      ".from(bytes.buffer, bytes.byteOffset, bytes.byteLength);",
    );
    f.print("    },");
    f.print(
      "    requestDeserialize: (bytes: ",
      grpc.Buffer,
      "): ",
      input,
      " => ",
      fromBinary,
      "(",
      inputSchema,
      ", bytes),",
    );
    f.print("    responseSerialize: (value: ", output, "): ", grpc.Buffer, " => {");
    f.print("      const bytes = ", toBinary, "(", outputSchema, ", value);");
    f.print(
      "      return ",
      grpc.Buffer,
      ".from(bytes.buffer, bytes.byteOffset, bytes.byteLength);",
    );
    f.print("    },");
    f.print(
      "    responseDeserialize: (bytes: ",
      grpc.Buffer,
      "): ",
      output,
      " => ",
      fromBinary,
      "(",
      outputSchema,
      ", bytes),",
    );
    f.print("    originalName: ", f.string(method.name), ",");
    f.print("  },");
  }
  f.print("} satisfies ", grpc.type("ServiceDefinition"), "<", serverName(service), ">;");
  f.print();
}

function generateServer(f: GeneratedFile, service: DescService, grpc: GrpcSymbols): void {
  f.print(
    f.jsDoc(
      `Handlers implementing ${service.typeName} on a grpc-js \`Server\`, one per RPC.\n\n` +
        `@generated from service ${service.typeName}`,
    ),
  );
  f.print(
    f.export("interface", serverName(service)),
    " extends ",
    grpc.type("UntypedServiceImplementation"),
    " {",
  );
  for (const method of service.methods) {
    const handler = grpc.type(handlerTypeName(method));
    f.print(f.jsDoc(method, "  "));
    f.print(
      "  ",
      method.localName,
      ": ",
      handler,
      "<",
      f.importShape(method.input),
      ", ",
      f.importShape(method.output),
      ">;",
    );
  }
  f.print("}");
  f.print();
}

function generateClient(f: GeneratedFile, service: DescService, grpc: GrpcSymbols): void {
  const Metadata = grpc.type("Metadata");
  const CallOptions = grpc.type("CallOptions");
  f.print(
    f.jsDoc(
      `A grpc-js client of ${service.typeName}.\n\n@generated from service ${service.typeName}`,
    ),
  );
  f.print(f.export("interface", clientName(service)), " extends ", grpc.type("Client"), " {");
  for (const method of service.methods) {
    const input = f.importShape(method.input);
    const output = f.importShape(method.output);
    const name = method.localName;
    const callback: Printable = [grpc.type("requestCallback"), "<", output, ">"];
    const options: Printable = ["Partial<", CallOptions, ">"];
    f.print(f.jsDoc(method, "  "));
    // One overload per line: `  name(param: Type, ...): Call;`.
    const overload = (params: (readonly [string, Printable])[], call: Printable) => {
      const parts: Printable[] = ["  ", name, "("];
      params.forEach(([param, type], i) => {
        parts.push(i > 0 ? ", " : "", param, ": ", type);
      });
      parts.push("): ", call, ";");
      f.print(...parts);
    };
    const request = ["request", input] as const;
    const cb = ["callback", callback] as const;
    switch (method.methodKind) {
      case "unary": {
        const call = grpc.type("ClientUnaryCall");
        overload([request, cb], call);
        overload([request, ["metadata", Metadata], cb], call);
        overload([request, ["options", options], cb], call);
        overload([request, ["metadata", Metadata], ["options", options], cb], call);
        break;
      }
      case "server_streaming": {
        const call: Printable = [grpc.type("ClientReadableStream"), "<", output, ">"];
        overload([request, ["options?", options]], call);
        overload([request, ["metadata?", Metadata], ["options?", options]], call);
        break;
      }
      case "client_streaming": {
        const call: Printable = [grpc.type("ClientWritableStream"), "<", input, ">"];
        overload([cb], call);
        overload([["metadata", Metadata], cb], call);
        overload([["options", options], cb], call);
        overload([["metadata", Metadata], ["options", options], cb], call);
        break;
      }
      case "bidi_streaming": {
        const call: Printable = [grpc.type("ClientDuplexStream"), "<", input, ", ", output, ">"];
        overload([["options?", options]], call);
        overload(
          [
            ["metadata?", Metadata],
            ["options?", options],
          ],
          call,
        );
        break;
      }
    }
  }
  f.print("}");
  f.print();
  f.print(
    f.jsDoc(
      `Constructs a ${service.typeName} client for \`address\` ("host:port" or any grpc-js target).\n\n` +
        `@generated from service ${service.typeName}`,
    ),
  );
  f.print(f.export("const", clientName(service)), " = ", grpc.makeGenericClientConstructor, "(");
  f.print("  ", definitionName(service), ",");
  f.print("  ", f.string(service.typeName), ",");
  f.print(") as unknown as {");
  f.print(
    "  new (address: string, credentials: ",
    grpc.type("ChannelCredentials"),
    ", options?: ",
    grpc.type("ClientOptions"),
    "): ",
    clientName(service),
    ";",
  );
  f.print("  readonly service: typeof ", definitionName(service), ";");
  f.print("  readonly serviceName: string;");
  f.print("};");
  f.print();
}

function handlerTypeName(method: DescMethod): string {
  switch (method.methodKind) {
    case "unary":
      return "handleUnaryCall";
    case "server_streaming":
      return "handleServerStreamingCall";
    case "client_streaming":
      return "handleClientStreamingCall";
    case "bidi_streaming":
      return "handleBidiStreamingCall";
  }
}

function definitionName(service: DescService): string {
  return `${service.name}Definition`;
}

function serverName(service: DescService): string {
  return `${service.name}Server`;
}

function clientName(service: DescService): string {
  return `${service.name}Client`;
}
