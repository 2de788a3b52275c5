import { create } from "@bufbuild/protobuf";
import type { Logger } from "pino";
import type { DeviceServiceServer } from "../../gen/ts/lightnvm/v1/device_grpc.js";
import {
  type ChunkDescriptor,
  ChunkDescriptorSchema,
  ChunkState,
  type Device,
  DeviceSchema,
  GetDeviceResponseSchema,
  ListDevicesResponseSchema,
  ReportChunksResponseSchema,
} from "../../gen/ts/lightnvm/v1/device_pb.js";
import { NVM_NADDR_MAX } from "../../native/binding/index.js";
import { principalOf } from "../auth/call-principal.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import type { ServedDevice } from "../devices/served-device.js";
import { invalidRequest } from "../errors.js";
import { serverStreamHandler } from "./server-stream-handler.js";
import { unaryHandler } from "./unary-handler.js";

/** Chunks per ReportChunks message when the client asks for 0. */
export const DEFAULT_REPORT_CHUNKS_PER_MESSAGE = 4096;
/** Most chunks per ReportChunks message. */
export const MAX_REPORT_CHUNKS_PER_MESSAGE = 16384;

const KNOWN_STATES = new Set<number>([
  ChunkState.FREE,
  ChunkState.CLOSED,
  ChunkState.OPEN,
  ChunkState.OFFLINE,
]);

/** The proto description of a served device. */
export function describeDevice(served: ServedDevice, maxCommandBytes: number): Device {
  const { device } = served;
  const g = device.geometry;
  return create(DeviceSchema, {
    name: served.name,
    path: device.path,
    geometry: {
      npugrp: g.npugrp,
      npunit: g.npunit,
      nchunk: g.nchunk,
      nsectr: g.nsectr,
      nbytes: g.nbytes,
      nbytesOob: g.nbytesOob,
    },
    wsMin: device.wsMin,
    wsOpt: device.wsOpt,
    mwCunits: device.mwCunits,
    mccap: device.mccap,
    verid: device.verid,
    capacityBytes: BigInt(g.tbytes),
    maxCommandBytes: BigInt(maxCommandBytes),
    maxAddressesPerCommand: NVM_NADDR_MAX,
  });
}

/** The DeviceService: the devices the server opened and their chunk reports. */
export function createDeviceService(
  log: Logger,
  devices: DeviceRegistry,
  maxCommandBytes: number,
): DeviceServiceServer {
  return {
    listDevices: unaryHandler(log, "ListDevices", (_request, call) =>
      create(ListDevicesResponseSchema, {
        devices: devices
          .visibleTo(principalOf(call))
          .map((d) => describeDevice(d, maxCommandBytes)),
      }),
    ),

    getDevice: unaryHandler(log, "GetDevice", (request, call) =>
      create(GetDeviceResponseSchema, {
        device: describeDevice(devices.get(request.name, principalOf(call)), maxCommandBytes),
      }),
    ),

    reportChunks: serverStreamHandler(log, "ReportChunks", async (request, sink, call) => {
      const caller = principalOf(call);
      const served = devices.get(request.device, caller);
      // The report shows only the chunks the caller holds the report right on.
      const reportable = caller.access.current.chunkCheck(caller, served.name, "report");
      const { device } = served;
      const npu = device.npu;
      const puEnd = request.puEnd ?? npu;
      if (puEnd > npu || request.puBegin > puEnd) {
        throw invalidRequest([
          {
            field: request.puEnd === undefined ? "pu_begin" : "pu_end",
            description: `PU range [${request.puBegin}, ${puEnd}) must lie within [0, ${npu}]`,
          },
        ]);
      }
      const unknown = request.states.findIndex((s) => !KNOWN_STATES.has(s));
      if (unknown >= 0) {
        throw invalidRequest([
          {
            field: `states[${unknown}]`,
            description: `not a chunk state: ${request.states[unknown]}`,
          },
        ]);
      }
      const wanted = new Set<number>(request.states);
      const pageSize = Math.min(
        MAX_REPORT_CHUNKS_PER_MESSAGE,
        request.maxChunksPerMessage || DEFAULT_REPORT_CHUNKS_PER_MESSAGE,
      );
      let page: ChunkDescriptor[] = [];
      const send = async () => {
        const chunks = page;
        page = [];
        await sink.send(create(ReportChunksResponseSchema, { chunks }));
      };
      // One parallel unit per native report keeps server memory to a unit's chunks.
      for (let pu = request.puBegin; pu < puEnd; pu++) {
        const group = Math.floor(pu / device.geometry.npunit);
        const punit = pu % device.geometry.npunit;
        for (const chunk of device.reportChunks({ group, punit, chunk: 0, sector: 0 })) {
          if (wanted.size > 0 && !wanted.has(chunk.state)) continue;
          if (!reportable(chunk)) continue;
          page.push(
            create(ChunkDescriptorSchema, {
              group: chunk.group,
              punit: chunk.punit,
              chunk: chunk.chunk,
              state: chunk.state,
              type: chunk.type,
              wearIndex: chunk.wearIndex,
              deviceAddress: chunk.deviceAddress,
              sectorCount: BigInt(chunk.sectorCount),
              writePointer: BigInt(chunk.writePointer),
            }),
          );
          if (page.length >= pageSize) await send();
          if (sink.signal.aborted) return;
        }
      }
      if (page.length > 0) await send();
    }),
  };
}
