export { appendAudit, verifyAuditChain, listAudit, type Actor, type AuditEvent, type ChainVerification } from './service.js';
export { GENESIS_HASH, entryHash, payloadDigest } from './chain.js';
export { auditRoutes } from './routes.js';
