/** Codes shared by the kernel's typed arrays (no imports, so every module can use them). */

/** Boundary kinds, coded as small integers so threads share them in typed arrays. */
export const BOUNDARY_CLOSED = 0;
/** Free outflow at Manning normal depth for a prescribed slope. */
export const BOUNDARY_NORMAL_DEPTH = 1;
/** Free outflow with the water-surface slope of the first interior cell pair (zero gradient). */
export const BOUNDARY_ZERO_GRADIENT = 2;

/** Edge order in `KernelGrid.boundaryKind`: north, south, east, west. */
export const EDGE_NORTH = 0;
/** Southern edge. */
export const EDGE_SOUTH = 1;
/** Eastern edge. */
export const EDGE_EAST = 2;
/** Western edge. */
export const EDGE_WEST = 3;
