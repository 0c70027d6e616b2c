import { TweelingError } from '../errors.js';
import { DATA_ERRORS } from './errors.js';

/** The storage CRS of every geometry: RD New. */
export const STORAGE_SRID = 28992;

/** A CRS the API speaks, with how to get there from storage (OGC API Features Part 2). */
export interface ApiCrs {
  uri: string;
  srid: number;
  /** EPSG:4326 has latitude first; CRS84 and RD New have x (east) first. */
  latLonOrder: boolean;
  /** Decimals worth writing: degrees to ~1 cm, metres to 1 mm. */
  precision: number;
}

export const CRS84: ApiCrs = { uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', srid: 4326, latLonOrder: false, precision: 7 };
export const EPSG4326: ApiCrs = { uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', srid: 4326, latLonOrder: true, precision: 7 };
export const RD_NEW: ApiCrs = { uri: 'http://www.opengis.net/def/crs/EPSG/0/28992', srid: 28992, latLonOrder: false, precision: 3 };

/**
 * Where RD New applies (EPSG:28992's area of use with a margin), as lon/lat west, south, east, north.
 * Nothing is stored outside it, and PROJ fails on points far from it (a latitude of 100, say), so a
 * lon/lat bbox is cut to it before it is transformed.
 */
export const RD_AREA: readonly [number, number, number, number] = [2.5, 50, 8, 54.5];

/** A lon/lat box cut to {@link RD_AREA}; null when it misses that area. */
export function clipToRdArea([a, b, c, d]: readonly [number, number, number, number]): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Math.max(a, RD_AREA[0]), Math.max(b, RD_AREA[1]), Math.min(c, RD_AREA[2]), Math.min(d, RD_AREA[3])];
  return box[0] > box[2] || box[1] > box[3] ? null : box;
}

/** The CRSs offered for every collection. */
export const SUPPORTED_CRS: readonly ApiCrs[] = [CRS84, EPSG4326, RD_NEW];

const ALIASES: Record<string, ApiCrs> = {
  CRS84,
  'OGC:CRS84': CRS84,
  '[OGC:CRS84]': CRS84,
  'EPSG:4326': EPSG4326,
  '[EPSG:4326]': EPSG4326,
  'EPSG:28992': RD_NEW,
  '[EPSG:28992]': RD_NEW,
  'http://www.opengis.net/def/crs/EPSG/0/28992': RD_NEW,
  'http://www.opengis.net/def/crs/EPSG/0/4326': EPSG4326,
  'http://www.opengis.net/def/crs/OGC/1.3/CRS84': CRS84,
  'urn:ogc:def:crs:OGC:1.3:CRS84': CRS84,
  'urn:ogc:def:crs:EPSG::4326': EPSG4326,
  'urn:ogc:def:crs:EPSG::28992': RD_NEW,
};

/** Resolves a CRS given as URI, CURIE or EPSG code. @throws TWL_DATA_UNKNOWN_CRS (400) */
export function parseCrs(value: string, parameter: string): ApiCrs {
  const crs = ALIASES[value.trim()];
  if (!crs) {
    throw new TweelingError(DATA_ERRORS.UNKNOWN_CRS, `${parameter}: '${value}' wordt niet ondersteund; gebruik ${SUPPORTED_CRS.map((c) => c.uri).join(', ')}.`, [
      { path: `querystring.${parameter}`, message: 'unsupported CRS' },
    ]);
  }
  return crs;
}
