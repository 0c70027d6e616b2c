// Imported first by main.tsx, before any schema exists or is parsed: zod compiles parsers with
// `new Function` when it may, and the web app's CSP allows no eval (the probe alone is reported
// as a violation), so it runs without compiling.
import { config } from 'zod';

config({ jitless: true });
