import { create } from "@bufbuild/protobuf";
import test from "ava";
import { maxAddressesPerCommand, maxCommandSectors } from "../../clients/cli/command-plan.js";
import { DeviceSchema } from "../../gen/ts/lightnvm/v1/device_pb.js";

const device = (maxAddressesPerCommand: number, maxCommandBytes = 1n << 20n) =>
  create(DeviceSchema, {
    geometry: { nbytes: 4096 },
    maxCommandBytes,
    maxAddressesPerCommand,
  });

test("commands carry at most the addresses the server states per command", (t) => {
  t.is(maxAddressesPerCommand(device(64)), 64);
  t.is(maxAddressesPerCommand(device(16)), 16);
  t.is(maxCommandSectors(device(16)), 16);
  t.is(maxCommandSectors(device(16), 6), 12);
});

test("a server that states no max addresses per command gets one address per command", (t) => {
  t.is(maxAddressesPerCommand(device(0)), 1);
  t.is(maxCommandSectors(device(0)), 1);
});

test("a read or write also stays within max_command_bytes", (t) => {
  t.is(maxCommandSectors(device(64, 8n * 4096n)), 8);
});
