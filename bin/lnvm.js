#!/usr/bin/env node
// The `lnvm` executable: registers tsx so Node can load the TypeScript sources, then runs the
// CLI. The import is dynamic so that it happens after the loader is registered.
import { register } from "tsx/esm/api";

register();
await import("../clients/cli/main.ts");
