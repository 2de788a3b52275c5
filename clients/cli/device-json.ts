import type { Device } from "../ts/index.js";

/** A device as plain JSON: every Device and Geometry field, in proto field order, camelCase. */
export function deviceToJson(device: Device) {
  const g = device.geometry;
  return {
    name: device.name,
    path: device.path,
    geometry: {
      npugrp: g?.npugrp ?? 0,
      npunit: g?.npunit ?? 0,
      nchunk: g?.nchunk ?? 0,
      nsectr: g?.nsectr ?? 0,
      nbytes: g?.nbytes ?? 0,
      nbytesOob: g?.nbytesOob ?? 0,
    },
    wsMin: device.wsMin,
    wsOpt: device.wsOpt,
    mwCunits: device.mwCunits,
    mccap: device.mccap,
    verid: device.verid,
    capacityBytes: device.capacityBytes,
    maxCommandBytes: device.maxCommandBytes,
    maxAddressesPerCommand: device.maxAddressesPerCommand,
  };
}
