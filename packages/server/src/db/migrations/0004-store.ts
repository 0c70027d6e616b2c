/** The App Store room's tables (listings, trust, reviews, subscriptions …); written by the store room. */
export const sql = /* sql */ `
CREATE TABLE store_schema_marker (id integer PRIMARY KEY);
`;
