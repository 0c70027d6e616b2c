export { buildApp, type BuildAppOptions } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, migrate, migrationStatus, type Db } from './db/index.js';
export { prepareDatabase, serve } from './serve.js';
export { seedDemo, DEMO_ORGANISATIONS } from './seed.js';
export { TweelingError, COMMON_ERRORS } from './errors.js';
