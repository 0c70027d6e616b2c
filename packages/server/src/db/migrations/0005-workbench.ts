/** The use-case workbench room's tables (use cases, canvas, stakeholders, stories …); written by the workbench room. */
export const sql = /* sql */ `
CREATE TABLE workbench_schema_marker (id integer PRIMARY KEY);
`;
