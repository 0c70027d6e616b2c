import type { ColumnType } from 'kysely';

/** A timestamptz column: written as Date or ISO string, read as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable timestamptz column. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A text[] column, read and written as a string array. */
export type TextArray = ColumnType<string[], string[], string[]>;

/** A date column: written as YYYY-MM-DD, read as a Date (midnight UTC) or a string. */
export type DateColumn = ColumnType<Date | string, string, string>;
